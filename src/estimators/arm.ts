import { stopGradient, sumLastAxis } from '../compute/tensor-ops.js';
import { antitheticPair } from './antithetic-bernoulli.js';
import type { Estimator } from './estimator.js';

/**
 * ARM (Yin & Zhou 2019) for a Bernoulli logit: with u ~ U(0, 1),
 * g = (f(1[u > sigmoid(-logit)]) - f(1[u < sigmoid(logit)])) (u - 1/2), unbiased for
 * d E[f] / d logit. g is an estimate, not a derivative of a sample, so the surrogate is
 * logit * detach(g) and autodiff carries it to theta (logit or prob).
 */
export const arm: Estimator = {
  name: 'arm',
  description: 'augment-REINFORCE-merge: (f(b) - f(b~)) (u - 1/2) for the antithetic pair from u and 1 - u',
  families: ['bernoulli'],
  takesTemperature: false,
  unbiased: true,
  minSamples: 1,
  surrogate({ objective, distribution, noise }) {
    const { logit, b, bMirror } = antitheticPair(distribution, noise);
    const weight = objective.f(b).sub(objective.f(bMirror)).mul(sumLastAxis(noise.sigmoid().sub(0.5)));
    return sumLastAxis(logit).mul(stopGradient(weight));
  },
};
