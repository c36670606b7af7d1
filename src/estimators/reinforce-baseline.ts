import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { stopGradient, untaped } from '../compute/tensor-ops.js';
import type { Objective } from '../objectives/objective.js';
import type { Estimator, PooledForm } from './estimator.js';

const options = z.strictObject({
  baseline: z
    .enum(['loo', 'mean', 'optimal'])
    .default('loo')
    .describe(
      'loo: mean of f over the other n - 1 samples (needs n >= 2); mean: oracle b = E[f]; optimal: oracle b_j = E[f s_j^2] / E[s_j^2] per parameter (objectives with exact moments)',
    ),
});

export type ReinforceBaselineOptions = z.output<typeof options>;

/** The oracle constant baseline of each parameter, exact from the objective. */
function oracleBaselines(objective: Objective, baseline: 'mean' | 'optimal'): number[] {
  if (baseline === 'mean') return objective.theta.map(() => objective.expectation());
  if (!objective.optimalBaseline) throw new Error(`${objective.kind} has no exact optimal baseline`);
  return objective.optimalBaseline();
}

/**
 * The leave-one-out estimate in one pass. With s_i = grad log q(z_i) and S = sum f_i,
 * (1/n) sum (f_i - (S - f_i)/(n - 1)) s_i = sum f_i s_i / (n - 1) - S sum s_i / (n (n - 1)):
 * two gradient sums and the sum of f, combined at the end.
 */
export const leaveOneOut: PooledForm = {
  terms: 2,
  surrogates({ objective, distribution, noise }, [weighted, plain]) {
    const z = distribution.sample(noise);
    const f = untaped(() => objective.f(z));
    const logProb = (rows: tf.Tensor2D) => objective.distribution(rows).logProb(z);
    return { terms: [f.mul(logProb(weighted as tf.Tensor2D)), logProb(plain as tf.Tensor2D)], statistic: f };
  },
  combine({ gradients, statistic: fSums }, n, p) {
    const [fScores, scores] = gradients as [Float64Array, Float64Array];
    return fScores.map((g, i) => g / (n - 1) - ((fSums[Math.floor(i / p)] as number) * (scores[i] as number)) / (n * (n - 1)));
  },
};

/**
 * Score function with a baseline: (f(z_i) - b) grad log q(z_i), unbiased whenever b does
 * not depend on z_i. loo: b_i is the mean of f over the other n - 1 samples of the same
 * estimate (in one pass, see leaveOneOut). mean / optimal: oracle constants from the
 * objective's exact moments, so they show the best a baseline can do; optimal has a
 * different b_j for each parameter j.
 */
export const reinforceBaseline: Estimator<ReinforceBaselineOptions> = {
  name: 'reinforce-baseline',
  description: '(f(z_i) - b) * grad log q(z_i); b = leave-one-out mean of f (default), oracle E[f], or oracle optimal b_j',
  families: ['categorical', 'bernoulli', 'gaussian'],
  takesTemperature: false,
  unbiased: true,
  minSamples: 1,
  options: options as z.ZodType<ReinforceBaselineOptions>,
  unsupported({ objective, options: { baseline }, samples }) {
    if (baseline === 'loo' && samples < 2) return 'needs samples >= 2 (baseline=loo)';
    if (baseline === 'optimal' && !objective.optimalBaseline) {
      return `baseline=optimal needs the exact optimal baseline, which ${objective.kind} does not provide`;
    }
    return undefined;
  },
  pooled: ({ baseline }) => (baseline === 'loo' ? leaveOneOut : undefined),
  surrogate({ objective, theta, distribution, noise, options: { baseline } }) {
    if (baseline === 'loo') throw new Error('baseline=loo runs in its pooled form');
    const z = distribution.sample(noise);
    const f = untaped(() => objective.f(z));
    // Subtract b_j only from parameter j's score in one backward pass: rows equal to theta
    // whose gradient is scaled by b_j per column (theta - detach(theta) is exactly 0).
    const fixed = stopGradient(theta);
    const scaled = fixed.add(theta.sub(fixed).mul(tf.tensor1d(oracleBaselines(objective, baseline))));
    return f.mul(distribution.logProb(z)).sub(objective.distribution(scaled as tf.Tensor2D).logProb(z));
  },
};
