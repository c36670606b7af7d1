import assert from 'node:assert/strict';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type CheckOutput, type CheckRequest, runCheck } from '../../src/cli/run-check.js';
import { InputError } from '../../src/experiment/input-error.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { runToDirectory } from '../../src/run/run-to-directory.js';
import { cli } from '../helpers/cli.js';
import { smallExperiment, tempDir, writeExperiment } from '../helpers/experiment-files.js';

let root = '';
let baseline = '';

before(async () => {
  root = await tempDir('reparam-bench-check-');
  // The fewest trials a statistical check accepts.
  const text = smallExperiment('  estimator: [reinforce, gumbel-softmax]\n  temperature: [0.5]\n  samples: [1, 10]').replace('trials: 40', 'trials: 100');
  const file = await writeExperiment(root, 'small.yaml', text);
  const outcome = await runToDirectory(await loadExperiment(file), { out: join(root, 'base'), jobs: 1 });
  baseline = outcome.dir;
});

after(() => rm(root, { recursive: true, force: true }));

async function check(request: Omit<CheckRequest, 'baseline'> & { baseline?: string }, githubActions = false) {
  let out = '';
  let err = '';
  const output: CheckOutput = { out: (t) => void (out += t), err: (t) => void (err += t), githubActions };
  const code = await runCheck({ baseline, quiet: true, jobs: 1, ...request }, output);
  return { code, out, err };
}

/** A copy of the baseline directory with its results.csv edited. */
async function copyWith(name: string, edit: (csv: string) => string): Promise<string> {
  const dir = join(root, name);
  await cp(baseline, dir, { recursive: true });
  const csv = join(dir, 'results.csv');
  await writeFile(csv, edit(await readFile(csv, 'utf8')));
  return dir;
}

test('re-running the recorded experiment: exact mode passes; another seed switches to statistical and passes', async () => {
  const exact = await check({});
  assert.equal(exact.code, 0, exact.out);
  assert.match(exact.out, /mode: +exact, relative tolerance 1e-6 \(same seed 7, trials 100 and backend wasm\)\ncompared 12 rows/);
  assert.match(exact.out, /\nPASS: every number equal within relative 1e-6\n/);
  const reseeded = await check({ seed: 8 });
  assert.equal(reseeded.code, 0, reseeded.out);
  assert.match(reseeded.out, /statistical, \d+ tests, Holm family-wise alpha 0.01 \(seeds differ \(7 vs 8\)\)/);
});

/** A copy whose variance on CSV line 4 (reinforce n=1 alpha[2]) is 1e-4 larger, relatively. */
function changedVariance(name: string): Promise<string> {
  return copyWith(name, (csv) => {
    const lines = csv.split('\n');
    const fields = (lines[3] as string).split(',');
    fields[10] = String(Number(fields[10]) * (1 + 1e-4));
    lines[3] = fields.join(',');
    return lines.join('\n');
  });
}

test('--against: a changed number exits 1 with a table, JSON and GitHub annotations', async () => {
  const dir = await changedVariance('changed');
  const text = await check({ against: dir }, true);
  assert.equal(text.code, 1);
  assert.match(text.out, /FAIL: 1 number differs/);
  assert.match(text.out, /reinforce n=1 alpha\[2\] +variance +\S+ +\S+ +0.0001/);
  assert.match(text.out, /::error file=.*results.csv,line=4,title=reparam-bench check::reinforce n=1 alpha\[2\]: variance/);
  const json = JSON.parse((await check({ against: dir, json: true })).out);
  assert.equal(json.passed, false);
  assert.deepEqual(json.differences.map((d: { cell: string; column: string; line: number }) => [d.cell, d.column, d.line]), [
    ['reinforce n=1 alpha[2]', 'variance', 4],
  ]);
  // The same change is far inside the sampling error: statistical mode passes it.
  assert.equal((await check({ against: dir, statistical: true })).code, 0);
});

