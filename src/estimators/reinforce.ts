import { untaped } from '../compute/tensor-ops.js';
import { weightedSumLogProb } from '../distributions/distribution.js';
import type { Estimator, PooledForm } from './estimator.js';

/**
 * The score-function estimate from each chunk's sum of f(z_i) log q(z_i) over its
 * samples: where the family sums its log-density from weighted sufficient statistics
 * (the Normal: sums of f d and f d^2, one pass on wasm), no per-sample log q and no
 * backward pass over [T, c] at all.
 */
const summedScores: PooledForm<Float64Array> = {
  terms: 1,
  surrogates({ objective, distribution, noise }) {
    const z = distribution.sample(noise);
    const f = untaped(() => objective.f(z));
    return { terms: [weightedSumLogProb(distribution, z, f)], values: [] };
  },
  start: (trials, params) => new Float64Array(trials * params),
  add(totals, { gradients: [sums] }) {
    for (let i = 0; i < totals.length; i++) totals[i] = (totals[i] as number) + ((sums as Float32Array)[i] as number);
  },
  finish: (totals, samples) => totals.map((total) => total / samples),
};

/** Score function: f(z) grad log q(z); the sample carries no gradient, only log q does. */
export const reinforce: Estimator = {
  name: 'reinforce',
  description: 'score function f(z) * grad log q(z), no baseline',
  families: ['categorical', 'bernoulli', 'gaussian'],
  takesTemperature: false,
  unbiased: true,
  minSamples: 1,
  // Categorical and Bernoulli scores are per sample either way (their weighted sums are
  // per sample), where summing them first would only add a reduction and its backward pass.
  pooled: (_options, objective) => (objective.family === 'gaussian' ? summedScores : undefined),
  surrogate({ objective, distribution, noise }) {
    const z = distribution.sample(noise);
    return untaped(() => objective.f(z)).mul(distribution.logProb(z));
  },
};
