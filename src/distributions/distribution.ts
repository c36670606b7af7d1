import { sumLastAxis } from '../compute/tensor-ops.js';
import type { Tensor } from '../compute/tf.js';
import type { NoiseKind } from '../random/base-noise.js';

/** What base noise one sample consumes: `size` draws of `kind`. */
export interface NoiseSpec {
  readonly kind: NoiseKind;
  readonly size: number;
}

/**
 * A batch of distributions with parameters of shape [T, 1, ...]: one row per trial,
 * broadcast over the sample axis. Samples are [T, c, D]; log-densities are [T, c].
 * Sampling is a deterministic transform of base noise from seeded uniform streams (drawn
 * outside tfjs, so every backend starts from the same numbers).
 */
export interface Distribution {
  readonly noise: NoiseSpec;
  /** Whether rsample exists (a pathwise gradient through the sample). */
  readonly hasRsample: boolean;
  /** An exact sample, with no gradient path to the parameters. */
  sample(noise: Tensor): Tensor;
  /** A reparameterized sample whose gradient flows to the parameters. */
  rsample?(noise: Tensor): Tensor;
  logProb(value: Tensor): Tensor;
  /**
   * logProb(value) summed over the sample axis, [T], from the family's sufficient
   * statistics (counts; sums of deviations and their squares): a graph on [T, 1, D]
   * whose gradient is the sum of the c scores, where logProb's is a pass over [T, c, D]
   * each way.
   */
  sumLogProb(value: Tensor): Tensor;
  /**
   * sum_i w_i logProb(value_i) over the sample axis, [T], for weights w [T, c] that carry
   * no gradient, from weighted sufficient statistics; families without it are weighted
   * per sample (weightedSumLogProb below).
   */
  weightedSumLogProb?(value: Tensor, weights: Tensor): Tensor;
  /** The continuous relaxation at a temperature (discrete distributions only). */
  relaxed?(temperature: number): RelaxedDistribution;
}

/** A Concrete relaxation: differentiable samples that harden to the exact ones. */
export interface RelaxedDistribution {
  readonly noise: NoiseSpec;
  rsample(noise: Tensor): Tensor;
  /** The exact discrete sample a relaxed sample rounds to, with no gradient. */
  harden(relaxedSample: Tensor): Tensor;
}

/** sum_i w_i log q(value_i), [T]: the family's weighted sufficient statistics if it has them, else per sample. */
export function weightedSumLogProb(distribution: Distribution, value: Tensor, weights: Tensor): Tensor {
  return distribution.weightedSumLogProb?.(value, weights) ?? sumLastAxis(weights.mul(distribution.logProb(value)));
}
