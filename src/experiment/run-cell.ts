import { estimateGradients, parameterColumn } from '../compute/estimate-gradients.js';
import { findObjective } from '../objectives/registry.js';
import type { ResultRow } from '../results/result-row.js';
import { summarizeEstimates } from '../stats/summary.js';
import type { Cell } from './cells.js';

/** Per-trial estimates of one cell: T x P, row-major, with the parameter names and exact gradient. */
export interface CellEstimates {
  readonly paramNames: readonly string[];
  readonly trueGrad: readonly number[];
  readonly estimates: Float64Array;
}

export function estimateCell(cell: Cell, trials: number): CellEstimates {
  const definition = findObjective(cell.objective.kind);
  if (!definition) throw new Error(`unknown objective '${cell.objective.kind}'`);
  const objective = definition.create(definition.schema.parse(cell.objective));
  const estimates = estimateGradients({
    objective,
    estimator: cell.choice.estimator,
    options: cell.choice.options,
    temperature: cell.temperature,
    samples: cell.samples,
    trials,
    seed: cell.seed,
  });
  return { paramNames: objective.paramNames, trueGrad: objective.trueGrad(), estimates };
}

/** One CSV row per parameter of the cell. */
export function summarizeCell(experiment: string, cell: Cell, trials: number, result: CellEstimates): ResultRow[] {
  const p = result.paramNames.length;
  return result.paramNames.map((param, j) => {
    const trueGrad = result.trueGrad[j] as number;
    return {
      experiment,
      objective: cell.objective.kind,
      estimator: cell.choice.label,
      temperature: cell.temperature,
      samples: cell.samples,
      sweep: cell.sweep,
      trials,
      param,
      trueGrad,
      ...summarizeEstimates(parameterColumn(result.estimates, p, j), trueGrad),
      seed: cell.seed,
    };
  });
}
