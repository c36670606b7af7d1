import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BackendName } from '../../src/compute/backend-names.js';
import { type Cell, planCells } from '../../src/experiment/cells.js';
import { parseExperiment } from '../../src/experiment/load.js';
import { formatCsv } from '../../src/results/csv.js';
import { type CellTask, toCellTask } from '../../src/run/cell-task.js';
import { type FinishedCell, runExperiment } from '../../src/run/run-experiment.js';
import { claimNext, createCursor } from '../../src/run/shared-cursor.js';
import { type CellWorker, CellWorkerPool } from '../../src/run/worker-pool.js';

// Three objective families, so every estimator file is rebuilt from its name in a worker.
const experiments = [
  `name: par-cat
seed: 3
trials: 20
objective: { kind: categorical-linear, probs: [0.2, 0.3, 0.5], reward: [1, -2, 3] }
grid:
  estimator: [reinforce, { name: reinforce-baseline, baseline: loo }, gumbel-softmax, st-gumbel-softmax]
  temperature: [0.5, 1]
  samples: [2, 7, 40]
`,
  `name: par-gauss
seed: 4
trials: 20
objective: { kind: gaussian-quadratic, mu: 0.5, sigma: 1.5, k: 1 }
grid:
  estimator: [pathwise, reinforce]
  samples: [1, 9]
  objective.k: [0, 2]
`,
];

for (const text of experiments) {
  const experiment = parseExperiment('inline.yaml', text);
  const sweeps = experiment.sweeps.map((s) => s.field);

  test(`${experiment.name}: --jobs 1, 2 and 3 give byte-identical CSVs, every cell through onCellDone`, async () => {
    const one = await runExperiment({ experiment, jobs: 1 });
    for (const jobs of [2, 3]) {
      const seen: string[] = [];
      const many = await runExperiment({
        experiment,
        jobs,
        hooks: { onCellDone: (finished, index) => void seen.push(`${index}:${finished.identity}`) },
      });
      assert.equal(many.complete, true);
      assert.equal(formatCsv(many.rows, sweeps), formatCsv(one.rows, sweeps), `--jobs ${jobs}`);
      assert.deepEqual(
        seen.map((s) => Number(s.split(':')[0])),
        one.cells.map((_, i) => i),
        'onCellDone indexes count completions',
      );
      assert.deepEqual(new Set(seen.map((s) => s.slice(s.indexOf(':') + 1))), new Set(one.cells.map((c) => c.identity)));
    }
  });
}

test('with --jobs 2, resumed cells are not rerun and a stop lets running cells finish', async () => {
  const experiment = parseExperiment('inline.yaml', experiments[0] as string);
  const full = await runExperiment({ experiment, jobs: 1 });
  const done = new Map<string, FinishedCell>(full.cells.slice(0, 5).map((c) => [c.identity, c]));
  const started: Cell[] = [];
  const resumed = await runExperiment({ experiment, jobs: 2, done, hooks: { onCellStart: (cell) => void started.push(cell) } });
  assert.equal(started.length, full.cells.length - 5);
  assert.ok(started.every((cell) => !done.has(cell.identity)));
  assert.equal(formatCsv(resumed.rows, []), formatCsv(full.rows, []));

  let finished = 0;
  const stopped = await runExperiment({
    experiment,
    jobs: 2,
    hooks: { onCellDone: () => void finished++, shouldStop: () => finished >= 3 },
  });
  assert.equal(stopped.complete, false);
  assert.ok(stopped.cells.length >= 3 && stopped.cells.length < full.cells.length);
  assert.equal(stopped.cells.length, finished, 'every finished cell was reported');
  const fullRows = new Set(formatCsv(full.rows, []).split('\n'));
  for (const row of formatCsv(stopped.rows, []).split('\n')) assert.ok(fullRows.has(row), row);
});

test('a worker that cannot start the main thread\'s backend fails the run with its own reason', async () => {
  const experiment = parseExperiment('inline.yaml', experiments[0] as string);
  const [worker] = new CellWorkerPool(1).acquire(1, 'no-such-backend' as BackendName);
  const cell = planCells(experiment).cells[0] as Cell;
  try {
    const events = { beforeClaim() {}, started() {}, finished() {} };
    await assert.rejects(
      (worker as CellWorker).drain([toCellTask(experiment.name, experiment.trials, cell)], createCursor(), events),
      /could not start the 'no-such-backend' backend that the main thread runs/,
    );
  } finally {
    await worker?.terminate();
  }
});

test('a cell that fails in a worker stops its claims and fails the run naming the cell', async () => {
  const experiment = parseExperiment('inline.yaml', experiments[0] as string);
  const [good, bad, after] = planCells(experiment).cells.map((cell) => toCellTask(experiment.name, experiment.trials, cell));
  const broken = { ...(bad as CellTask), cell: { ...(bad as CellTask).cell, choice: { ...(bad as CellTask).cell.choice, name: 'no-such-estimator' } } };
  const [worker] = new CellWorkerPool(1).acquire(1, 'wasm');
  const cursor = createCursor();
  const started: number[] = [];
  const finished: number[] = [];
  try {
    const events = { beforeClaim() {}, started: (index: number) => started.push(index), finished: (index: number) => finished.push(index) };
    await assert.rejects(
      (worker as CellWorker).drain([good as CellTask, broken, after as CellTask], cursor, events),
      new RegExp(`cell ${broken.cell.identity.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} failed in a worker: .*unknown estimator 'no-such-estimator'`),
    );
    assert.deepEqual(started, [0, 1]);
    assert.deepEqual(finished, [0]);
    assert.equal(claimNext(cursor, 3), undefined);
  } finally {
    await worker?.terminate();
  }
});

test('a pool prestarted on another backend than the run ends up on replaces its workers', async () => {
  const experiment = parseExperiment('inline.yaml', experiments[0] as string);
  const pool = new CellWorkerPool(1);
  // As when this thread falls back to cpu after the command prestarted wasm workers.
  pool.prestart('no-such-backend' as BackendName);
  try {
    const [worker] = pool.acquire(1, 'wasm');
    const finished: number[] = [];
    const events = { beforeClaim() {}, started() {}, finished: (index: number) => finished.push(index) };
    const task = toCellTask(experiment.name, experiment.trials, planCells(experiment).cells[0] as Cell);
    await (worker as CellWorker).drain([task], createCursor(), events);
    assert.deepEqual(finished, [0]);
  } finally {
    await pool.close();
  }
});
