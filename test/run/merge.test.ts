import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../src/experiment/input-error.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { mergeResults } from '../../src/run/merge.js';
import { runToDirectory } from '../../src/run/run-to-directory.js';
import { cli } from '../helpers/cli.js';
import { smallExperiment, tempDir, writeExperiment } from '../helpers/experiment-files.js';

// A swept objective field, so the CSV has a sweep column to read back (and the figure is variance-vs-target).
const experimentText = (samples = '[2, 5, 30]') => `name: grid
seed: 5
trials: 30
objective: { kind: bernoulli-quadratic, prob: 0.4, target: 0.45 }
grid:
  estimator: [reinforce, reinforce-baseline, gumbel-softmax]
  temperature: [0.5, 1]
  samples: ${samples}
  objective.target: [0.45, 0.499]
`;

async function setUp() {
  const dir = await tempDir();
  const file = await writeExperiment(dir, 'grid.yaml', experimentText());
  return { dir, loaded: await loadExperiment(file) };
}

test('3 shards run separately and merged are byte-identical to one run', async () => {
  const { dir, loaded } = await setUp();
  const single = await runToDirectory(loaded, { out: join(dir, 'single'), jobs: 1 });
  const shardDirs: string[] = [];
  const counts: number[] = [];
  for (const index of [1, 2, 3]) {
    const outcome = await runToDirectory(loaded, { out: join(dir, `shard-${index}`), jobs: 1, shard: { index, count: 3 } });
    const metadata = JSON.parse(await readFile(join(outcome.dir, 'metadata.json'), 'utf8'));
    assert.deepEqual(metadata.shard, { index, count: 3 });
    counts.push(outcome.cellsTotal);
    shardDirs.push(outcome.dir);
  }
  assert.equal(
    counts.reduce((a, b) => a + b),
    single.cellsTotal,
  );
  assert.ok(counts.every((n) => n > 0 && n < single.cellsTotal));

  // Roots (shard-i/) and result directories (shard-i/grid/) are both accepted.
  const [merged] = await mergeResults([join(dir, 'shard-1'), shardDirs[1] as string, join(dir, 'shard-3')], join(dir, 'merged'));
  assert.ok(merged);
  assert.deepEqual(merged.missing, []);
  assert.deepEqual(merged.duplicates, []);
  const csv = (path: string) => readFile(join(path, 'results.csv'), 'utf8');
  assert.equal(await csv(merged.dir), await csv(single.dir));
  assert.deepEqual((await readdir(merged.dir)).sort(), (await readdir(single.dir)).sort());
  const metadata = JSON.parse(await readFile(join(merged.dir, 'metadata.json'), 'utf8'));
  const singleMetadata = JSON.parse(await readFile(join(single.dir, 'metadata.json'), 'utf8'));
  assert.equal(metadata.shard, undefined);
  assert.equal(metadata.mergedFrom.length, 3);
  assert.deepEqual(
    metadata.cells.map((c: { seed: number }) => c.seed),
    singleMetadata.cells.map((c: { seed: number }) => c.seed),
  );
  assert.equal(
    await readFile(join(merged.dir, 'variance-vs-target.vl.json'), 'utf8'),
    await readFile(join(single.dir, 'variance-vs-target.vl.json'), 'utf8'),
  );

  // The same shard twice is reported as duplicates and changes nothing.
  const [again] = await mergeResults([...shardDirs, shardDirs[0] as string], join(dir, 'again'));
  assert.ok(again && again.duplicates.length > 0);
  assert.equal(await csv(again.dir), await csv(single.dir));
});

test('merge reports missing cells and writes nothing', async () => {
  const { dir, loaded } = await setUp();
  const shards = [];
  for (const index of [1, 3]) {
    shards.push((await runToDirectory(loaded, { out: join(dir, `s${index}`), jobs: 1, shard: { index, count: 3 } })).dir);
  }
  const second = await runToDirectory(loaded, { out: join(dir, 'probe'), jobs: 1, shard: { index: 2, count: 3 } });
  const [outcome] = await mergeResults(shards, join(dir, 'merged'));
  assert.ok(outcome);
  assert.equal(outcome.missing.length, second.cellsTotal);
  assert.deepEqual(await readdir(dir).then((names) => names.includes('merged')), false);
});

