import { initBackend } from '../../src/compute/backend.js';
import { estimateGradients, parameterColumn } from '../../src/compute/estimate-gradients.js';
import type { AnyEstimator } from '../../src/estimators/estimator.js';
import type { Objective } from '../../src/objectives/objective.js';

await initBackend('wasm');

/** T per-trial estimates of each parameter (columns), from the library's own engine. */
export function estimateColumns(
  objective: Objective,
  estimator: AnyEstimator,
  { trials, samples = 1, temperature, seed = 12345, options }: {
    trials: number;
    samples?: number;
    temperature?: number;
    seed?: number;
    options?: Record<string, unknown>;
  },
): Float64Array[] {
  const estimates = estimateGradients({ objective, estimator, options, temperature, samples, trials, seed });
  const p = objective.theta.length;
  return Array.from({ length: p }, (_, j) => parameterColumn(estimates, p, j));
}
