import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { appendFinishedCell, startPartialState } from '../../src/results/partial-state.js';
import { partialDir } from '../../src/run/run-to-directory.js';
import { cli } from '../helpers/cli.js';
import { smallExperiment, tempDir, writeExperiment } from '../helpers/experiment-files.js';

const grid = `  estimator: [reinforce]
  samples: [1, 4]`;

test('--backend tensorflow without tfjs-node: one line, exit 2 (not a failed check), no saved state left', async (t) => {
  const dir = await tempDir();
  await writeExperiment(dir, 'x.yaml', smallExperiment(grid, 'tf'));
  try {
    await import('@tensorflow/tfjs-node' as string);
    t.skip('@tensorflow/tfjs-node is installed here');
    return;
  } catch {
    // Not installed: the case under test.
  }
  for (const args of [
    ['run', 'x.yaml', '--out', 'out', '--quiet', '--backend', 'tensorflow'],
    ['check', join(process.cwd(), 'results', 'ci', 'ci-gaussian-quadratic'), '--quiet', '--backend', 'tensorflow'],
  ]) {
    const { code, stderr } = await cli(args, dir);
    assert.equal(code, 2, stderr);
    assert.match(stderr, /^error: backend 'tensorflow' needs the optional package @tensorflow\/tfjs-node, .*; use --backend wasm or cpu$/m);
    assert.doesNotMatch(stderr, /\n\s+at |Require stack/, 'no stack trace');
  }
  assert.deepEqual(await readdir(join(dir, 'out')), [], 'no partial state for --resume when no cell ran');
});

test('a run without --resume says how many saved cells of an interrupted run it dropped', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'x.yaml', smallExperiment(grid, 'again'));
  const partial = partialDir(join(dir, 'out', 'again'));
  await startPartialState(partial, 'an interrupted run');
  for (const identity of ['a', 'b']) appendFinishedCell(partial, { identity, rows: [], milliseconds: 1 });
  const { code, stderr } = await cli(['run', 'x.yaml', '--out', 'out', '--quiet'], dir);
  assert.equal(code, 0, stderr);
  assert.match(stderr, /note: started over; the 2 cell\(s\) an interrupted run had saved were dropped \(--resume reuses them\)/);
});

test('an --out that cannot hold directories: one line naming it, exit 2', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'x.yaml', smallExperiment(grid, 'blocked'));
  await writeFile(join(dir, 'a-file'), '');
  const { code, stderr } = await cli(['run', 'x.yaml', '--out', 'a-file/out', '--quiet'], dir);
  assert.equal(code, 2, stderr);
  assert.equal(stderr, 'a-file/out: cannot write results under --out: part of the path is a file, not a directory\n');
});

test('a file where the saved-cell state goes: one line naming it, exit 2', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'x.yaml', smallExperiment(grid, 'stateful'));
  await mkdir(join(dir, 'out'));
  await writeFile(join(dir, 'out', '.stateful.partial'), 'x');
  const { code, stderr } = await cli(['run', 'x.yaml', '--out', 'out', '--quiet'], dir);
  assert.equal(code, 2, stderr);
  assert.equal(stderr, `${join('out', '.stateful.partial')}: not a directory: a run keeps its finished cells here; move it away\n`);
});

test('two files with one experiment name: refused before anything runs, naming both', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'a.yaml', smallExperiment(grid, 'same'));
  await writeExperiment(dir, 'b.yaml', smallExperiment(grid.replace('[1, 4]', '[2]'), 'same'));
  for (const args of [['run', 'a.yaml', 'b.yaml', '--out', 'out', '--quiet'], ['validate', 'a.yaml', 'b.yaml']]) {
    const { code, stderr } = await cli(args, dir);
    assert.equal(code, 2, stderr);
    assert.equal(stderr, "b.yaml: name: 'same' is also the name in a.yaml: both would write <out>/same/; rename one\n");
  }
  await assert.rejects(readdir(join(dir, 'out')), /ENOENT/, 'nothing written');
});
