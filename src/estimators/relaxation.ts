import type { Distribution, RelaxedDistribution } from '../distributions/distribution.js';

/** The Concrete relaxation of a discrete distribution at temperature tau. */
export function relaxationOf(distribution: Distribution, temperature: number | undefined): RelaxedDistribution {
  if (!distribution.relaxed) throw new Error('this distribution has no continuous relaxation');
  if (temperature === undefined || !(temperature > 0)) throw new Error('a relaxed estimator needs a temperature > 0');
  return distribution.relaxed(temperature);
}
