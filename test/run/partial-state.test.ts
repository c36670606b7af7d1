import assert from 'node:assert/strict';
import { readFile, truncate, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadExperiment } from '../../src/experiment/load.js';
import { readPartialState } from '../../src/results/partial-state.js';
import { partialDir, runToDirectory } from '../../src/run/run-to-directory.js';
import { cli } from '../helpers/cli.js';
import { smallExperiment, tempDir, writeExperiment } from '../helpers/experiment-files.js';

const grid = `  estimator: [reinforce, gumbel-softmax]
  temperature: [0.5]
  samples: [1, 2, 3, 4]`;

/** Runs on this thread until `cells` more cells are saved, then stops as Ctrl-C would. */
async function runStoppingAfter(file: string, out: string, cells: number, resume: boolean) {
  const controller = new AbortController();
  let done = 0;
  return runToDirectory(await loadExperiment(file), {
    out,
    jobs: 1,
    resume,
    signal: controller.signal,
    onCellDone: () => {
      if (++done === cells) controller.abort();
    },
  });
}

test('a resume after a torn last line keeps every cell it saves for the next resume', async () => {
  const dir = await tempDir();
  const file = await writeExperiment(dir, 'x.yaml', smallExperiment(grid, 'torn'));
  const out = join(dir, 'out');
  const partial = partialDir(join(out, 'torn'));
  assert.equal((await runStoppingAfter(file, out, 2, false)).complete, false);
  // Killed mid-append: the second cell's line lost its end and its newline.
  const state = join(partial, 'cells.jsonl');
  await truncate(state, (await readFile(state)).length - 20);
  assert.equal((await readPartialState(partial))?.cells.size, 1);

  const resumed = await runStoppingAfter(file, out, 3, true);
  assert.equal(resumed.resumedCells, 1);
  assert.equal((await readPartialState(partial))?.cells.size, 4, 'the cell before the torn line and the three saved since');
});

test('a saved state whose first line is torn is no state: run and run --resume start over, no stack trace', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'x.yaml', smallExperiment(grid, 'garbled'));
  for (const args of [[], ['--resume']]) {
    const partial = partialDir(join(dir, 'out', 'garbled'));
    await mkdir(partial, { recursive: true });
    await writeFile(join(partial, 'cells.jsonl'), '{"fingerp');
    const { code, stderr } = await cli(['run', 'x.yaml', '--out', 'out', '--quiet', ...args], dir);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /\n\s+at |SyntaxError/);
  }
});