test('--against: missing rows are reported and fail', async () => {
  const dir = await copyWith('short', (csv) => csv.split('\n').filter((_, i) => i !== 2).join('\n'));
  const result = await check({ against: dir });
  assert.equal(result.code, 1);
  assert.match(result.out, /1 rows missing/);
  assert.match(result.out, /missing from the new run \(1 rows\):\n {2}reinforce n=1 alpha\[1\] \(line 3\)/);
});

test('a statistical check of runs with under 100 trials is refused (InputError, exit 2); exact mode is not', async () => {
  const file = await writeExperiment(root, 'few.yaml', smallExperiment('  estimator: [reinforce]\n  samples: [1]', 'few'));
  const few = (await runToDirectory(await loadExperiment(file), { out: join(root, 'few'), jobs: 1 })).dir;
  const refused = (e: unknown) => e instanceof InputError && /needs at least 100 trials per cell \(this one would compare runs of 40\)/.test(e.message);
  await assert.rejects(check({ baseline: few, seed: 8 }), refused);
  await assert.rejects(check({ baseline: few, statistical: true }), refused);
  await assert.rejects(check({ baseline: few, against: few, statistical: true }), refused);
  // Exact mode needs no such count.
  assert.equal((await check({ baseline: few })).code, 0);
});

test('bad input is an InputError (exit 2): no directory, no metadata, another experiment', async () => {
  await assert.rejects(check({ baseline: join(root, 'nope') }), (e) => e instanceof InputError && /no such directory/.test(e.message));
  await assert.rejects(check({ baseline: root }), (e) => e instanceof InputError && /no metadata.json/.test(e.message));
  const other = await writeExperiment(root, 'other.yaml', smallExperiment('  estimator: [reinforce]\n  samples: [1]', 'other'));
  const otherDir = (await runToDirectory(await loadExperiment(other), { out: join(root, 'o'), jobs: 1 })).dir;
  await assert.rejects(check({ against: otherDir }), (e) => e instanceof InputError && /different experiments: 'small' vs 'other'/.test(e.message));
});

test('a sampling check\'s results are refused with one message, not the variance fields its metadata lacks', async () => {
  const samplingCheck = fileURLToPath(new URL('../../results/gumbel-max-sampling', import.meta.url));
  for (const request of [{ baseline: samplingCheck }, { against: samplingCheck }]) {
    await assert.rejects(check(request), (e) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, /^\S+metadata\.json: sampling-check results are not regression-checked by `check`/);
      assert.equal(e.problems.length, 1);
      return true;
    });
  }
});

test('the CLI maps outcomes to exit codes 0, 1 and 2', async () => {
  const changed = await changedVariance('cli-changed');
  const [same, differs, missing] = await Promise.all([
    cli(['check', baseline, '--against', baseline], root),
    cli(['check', baseline, '--against', changed], root),
    cli(['check', join(root, 'nope')], root),
  ]);
  assert.equal(same.code, 0, same.stderr);
  assert.equal(differs.code, 1, differs.stderr);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such directory/);
});

test('Ctrl-C during a re-run: exit 130 and no re-run left in the temp directory', async () => {
  const dir = await tempDir();
  const text = smallExperiment('  estimator: [reinforce, gumbel-softmax]\n  temperature: [0.5, 1]\n  samples: [2, 20, 200, 2000]', 'stopped');
  const outcome = await runToDirectory(await loadExperiment(await writeExperiment(dir, 'x.yaml', text)), { out: join(dir, 'base'), jobs: 1 });
  // The child's os.tmpdir(), so what it leaves there is its own (tsx keeps a cache there too).
  const scratch = join(dir, 'tmp');
  await mkdir(scratch);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  let interrupted = false;
  const run = cli(['check', outcome.dir, '--jobs', '1'], dir, (chunk) => {
    if (!interrupted && /\[1\/\d+\]/.test(chunk)) {
      interrupted = true;
      run.kill('SIGINT');
    }
  });
  process.env.TMPDIR = saved;
  const stopped = await run;
  assert.ok(interrupted, stopped.stderr);
  assert.equal(stopped.code, 130, stopped.stderr);
  assert.deepEqual((await readdir(scratch)).filter((name) => name.startsWith('reparam-bench-check-')), []);
});
