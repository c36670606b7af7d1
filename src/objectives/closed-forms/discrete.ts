import { softmax } from '../categorical-logits.js';
import type { ConstantBaseline, Outcome } from './moments.js';

/** The value f takes on each one-hot class of a categorical objective, and the class probabilities. */
export interface CategoricalPoint {
  readonly probs: readonly number[];
  readonly values: readonly number[];
}

export function categoricalPoint(logits: readonly number[], values: readonly number[]): CategoricalPoint {
  return { probs: softmax(logits), values };
}

function constantBaselines(probs: readonly number[], values: readonly number[], score: (i: number, j: number) => number, baseline: ConstantBaseline): number[] {
  const expectation = probs.reduce((acc, p, i) => acc + p * (values[i] as number), 0);
  return probs.map((_, j) => {
    if (baseline === 'none') return 0;
    if (baseline === 'mean') return expectation;
    const fs2 = probs.reduce((acc, p, i) => acc + p * (values[i] as number) * score(i, j) ** 2, 0);
    const s2 = probs.reduce((acc, p, i) => acc + p * score(i, j) ** 2, 0);
    return fs2 / s2;
  });
}

/** Score-function estimates (f(e_i) - b_j)(delta_ij - pi_j) over the K classes, with respect to the logits. */
export function categoricalScoreOutcomes({ probs, values }: CategoricalPoint, baseline: ConstantBaseline): Outcome[] {
  const score = (i: number, j: number) => (i === j ? 1 : 0) - (probs[j] as number);
  const b = constantBaselines(probs, values, score, baseline);
  return probs.map((prob, i) => ({
    prob,
    estimate: probs.map((_, j) => ((values[i] as number) - (b[j] as number)) * score(i, j)),
  }));
}

/**
 * Straight-through (z + p - detach(p)): the estimate is J_p^T grad f(z) with the softmax
 * Jacobian, J_p^T x = pi * (x - pi . x); `gradAt(i)` is grad f at the one-hot e_i.
 */
export function categoricalStraightThroughOutcomes(probs: readonly number[], gradAt: (i: number) => readonly number[]): Outcome[] {
  return probs.map((prob, i) => {
    const x = gradAt(i);
    const dot = probs.reduce((acc, p, j) => acc + p * (x[j] as number), 0);
    return { prob, estimate: probs.map((p, j) => p * ((x[j] as number) - dot)) };
  });
}

/** The Bernoulli toy f(b) = (b - t)^2 at a logit, as the closed forms need it. */
export interface BernoulliPoint {
  readonly logit: number;
  readonly target: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Score-function estimates (f(b) - b0)(b - p) with respect to the logit. */
export function bernoulliScoreOutcomes({ logit, target }: BernoulliPoint, baseline: ConstantBaseline): Outcome[] {
  const p = sigmoid(logit);
  const probs = [1 - p, p];
  const values = [target ** 2, (1 - target) ** 2];
  const score = (i: number) => i - p;
  const [b] = constantBaselines(probs, values, (i) => score(i), baseline);
  return probs.map((prob, i) => ({ prob, estimate: [((values[i] as number) - (b as number)) * score(i)] }));
}

/** Straight-through: f'(b) p (1 - p) = 2 (b - t) p (1 - p). */
export function bernoulliStraightThroughOutcomes({ logit, target }: BernoulliPoint): Outcome[] {
  const p = sigmoid(logit);
  return [0, 1].map((b) => ({ prob: b === 1 ? p : 1 - p, estimate: [2 * (b - target) * p * (1 - p)] }));
}

/**
 * ARM and DisARM (Yin & Zhou 2019; Dong et al. 2020) depend on f only through
 * D = f(1) - f(0) = 1 - 2t; with theta = sigmoid(logit) and s = sigmoid(|logit|):
 * ARM (2 D^2 / 3)(1/8 - (s - 1/2)^3) - (theta (1 - theta) D)^2, DisARM D^2 s^2 (1 - s)(s - 1/2).
 */
export function armVariance({ logit, target }: BernoulliPoint): number {
  const d = 1 - 2 * target;
  const theta = sigmoid(logit);
  const s = sigmoid(Math.abs(logit));
  return ((2 * d * d) / 3) * (1 / 8 - (s - 0.5) ** 3) - (theta * (1 - theta) * d) ** 2;
}

export function disarmVariance({ logit, target }: BernoulliPoint): number {
  const d = 1 - 2 * target;
  const s = sigmoid(Math.abs(logit));
  return d * d * s * s * (1 - s) * (s - 0.5);
}
