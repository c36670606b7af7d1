import { stopGradient, sumLastAxis } from '../compute/tensor-ops.js';
import { antitheticPair } from './antithetic-bernoulli.js';
import type { Estimator } from './estimator.js';

/**
 * DisARM (Dong et al. 2020) for a Bernoulli logit: ARM with the uniform integrated out
 * given the antithetic pair, g = 1/2 (f(b) - f(b~)) (b - b~) sigmoid(|logit|), which is
 * (-1)^b~ 1[b != b~] in the paper's form. Unbiased; the surrogate is logit * detach(g).
 */
export const disarm: Estimator = {
  name: 'disarm',
  description: 'ARM with u integrated out: 1/2 (f(b) - f(b~)) (-1)^b~ 1[b != b~] sigmoid(|logit|)',
  families: ['bernoulli'],
  takesTemperature: false,
  unbiased: true,
  minSamples: 1,
  surrogate({ objective, distribution, noise }) {
    const { logit, b, bMirror } = antitheticPair(distribution, noise);
    const weight = objective
      .f(b)
      .sub(objective.f(bMirror))
      .mul(sumLastAxis(b.sub(bMirror)))
      .mul(sumLastAxis(logit.abs().sigmoid()))
      .mul(0.5);
    return sumLastAxis(logit).mul(stopGradient(weight));
  },
};
