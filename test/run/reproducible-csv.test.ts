import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadExperiment } from '../../src/experiment/load.js';
import { runToDirectory } from '../../src/run/run-to-directory.js';
import { smallExperiment, tempDir, writeExperiment } from '../helpers/experiment-files.js';

async function csvOf(gridLines: string, file = 'x.yaml'): Promise<string[]> {
  const dir = await tempDir();
  const path = await writeExperiment(dir, file, smallExperiment(gridLines));
  const outcome = await runToDirectory(await loadExperiment(path), { out: join(dir, 'results') });
  return (await readFile(join(outcome.dir, 'results.csv'), 'utf8')).split('\n');
}

const grid = `  estimator: [reinforce, gumbel-softmax]
  temperature: [0.5, 1]
  samples: [1, 5]`;

test('the same seed gives byte-identical CSVs', async () => {
  assert.deepEqual(await csvOf(grid), await csvOf(grid));
});

test('reordering the grid changes no byte', async () => {
  const reordered = `  samples: [5, 1]
  temperature: [1, 0.5]
  estimator: [gumbel-softmax, reinforce]`;
  assert.deepEqual(await csvOf(reordered), await csvOf(grid));
});

test("adding cells leaves every other cell's rows unchanged", async () => {
  const small = await csvOf(grid);
  const larger = await csvOf(`  estimator: [reinforce, reinforce-baseline, gumbel-softmax, st-gumbel-softmax]
  temperature: [0.25, 0.5, 1]
  samples: [1, 2, 5]`);
  assert.ok(larger.length > small.length);
  for (const row of small) assert.ok(larger.includes(row), `row missing from the larger grid: ${row}`);
});

test('a subset of cells reproduces the same rows', async () => {
  const full = await csvOf(grid);
  const subset = await csvOf(`  estimator: [gumbel-softmax]
  temperature: [1]
  samples: [5]`);
  assert.equal(subset.length, 1 + 3 + 1); // header, K = 3 parameters, trailing newline
  for (const row of subset) assert.ok(full.includes(row), `subset row not in the full grid: ${row}`);
});
