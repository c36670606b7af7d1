import type { BackendName } from '../compute/backend-names.js';
import { type BackendChoice, initBackend } from '../compute/backend.js';
import { type Cell, type SkippedCells, planCells } from '../experiment/cells.js';
import type { Experiment } from '../experiment/validate.js';
import type { ResultRow } from '../results/result-row.js';
import { runOnRunners, thisThread } from './cell-runner.js';
import { type FinishedCell, toCellTask } from './cell-task.js';
import type { Shard } from './shard-spec.js';
import { cellCost, shardCells } from './shard.js';
import { defaultJobs } from './default-jobs.js';
import { CellWorkerPool } from './worker-pool.js';

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
   * Cells run at once, each on its own tfjs engine: this thread's and jobs - 1 worker
   * threads' (default: the number of cores). Results do not depend on it.
   */
  readonly jobs?: number | undefined;
  /** Run only this share of the cells. */
  readonly shard?: Shard | undefined;
  /**
   * Worker threads to reuse (e.g. across the experiments of one command); its size + 1
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

function costliestFirst(cells: readonly Cell[], trials: number): Cell[] {
  const costs = new Map(cells.map((cell) => [cell, cellCost(cell, trials)]));
  return [...cells].sort((a, b) => (costs.get(b) as number) - (costs.get(a) as number));
}

/**
 * Runs the cells on this thread's engine and, with several jobs, on jobs - 1 worker
 * threads beside it, the most expensive cells first so the last ones to finish are
 * short. This thread starts at once; each worker claims cells as soon as it is up and
 * the moment it is free.
 */
async function runCells(request: RunRequest, pending: readonly Cell[], finished: Map<string, FinishedCell>, jobs: number) {
  const { experiment, hooks } = request;
  const backend = await initBackend(request.backend);
  const pool = jobs > 1 && pending.length > 1 ? (request.pool ?? new CellWorkerPool(jobs - 1)) : undefined;
  const queue = pool ? costliestFirst(pending, experiment.trials) : pending;
  try {
    const runners = [thisThread, ...(pool?.acquire(pending.length - 1, backend.name) ?? [])];
    const { complete } = await runOnRunners(runners, queue, {
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
    // A worker may have failed half-way: the next run spawns fresh ones.
    await pool?.close();
    throw error;
  } finally {
    if (pool && !request.pool) await pool.close();
  }
}

/** Runs every cell of an experiment (or of one shard of it); rows come back in canonical order. */
export async function runExperiment(request: RunRequest): Promise<RunResult> {
  const { experiment } = request;
  const plan = planCells(experiment);
  const cells = request.shard ? shardCells(plan.cells, experiment.trials, request.shard) : plan.cells;
  const finished = new Map(request.done ?? []);
  const pending = cells.filter((cell) => !finished.has(cell.identity));
  const jobs = Math.max(1, Math.floor(request.pool ? request.pool.size + 1 : (request.jobs ?? defaultJobs())));
  const { backend, complete } = await runCells(request, pending, finished, jobs);
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
