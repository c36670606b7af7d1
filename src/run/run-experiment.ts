import { availableParallelism } from 'node:os';
import { type BackendChoice, type BackendName, initBackend } from '../compute/backend.js';
import { type Cell, type SkippedCells, planCells } from '../experiment/cells.js';
import type { Experiment } from '../experiment/validate.js';
import type { ResultRow } from '../results/result-row.js';
import { type FinishedCell, runCell, toCellTask } from './cell-task.js';
import { type Shard, cellCost, shardCells } from './shard.js';
import { CellWorkerPool, runOnWorkers } from './worker-pool.js';

export type { FinishedCell } from './cell-task.js';

export interface RunHooks {
  /** Called as each cell starts, with how many cells started before it. */
  readonly onCellStart?: (cell: Cell, index: number, total: number) => void;
  /** Called after each cell, in completion order (index: cells done before it), e.g. to persist it for --resume. */
  readonly onCellDone?: (finished: FinishedCell, index: number, total: number, cell: Cell) => void | Promise<void>;
  /** Stop before the next cell when this returns true (Ctrl-C); cells already running finish. */
  readonly shouldStop?: () => boolean;
}

export interface RunRequest {
  readonly experiment: Experiment;
  readonly backend?: BackendName | undefined;
  /** Cells already finished (from --resume), by identity: not run again. */
  readonly done?: ReadonlyMap<string, FinishedCell> | undefined;
  readonly hooks?: RunHooks | undefined;
  /**
   * Cells run at once, each worker thread with its own tfjs engine (default: the
   * number of cores). 1 runs them in this thread. Results do not depend on it.
   */
  readonly jobs?: number | undefined;
  /** Run only this share of the cells. */
  readonly shard?: Shard | undefined;
  /**
   * Worker threads to reuse (e.g. across the experiments of one command); their size
   * replaces `jobs`. Without one, workers are started for this run and stopped after it.
   */
  readonly pool?: CellWorkerPool | undefined;
}

export interface RunResult {
  readonly backend: BackendChoice;
  /** All rows of finished cells, in canonical order. */
  readonly rows: readonly ResultRow[];
  readonly cells: readonly FinishedCell[];
  readonly skipped: readonly SkippedCells[];
  /** Cells in the whole plan (of the shard, when sharded), finished or not. */
  readonly totalCells: number;
  /** False when stopped before every cell finished. */
  readonly complete: boolean;
}

export function defaultJobs(): number {
  return availableParallelism();
}

/** Runs the cells one after another on this thread's engine, in canonical order. */
async function runInProcess(request: RunRequest, pending: readonly Cell[], finished: Map<string, FinishedCell>) {
  const { experiment, hooks } = request;
  const backend = await initBackend(request.backend);
  for (const [index, cell] of pending.entries()) {
    if (hooks?.shouldStop?.()) return { backend, complete: false };
    hooks?.onCellStart?.(cell, index, pending.length);
    const done = runCell(experiment.name, experiment.trials, cell);
    finished.set(cell.identity, done);
    await hooks?.onCellDone?.(done, index, pending.length, cell);
  }
  return { backend, complete: true };
}

/** Runs the cells on worker threads, the most expensive first so the last ones to finish are short. */
async function runInWorkers(request: RunRequest, pending: readonly Cell[], finished: Map<string, FinishedCell>, pool: CellWorkerPool) {
  const { experiment, hooks } = request;
  const costs = new Map(pending.map((cell) => [cell, cellCost(cell, experiment.trials)]));
  const queue = [...pending].sort((a, b) => (costs.get(b) as number) - (costs.get(a) as number));
  const { workers, backend } = await pool.acquire(pending.length);
  try {
    const { complete } = await runOnWorkers(workers, queue, {
      task: (cell) => toCellTask(experiment.name, experiment.trials, cell),
      onStart: (cell, index) => hooks?.onCellStart?.(cell, index, queue.length),
      onDone: async (done, cell, index) => {
        finished.set(cell.identity, done);
        await hooks?.onCellDone?.(done, index, queue.length, cell);
      },
      shouldStop: hooks?.shouldStop,
    });
    return { backend, complete };
  } catch (error) {
    // Cells of other workers may still be in flight: start over with fresh workers.
    await pool.close();
    throw error;
  }
}

/** Runs every cell of an experiment (or of one shard of it); rows come back in canonical order. */
export async function runExperiment(request: RunRequest): Promise<RunResult> {
  const { experiment } = request;
  const plan = planCells(experiment);
  const cells = request.shard ? shardCells(plan.cells, experiment.trials, request.shard) : plan.cells;
  const finished = new Map(request.done ?? []);
  const pending = cells.filter((cell) => !finished.has(cell.identity));
  const jobs = Math.max(1, Math.floor(request.pool?.size ?? request.jobs ?? defaultJobs()));
  let outcome: { backend: BackendChoice; complete: boolean };
  if (jobs > 1 && pending.length > 1) {
    const pool = request.pool ?? new CellWorkerPool(jobs, request.backend);
    try {
      outcome = await runInWorkers(request, pending, finished, pool);
    } finally {
      if (!request.pool) await pool.close();
    }
  } else {
    outcome = await runInProcess(request, pending, finished);
  }
  const { backend, complete } = outcome;
  const done = cells.flatMap((cell) => finished.get(cell.identity) ?? []);
  return {
    backend,
    rows: done.flatMap((c) => c.rows),
    cells: done,
    skipped: plan.skipped,
    totalCells: cells.length,
    complete,
  };
}
