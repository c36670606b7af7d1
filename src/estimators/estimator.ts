import type * as tf from '@tensorflow/tfjs';
import type { z } from 'zod';
import type { Distribution, NoiseSpec } from '../distributions/distribution.js';
import type { Family, Objective } from '../objectives/objective.js';

/** What an estimator sees for one chunk of c samples in each of T trials. */
export interface SurrogateInput<Options = Record<string, unknown>> {
  readonly objective: Objective;
  /** The differentiated parameter rows [T, P] (theta tiled over trials). */
  readonly theta: tf.Tensor2D;
  /** q_theta built from `theta`. */
  readonly distribution: Distribution;
  /** Base noise [T, c, size] as declared by `noise` (parameter-free, seeded). */
  readonly noise: tf.Tensor;
  readonly temperature: number | undefined;
  /** n, the number of samples averaged into one estimate. */
  readonly samples: number;
  readonly options: Options;
}

/** Per-trial totals over all n samples of a pooled form's terms. */
export interface PooledSums {
  /** Per gradient term, the T x P gradient sums (row-major). */
  readonly gradients: readonly Float64Array[];
  /** Per trial, the sum of the statistic. */
  readonly statistic: Float64Array;
}

/**
 * An estimate that uses all n samples of a trial at once (a leave-one-out baseline)
 * written so that one pass over the noise suffices: per chunk, the gradient of each
 * surrogate term, each through its own copy of the parameters (one backward pass for all),
 * and a per-sample statistic without gradient are summed per trial; `combine` then makes
 * the estimates from the totals.
 */
export interface PooledForm {
  readonly terms: number;
  /** `terms` surrogates [T, c], term k built on copies[k] only, and the statistic [T, c]. */
  surrogates(input: SurrogateInput, copies: readonly tf.Tensor2D[]): { terms: tf.Tensor[]; statistic: tf.Tensor };
  /** The T x P estimates (row-major) from the totals over n samples of P parameters. */
  combine(sums: PooledSums, samples: number, params: number): Float64Array;
}

/**
 * A gradient estimator written as a surrogate: tfjs autodiff of the surrogate with
 * respect to theta gives the estimate. Like mc_gradients, each is a small pure
 * function of the distribution, f and the noise.
 */
export interface Estimator<Options = Record<string, unknown>> {
  readonly name: string;
  readonly description: string;
  readonly families: readonly Family[];
  readonly takesTemperature: boolean;
  /** E[estimate] equals the exact gradient (used by `check`'s unbiasedness test). */
  readonly unbiased: boolean;
  /** Smallest n the estimator is defined for. */
  readonly minSamples: number;
  /** Options accepted in `{ name: ..., option: value }` entries; defaults fill the rest. */
  readonly options?: z.ZodType<Options>;
  /** Noise per sample, given the distribution's own (default: the distribution's own). */
  noise?(base: NoiseSpec): NoiseSpec;
  /**
   * Per-sample surrogates [T, c]. The gradient of their sum with respect to trial
   * t's parameters is the sum of that trial's per-sample gradient estimates.
   */
  surrogate(input: SurrogateInput<Options>): tf.Tensor;
  /** The pooled form these options need, if any; the engine then uses it instead of `surrogate`. */
  pooled?(options: Options): PooledForm | undefined;
  /**
   * Why the estimator cannot run here beyond `families` and `minSamples` (an option that
   * needs something the objective lacks, more samples for one option); undefined if it can.
   */
  unsupported?(context: { objective: Objective; options: Options; samples: number }): string | undefined;
}

/** An estimator of any options type, as held by the registry. */
// biome-ignore lint: the registry holds estimators with different option types
export type AnyEstimator = Estimator<any>;
