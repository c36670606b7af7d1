import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planCells } from '../../src/experiment/cells.js';
import { parseExperiment } from '../../src/experiment/load.js';
import { parseShard } from '../../src/run/shard-spec.js';
import { assignByCost, cellCost, shardCells } from '../../src/run/shard.js';

const experiment = parseExperiment(
  'inline.yaml',
  `name: shards
seed: 1
trials: 30
objective: { kind: categorical-linear, probs: [0.1, 0.2, 0.3, 0.4], reward: [1, 2, 3, 4] }
grid:
  estimator: [reinforce, reinforce-baseline, gumbel-softmax]
  temperature: [0.5, 1, 2]
  samples: [2, 10, 100, 1000, 5000]
`,
);
const cells = planCells(experiment).cells;

test('parseShard accepts i/N with 1 <= i <= N and rejects anything else', () => {
  assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
  assert.deepEqual(parseShard(' 1 / 1 '), { index: 1, count: 1 });
  for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/2/3', '-1/2', '1.5/3']) {
    assert.throws(() => parseShard(bad), /--shard must be i\/N/, bad);
  }
});

test('the cost of a cell is trials x samples x noise size', () => {
  const byLabel = (label: string, samples: number) =>
    cells.find((c) => c.choice.label === label && c.samples === samples && (c.temperature ?? 1) === 1);
  assert.equal(cellCost(byLabel('reinforce', 10)!, 30), 30 * 10 * 4);
  assert.equal(cellCost(byLabel('reinforce', 100)!, 30), 30 * 100 * 4);
  // The leave-one-out baseline runs in one pass too.
  assert.equal(cellCost(byLabel('reinforce-baseline', 10)!, 30), 30 * 10 * 4);
});

test('shards cover every cell exactly once, in canonical order, the same way every time', () => {
  for (const count of [1, 2, 3, 5, cells.length + 2]) {
    const shards = Array.from({ length: count }, (_, i) => shardCells(cells, experiment.trials, { index: i + 1, count }));
    const again = Array.from({ length: count }, (_, i) => shardCells(cells, experiment.trials, { index: i + 1, count }));
    assert.deepEqual(
      shards.map((s) => s.map((c) => c.identity)),
      again.map((s) => s.map((c) => c.identity)),
    );
    const all = shards.flat().map((c) => c.identity);
    assert.equal(all.length, cells.length, `N = ${count}`);
    assert.deepEqual(new Set(all), new Set(cells.map((c) => c.identity)));
    for (const shard of shards) {
      const positions = shard.map((c) => cells.indexOf(c));
      assert.deepEqual(positions, [...positions].sort((a, b) => a - b), 'canonical order within a shard');
    }
  }
});

test('shards are balanced by cost, not by count: loads differ by at most the largest cell', () => {
  const costs = cells.map((c) => cellCost(c, experiment.trials));
  for (const count of [2, 3, 4]) {
    const binOf = assignByCost(costs, count);
    const loads = Array.from({ length: count }, (_, b) => costs.reduce((sum, c, i) => sum + (binOf[i] === b ? c : 0), 0));
    assert.ok(Math.max(...loads) - Math.min(...loads) <= Math.max(...costs), `N = ${count}: loads ${loads}`);
  }
  // One huge item and many small ones: the huge one gets a shard to itself.
  assert.deepEqual(assignByCost([100, 1, 1, 1, 1], 2), [0, 1, 1, 1, 1]);
  // Ties go to the earlier item and the lower shard, so the result is fixed.
  assert.deepEqual(assignByCost([5, 5, 5, 5], 2), [0, 1, 0, 1]);
});
