import { stopGradient } from '../compute/tensor-ops.js';
import type { Estimator } from './estimator.js';
import { relaxationOf } from './relaxation.js';

/** Straight-through Gumbel-Softmax: f at the hard sample, gradient of the soft one. */
export const stGumbelSoftmax: Estimator = {
  name: 'st-gumbel-softmax',
  description: 'forward at the hard one-hot (Bernoulli: y > 0.5), backward through y: y_hard - detach(y) + y',
  families: ['categorical', 'bernoulli'],
  takesTemperature: true,
  unbiased: false,
  minSamples: 1,
  surrogate({ objective, distribution, noise, temperature }) {
    const relaxed = relaxationOf(distribution, temperature);
    const y = relaxed.rsample(noise);
    return objective.f(relaxed.harden(y).sub(stopGradient(y)).add(y));
  },
};
