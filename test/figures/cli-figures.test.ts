import assert from 'node:assert/strict';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli } from '../helpers/cli.js';
import { smallExperiment, tempDir, writeExperiment } from '../helpers/experiment-files.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('validate accepts every shipped experiment, sampling checks included', async () => {
  const files = (await readdir(join(ROOT, 'experiments'))).filter((f) => f.endsWith('.yaml')).map((f) => join('experiments', f));
  const result = await cli(['validate', ...files], ROOT);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /gumbel-max-sampling\.yaml: ok \(sampling check, 8000 draws\)/);
});

test('run writes a sampling check (CSVs, figures, index.html); plot redraws it, or every one under a root; plot on a non-results directory exits 2', async () => {
  const dir = await tempDir();
  try {
    const file = await writeExperiment(dir, 'check.yaml', 'kind: sampling-check\nname: tiny-check\ndistribution:\n  logits: [0, 1, 2]\ndraws: 500\nreplications: 3\nrelaxed:\n  temperatures: [1, 0.1]\n  draws: 2\n');
    const run = await cli(['run', file, '--out', join(dir, 'out'), '--quiet'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /tiny-check: sampling check, chi-square [\d.]+ on 2 dof, p = /);
    const written = (await readdir(join(dir, 'out', 'tiny-check'))).sort();
    for (const f of ['frequencies.csv', 'p-values.csv', 'relaxed-draws.csv', 'metadata.json', 'index.html', 'frequencies.svg', 'p-values.png', 'relaxed-draws.vl.json']) {
      assert.ok(written.includes(f), `${f} in ${written.join(', ')}`);
    }
    const plot = await cli(['plot', join(dir, 'out', 'tiny-check')], dir);
    assert.equal(plot.code, 0, plot.stderr);
    // A root (as `run --out` leaves it) stands for the results directories in it.
    const root = await cli(['plot', join(dir, 'out')], dir);
    assert.equal(root.code, 0, root.stderr);
    assert.match(root.stdout, /tiny-check: \d+ files/);
    const bad = await cli(['plot', dir], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no metadata\.json here or in its subdirectories: not a results directory/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** The index.html that `run` writes for a small categorical experiment with these grid lines. */
async function indexHtmlOf(name: string, grid: string): Promise<string> {
  const dir = await tempDir();
  await writeExperiment(dir, `${name}.yaml`, smallExperiment(grid, name));
  const { code, stderr } = await cli(['run', `${name}.yaml`, '--out', 'out', '--quiet'], dir);
  assert.equal(code, 0, stderr);
  return readFile(join(dir, 'out', name, 'index.html'), 'utf8');
}

test('two sample counts: the slope table shows χ²/dof as —, not NaN', async () => {
  const html = await indexHtmlOf('two', '  estimator: [reinforce, reinforce-baseline]\n  samples: [2, 8]');
  assert.match(html, /Log-log slope of variance against n/);
  assert.doesNotMatch(html, /NaN/);
});

test('a sampling check with too few draws for its chi-square test says so', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'few.yaml', 'kind: sampling-check\nname: few\ndistribution:\n  logits: [0, 1, 2]\ndraws: 20\n');
  const { code, stderr } = await cli(['run', 'few.yaml', '--out', 'out', '--quiet'], dir);
  assert.equal(code, 0, stderr);
  // softmax([0, 1, 2]) puts 0.09 on the first class: 1.8 expected draws of 20.
  assert.match(stderr, /warning: few\.yaml: a class expects only 1\.8 draws; below 5 the chi-square p-value is unreliable: raise draws/);
});

test('one sample count: no slope, but the variance ratios to Gumbel-Softmax are still headline numbers', async () => {
  const html = await indexHtmlOf('one', '  estimator: [reinforce, gumbel-softmax]\n  temperature: [0.5]\n  samples: [10]');
  assert.match(html, /Variance relative to Gumbel-Softmax/);
  assert.doesNotMatch(html, /Log-log slope of variance against n/);
});

test('the report\'s Remake command names a backend other than the default and the shard, which change the CSV', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'remake.yaml', smallExperiment('  estimator: [reinforce]\n  samples: [1, 2]', 'remake'));
  const { code, stderr } = await cli(['run', 'remake.yaml', '--out', 'out', '--quiet', '--trials', '20', '--backend', 'cpu', '--shard', '1/2'], dir);
  assert.equal(code, 0, stderr);
  const html = await readFile(join(dir, 'out', 'remake', 'index.html'), 'utf8');
  assert.match(html, /Remake: <code>npx reparam-bench run remake\.yaml --trials 20 --backend cpu --shard 1\/2<\/code>/);
});
