import { readFileSync } from 'node:fs';
import { initBackend } from '../../src/compute/backend.js';
import type { AnyEstimator } from '../../src/estimators/estimator.js';
import { planCells } from '../../src/experiment/cells.js';
import { parseExperiment } from '../../src/experiment/load.js';
import { estimateCell, summarizeCell } from '../../src/experiment/run-cell.js';
import type { Experiment } from '../../src/experiment/validate.js';
import type { ResultRow } from '../../src/results/result-row.js';
import { type Overrides, applyOverrides } from '../../src/run/overrides.js';

await initBackend('wasm');

/** The CI experiments whose committed results .ci/run checks. */
export const CI_EXPERIMENTS = {
  categorical: 'experiments/ci/ci-categorical-gs-vs-reinforce.yaml',
  bernoulli: 'experiments/ci/ci-bernoulli-toy.yaml',
  gaussian: 'experiments/ci/ci-gaussian-quadratic.yaml',
} as const;

export function loadCiExperiment(file: string, overrides: Overrides = {}): Experiment {
  return applyOverrides(parseExperiment(file, readFileSync(file, 'utf8')), overrides);
}

/** A planted bug: estimators swapped in by CSV label, and/or a change to each cell's T x P estimates. */
export interface Plant {
  readonly estimators?: Readonly<Record<string, AnyEstimator>>;
  readonly transform?: (estimates: Float64Array, params: number) => void;
}

/**
 * The rows `run` would write for the experiment, computed in this thread with the real
 * engine, optionally with a planted bug. Labels (and so the registry's unbiasedness
 * claims) stay those of the experiment file.
 */
export function runRows(
  experiment: Experiment,
  plant: Plant = {},
  onCellDone?: (rows: readonly ResultRow[]) => void,
): ResultRow[] {
  return planCells(experiment).cells.flatMap((cell) => {
    const swapped = plant.estimators?.[cell.choice.label];
    const used = swapped ? { ...cell, choice: { ...cell.choice, estimator: swapped } } : cell;
    const result = estimateCell(used, experiment.trials);
    plant.transform?.(result.estimates, result.paramNames.length);
    const rows = summarizeCell(experiment.name, used, experiment.trials, result);
    onCellDone?.(rows);
    return rows;
  });
}