test('merge refuses a shard whose CSV lost one parameter row of a cell, and writes nothing', async () => {
  const dir = await tempDir();
  // Three parameters per cell, so a deleted row leaves the cell in the CSV, short of one row.
  const loaded = await loadExperiment(await writeExperiment(dir, 'x.yaml', smallExperiment('  estimator: [reinforce]\n  samples: [1, 2]', 'rows')));
  const shards = [];
  for (const index of [1, 2]) shards.push((await runToDirectory(loaded, { out: join(dir, `s${index}`), jobs: 1, shard: { index, count: 2 } })).dir);
  const csvFile = join(shards[0] as string, 'results.csv');
  const lines = (await readFile(csvFile, 'utf8')).split('\n');
  await writeFile(csvFile, [...lines.slice(0, 2), ...lines.slice(3)].join('\n'));
  await assert.rejects(
    mergeResults(shards, join(dir, 'merged')),
    (error: unknown) => error instanceof InputError && /results\.csv: cell .* has rows for alpha\[0\], alpha\[2\]; one run writes one per parameter: alpha\[0\], alpha\[1\], alpha\[2\]/.test(error.message),
  );
  assert.equal((await readdir(dir)).includes('merged'), false);
});

test('shards given the file\'s own seed, trials and samples on the command line merge with shards given none', async () => {
  const { dir, loaded } = await setUp();
  const single = await runToDirectory(loaded, { out: join(dir, 'single'), jobs: 1 });
  const plain = await runToDirectory(loaded, { out: join(dir, 'a'), jobs: 1, shard: { index: 1, count: 2 } });
  // The file says seed 5, trials 30, samples [2, 5, 30]: the same numbers, given explicitly (samples reordered).
  const explicit = await runToDirectory(loaded, {
    out: join(dir, 'b'),
    jobs: 1,
    shard: { index: 2, count: 2 },
    overrides: { seed: 5, trials: 30, samples: [30, 2, 5] },
  });
  const [merged] = await mergeResults([plain.dir, explicit.dir], join(dir, 'merged'));
  assert.ok(merged);
  assert.deepEqual(merged.missing, []);
  const csv = (path: string) => readFile(join(path, 'results.csv'), 'utf8');
  assert.equal(await csv(merged.dir), await csv(single.dir));
});

test('merge refuses shards of different seeds, trials, samples or experiment files', async () => {
  const { dir, loaded } = await setUp();
  const one = await runToDirectory(loaded, { out: join(dir, 'a'), jobs: 1, shard: { index: 1, count: 2 } });
  const otherSeed = await runToDirectory(loaded, {
    out: join(dir, 'b'),
    jobs: 1,
    shard: { index: 2, count: 2 },
    overrides: { seed: 99 },
  });
  await assert.rejects(mergeResults([one.dir, otherSeed.dir], join(dir, 'm1')), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.match(error.message, /seed differs from \S+: 99 here, 5 there/);
    return true;
  });

  const otherTrials = await runToDirectory(loaded, {
    out: join(dir, 'b2'),
    jobs: 1,
    shard: { index: 2, count: 2 },
    overrides: { trials: 31 },
  });
  await assert.rejects(mergeResults([one.dir, otherTrials.dir], join(dir, 'm1')), /trials differs/);

  const otherSamples = await runToDirectory(loaded, {
    out: join(dir, 'b3'),
    jobs: 1,
    shard: { index: 2, count: 2 },
    overrides: { samples: [2, 5] },
  });
  await assert.rejects(mergeResults([one.dir, otherSamples.dir], join(dir, 'm1')), /samples differs from \S+: \[2,5\] here, \[2,5,30\] there/);

  const edited = await writeExperiment(dir, 'grid.yaml', experimentText('[2, 5, 31]'));
  const otherFile = await runToDirectory(await loadExperiment(edited), {
    out: join(dir, 'c'),
    jobs: 1,
    shard: { index: 2, count: 2 },
    force: true,
  });
  await assert.rejects(mergeResults([one.dir, otherFile.dir], join(dir, 'm2')), /experiment file \(sha256\) differs/);
  await assert.rejects(mergeResults([join(dir, 'nothing-here')], join(dir, 'm3')), /nothing-here: no such directory/);
  await assert.rejects(mergeResults([dir], join(dir, 'm3')), /no metadata\.json here or in its subdirectories: not a results directory/);
});

