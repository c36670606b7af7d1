import type { Estimator } from './estimator.js';

/** Reparameterization: f(g_theta(eps)) differentiated through the sample. */
export const pathwise: Estimator = {
  name: 'pathwise',
  description: 'reparameterized sample z = mu + sigma * eps, eps ~ N(0, 1); autodiff of f(z)',
  families: ['gaussian'],
  takesTemperature: false,
  unbiased: true,
  minSamples: 1,
  surrogate({ objective, distribution, noise }) {
    if (!distribution.rsample) throw new Error(`${objective.kind} has no reparameterized sampler`);
    return objective.f(distribution.rsample(noise));
  },
};
