import type { Tensor, Tensor2D } from '../compute/tf.js';
import { z } from 'zod';
import { Normal } from '../distributions/normal.js';

/** The shared fields of the Gaussian objectives x ~ N(mu, sigma^2). */
export const gaussianFields = {
  mu: z.number().describe('mean of x'),
  sigma: z.number().positive().describe('standard deviation of x (> 0)'),
  k: z.number().describe('objective constant k'),
  param: z
    .enum(['sigma', 'log_sigma'])
    .default('sigma')
    .describe('differentiate with respect to sigma or log sigma (Var is sigma^2 times larger for log sigma)'),
};

export type GaussianScaleParam = 'sigma' | 'log_sigma';

/** theta = [mu, sigma] or [mu, log sigma], the matching Normal, and gradients converted from (mu, sigma). */
export function gaussianParameterisation(mu: number, sigma: number, param: GaussianScaleParam = 'sigma') {
  const logScale = param === 'log_sigma';
  return {
    paramNames: ['mu', param],
    theta: [mu, logScale ? Math.log(sigma) : sigma],
    distribution(theta: Tensor2D): Normal {
      const [loc, scale] = theta.expandDims(1).split(2, -1) as [Tensor, Tensor];
      return new Normal(loc, logScale ? scale.exp() : scale);
    },
    /** From [dE/dmu, dE/dsigma] to the gradient with respect to theta. */
    gradient(dMu: number, dSigma: number): number[] {
      return [dMu, logScale ? sigma * dSigma : dSigma];
    },
  };
}