test('CLI: merge refuses to replace results of a different experiment file of the same name, unless --force', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'grid.yaml', experimentText());
  await writeExperiment(dir, 'other.yaml', `${experimentText()}\n# another file of the same name\n`);
  const grid = await loadExperiment(join(dir, 'grid.yaml'));
  const shards = [];
  for (const index of [1, 2]) shards.push((await runToDirectory(grid, { out: join(dir, `s${index}`), jobs: 1, shard: { index, count: 2 } })).dir);
  await runToDirectory(await loadExperiment(join(dir, 'other.yaml')), { out: join(dir, 'root'), jobs: 1 });
  const metadataFile = join(dir, 'root', 'grid', 'metadata.json');
  const before = await readFile(metadataFile, 'utf8');

  const [refused, help] = await Promise.all([cli(['merge', ...shards, '--out', 'root'], dir), cli(['merge', '--help'], dir)]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /root\/grid holds results of a different experiment file \(\S*other\.yaml\); rename the experiment or pass --force to overwrite\n$/);
  assert.equal(await readFile(metadataFile, 'utf8'), before);
  assert.match(help.stdout, /--force +overwrite <out>\/<name>\/ even when it holds results of a different experiment file/);

  const overwritten = await cli(['merge', ...shards, '--out', 'root', '--force'], dir);
  assert.equal(overwritten.code, 0, overwritten.stderr);
  assert.match(JSON.parse(await readFile(metadataFile, 'utf8')).experiment.file, /grid\.yaml$/);
});

test('CLI: shards of several files (one a sampling check) run with --shard, then merge of the roots', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'grid.yaml', experimentText());
  await writeExperiment(
    dir,
    'check.yaml',
    `kind: sampling-check
name: check
seed: 1
distribution: { probs: [0.2, 0.3, 0.5] }
draws: 500
replications: 3
relaxed: { temperatures: [1], draws: 2 }
`,
  );
  const single = await cli(['run', 'grid.yaml', 'check.yaml', '--out', 'single', '--quiet', '--jobs', '1'], dir);
  assert.equal(single.code, 0, single.stderr);
  for (const index of [1, 2]) {
    const shard = await cli(['run', 'grid.yaml', 'check.yaml', '--out', `shards/s${index}`, '--shard', `${index}/2`, '--quiet', '--jobs', '2'], dir);
    assert.equal(shard.code, 0, shard.stderr);
    assert.match(shard.stdout, new RegExp(`\\(shard ${index}/2\\)`));
  }
  const merged = await cli(['merge', 'shards/s1', 'shards/s2', '--out', 'merged'], dir);
  assert.equal(merged.code, 0, merged.stderr);
  assert.match(merged.stdout, /check: sampling check \(not sharded\), copied from/);
  const file = (root: string, name: string, f: string) => readFile(join(dir, root, name, f), 'utf8');
  assert.equal(await file('merged', 'grid', 'results.csv'), await file('single', 'grid', 'results.csv'));
  assert.equal(await file('merged', 'check', 'frequencies.csv'), await file('single', 'check', 'frequencies.csv'));

  const missing = await cli(['merge', 'shards/s1', '--out', 'partial'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /grid: \d+ cell\(s\) missing from 1 input\(s\); nothing written/);
  assert.match(missing.stderr, /missing: \S+/);
});
