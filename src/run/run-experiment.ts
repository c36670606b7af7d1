import { type BackendChoice, type BackendName, initBackend } from '../compute/backend.js';
import { type Cell, type SkippedCells, planCells } from '../experiment/cells.js';
import { estimateCell, summarizeCell } from '../experiment/run-cell.js';
import type { Experiment } from '../experiment/validate.js';
import type { ResultRow } from '../results/result-row.js';

/** A finished cell: its rows and how long it took. */
export interface FinishedCell {
  readonly identity: string;
  readonly rows: readonly ResultRow[];
  readonly milliseconds: number;
}

export interface RunHooks {
  /** Called before each cell starts, with its position among the cells still to run. */
  readonly onCellStart?: (cell: Cell, index: number, total: number) => void;
  /** Called after each cell, e.g. to persist it for --resume. */
  readonly onCellDone?: (finished: FinishedCell, index: number, total: number) => void | Promise<void>;
  /** Stop before the next cell when this returns true (Ctrl-C). */
  readonly shouldStop?: () => boolean;
}

export interface RunRequest {
  readonly experiment: Experiment;
  readonly backend?: BackendName | undefined;
  /** Cells already finished (from --resume), by identity: not run again. */
  readonly done?: ReadonlyMap<string, FinishedCell> | undefined;
  readonly hooks?: RunHooks | undefined;
}

export interface RunResult {
  readonly backend: BackendChoice;
  /** All rows of finished cells, in canonical order. */
  readonly rows: readonly ResultRow[];
  readonly cells: readonly FinishedCell[];
  readonly skipped: readonly SkippedCells[];
  /** Cells in the whole plan, finished or not. */
  readonly totalCells: number;
  /** False when stopped before every cell finished. */
  readonly complete: boolean;
}

/** Runs every cell of an experiment on one engine, in canonical order. */
export async function runExperiment(request: RunRequest): Promise<RunResult> {
  const { experiment, hooks } = request;
  const backend = await initBackend(request.backend);
  const plan = planCells(experiment);
  const finished = new Map(request.done ?? []);
  const pending = plan.cells.filter((cell) => !finished.has(cell.identity));
  let complete = true;
  for (const [index, cell] of pending.entries()) {
    if (hooks?.shouldStop?.()) {
      complete = false;
      break;
    }
    hooks?.onCellStart?.(cell, index, pending.length);
    const started = performance.now();
    const rows = summarizeCell(experiment.name, cell, experiment.trials, estimateCell(cell, experiment.trials));
    const done = { identity: cell.identity, rows, milliseconds: performance.now() - started };
    finished.set(cell.identity, done);
    await hooks?.onCellDone?.(done, index, pending.length);
  }
  const cells = plan.cells.flatMap((cell) => finished.get(cell.identity) ?? []);
  return {
    backend,
    rows: cells.flatMap((c) => c.rows),
    cells,
    skipped: plan.skipped,
    totalCells: plan.cells.length,
    complete,
  };
}
