import { z } from 'zod';
import { stopGradient } from '../compute/tensor-ops.js';
import type { Estimator } from './estimator.js';

const options = z.strictObject({
  baseline: z.enum(['loo']).default('loo').describe('loo: mean of f over the other n - 1 samples (unbiased)'),
});

export type ReinforceBaselineOptions = z.output<typeof options>;

/**
 * Score function with a leave-one-out baseline: (f(z_i) - b_i) grad log q(z_i), where
 * b_i is the mean of f over the other n - 1 samples of the same estimate. b_i does
 * not depend on z_i, so the estimate stays unbiased. The prepass sums f per trial.
 */
export const reinforceBaseline: Estimator<ReinforceBaselineOptions> = {
  name: 'reinforce-baseline',
  description: '(f(z_i) - b_i) * grad log q(z_i), b_i = mean of f over the other n - 1 samples',
  families: ['categorical', 'bernoulli', 'gaussian'],
  takesTemperature: false,
  unbiased: true,
  minSamples: 2,
  options: options as z.ZodType<ReinforceBaselineOptions>,
  trialStatistic({ objective, distribution, noise }) {
    return objective.f(distribution.sample(noise));
  },
  surrogate({ objective, distribution, noise, samples, trialStats }) {
    if (!trialStats) throw new Error('reinforce-baseline needs the per-trial sum of f');
    const z = distribution.sample(noise);
    const f = stopGradient(objective.f(z));
    const baseline = trialStats.sub(f).div(samples - 1);
    return f.sub(baseline).mul(distribution.logProb(z));
  },
};
