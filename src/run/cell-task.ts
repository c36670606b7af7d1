import type { Cell } from '../experiment/cells.js';
import { estimateCell, summarizeCell } from '../experiment/run-cell.js';
import { findEstimator } from '../estimators/registry.js';
import type { ResultRow } from '../results/result-row.js';

/** A finished cell: its rows and how long it took. */
export interface FinishedCell {
  readonly identity: string;
  readonly rows: readonly ResultRow[];
  readonly milliseconds: number;
}

/**
 * A cell as plain data, for posting to a worker thread: the estimator travels by
 * registry name and is looked up again on the other side.
 */
export interface CellTask {
  readonly experiment: string;
  readonly trials: number;
  readonly cell: Omit<Cell, 'choice'> & {
    readonly choice: { readonly name: string; readonly options: Readonly<Record<string, unknown>>; readonly label: string };
  };
}

export function toCellTask(experiment: string, trials: number, cell: Cell): CellTask {
  const { choice, ...rest } = cell;
  return {
    experiment,
    trials,
    cell: { ...rest, choice: { name: choice.estimator.name, options: choice.options, label: choice.label } },
  };
}

export function fromCellTask(task: CellTask): Cell {
  const { choice, ...rest } = task.cell;
  const estimator = findEstimator(choice.name);
  if (!estimator) throw new Error(`unknown estimator '${choice.name}'`);
  return { ...rest, choice: { estimator, options: choice.options, label: choice.label } };
}

/** Estimates and summarizes one cell on the current tfjs engine. */
export function runCell(experiment: string, trials: number, cell: Cell): FinishedCell {
  const started = performance.now();
  const rows = summarizeCell(experiment, cell, trials, estimateCell(cell, trials));
  return { identity: cell.identity, rows, milliseconds: performance.now() - started };
}
