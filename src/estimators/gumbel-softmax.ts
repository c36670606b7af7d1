import type { Estimator } from './estimator.js';
import { relaxationOf } from './relaxation.js';

/** Gumbel-Softmax / Concrete: autodiff of f at the relaxed sample (biased for tau > 0). */
export const gumbelSoftmax: Estimator = {
  name: 'gumbel-softmax',
  description: 'y = softmax((logits + g) / tau) (Bernoulli: sigmoid((logit + L) / tau)); autodiff of f(y)',
  families: ['categorical', 'bernoulli'],
  takesTemperature: true,
  unbiased: false,
  minSamples: 1,
  surrogate({ objective, distribution, noise, temperature }) {
    return objective.f(relaxationOf(distribution, temperature).rsample(noise));
  },
};
