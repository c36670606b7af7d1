import { untaped } from '../compute/tensor-ops.js';
import type { Estimator } from './estimator.js';

/** Score function: f(z) grad log q(z); the sample carries no gradient, only log q does. */
export const reinforce: Estimator = {
  name: 'reinforce',
  description: 'score function f(z) * grad log q(z), no baseline',
  families: ['categorical', 'bernoulli', 'gaussian'],
  takesTemperature: false,
  unbiased: true,
  minSamples: 1,
  surrogate({ objective, distribution, noise }) {
    const z = distribution.sample(noise);
    return untaped(() => objective.f(z)).mul(distribution.logProb(z));
  },
};
