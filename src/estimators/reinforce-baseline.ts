import { type Tensor2D, tf } from '../compute/tf.js';
import { z } from 'zod';
import { stopGradient, untaped } from '../compute/tensor-ops.js';
import { weightedSumLogProb } from '../distributions/distribution.js';
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

interface LeaveOneOutTotals {
  readonly params: number;
  /** Per trial and parameter: sum f_i s_i, and sum s_i. */
  readonly fScores: Float64Array;
  readonly scores: Float64Array;
  /** Per trial: S = sum f_i. */
  readonly fSums: Float64Array;
}

/**
 * The leave-one-out estimate in one pass. With s_i = grad log q(z_i) and S = sum f_i,
 * (1/n) sum (f_i - (S - f_i)/(n - 1)) s_i = (sum f_i s_i - (S/n) sum s_i) / (n - 1).
 * Per chunk, f is centred at its chunk mean m before the float32 backward pass
 * (sum f s = sum (f - m) s + m sum s): autodiff splits a score into parts that cancel,
 * and uncentred f multiplies their rounding by f instead of by f - m.
 */
export const leaveOneOut: PooledForm<LeaveOneOutTotals> = {
  terms: 2,
  surrogates({ objective, distribution, noise }, [weighted, plain]) {
    const z = distribution.sample(noise);
    const f = untaped(() => objective.f(z));
    const sum = untaped(() => f.sum(1, true));
    const centre = untaped(() => sum.div(f.shape[1] as number));
    const centred = untaped(() => f.sub(centre));
    return {
      // Where the family has sufficient statistics, neither term needs a per-sample log q.
      terms: [weightedSumLogProb(objective.distribution(weighted as Tensor2D), z, centred), objective.distribution(plain as Tensor2D).sumLogProb(z)],
      values: [centre.squeeze([1]), sum.squeeze([1])],
    };
  },
  start: (trials, params) => ({
    params,
    fScores: new Float64Array(trials * params),
    scores: new Float64Array(trials * params),
    fSums: new Float64Array(trials),
  }),
  add({ params, fScores, scores, fSums }, { gradients: [centred, plain], values: [centres, sums] }) {
    for (let i = 0; i < fScores.length; i++) {
      const t = Math.floor(i / params);
      fScores[i] = (fScores[i] as number) + ((centred as Float32Array)[i] as number) + ((centres as Float32Array)[t] as number) * ((plain as Float32Array)[i] as number);
      scores[i] = (scores[i] as number) + ((plain as Float32Array)[i] as number);
    }
    (sums as Float32Array).forEach((sum, t) => {
      fSums[t] = (fSums[t] as number) + sum;
    });
  },
  finish({ params, fScores, scores, fSums }, n) {
    return fScores.map((g, i) => (g - ((fSums[Math.floor(i / params)] as number) / n) * (scores[i] as number)) / (n - 1));
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
    return f.mul(distribution.logProb(z)).sub(objective.distribution(scaled as Tensor2D).logProb(z));
  },
};
