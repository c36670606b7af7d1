import type { Tensor, Tensor2D } from '../compute/tf.js';
import type { z } from 'zod';
import type { Distribution, NoiseSpec } from '../distributions/distribution.js';
import type { Family, Objective } from '../objectives/objective.js';

/** What an estimator sees for one chunk of c samples in each of T trials. */
export interface SurrogateInput<Options = Record<string, unknown>> {
  readonly objective: Objective;
  /** The differentiated parameter rows [T, P] (theta tiled over trials). */
  readonly theta: Tensor2D;
  /** q_theta built from `theta`. */
  readonly distribution: Distribution;
  /** Base noise [T, c, size] as declared by `noise` (parameter-free, seeded). */
  readonly noise: Tensor;
  readonly temperature: number | undefined;
  /** n, the number of samples averaged into one estimate. */
  readonly samples: number;
  readonly options: Options;
}

/** One chunk's per-trial sums in a pooled form, read back from the backend. */
export interface PooledChunk {
  /** Per surrogate term, the T x P gradient of its sum over the chunk (row-major). */
  readonly gradients: readonly Float32Array[];
  /** Per trial, each per-trial value the form reported (`values`), in order. */
  readonly values: readonly Float32Array[];
}

/**
 * An estimate that uses all n samples of a trial at once (a leave-one-out baseline),
 * written so that one pass over the noise suffices: per chunk, the gradients of several
 * surrogate terms, each through its own copy of the parameters (one backward pass for
 * all), and per-trial values without gradient are folded into float64 totals; `finish`
 * makes the estimates.
 */
export interface PooledForm<Totals = unknown> {
  readonly terms: number;
  /** `terms` per-trial surrogate sums [T], term k built on copies[k] only, and per-trial values [T] without gradient. */
  surrogates(input: SurrogateInput, copies: readonly Tensor2D[]): { terms: Tensor[]; values: Tensor[] };
  start(trials: number, params: number): Totals;
  add(totals: Totals, chunk: PooledChunk): void;
  /** The T x P estimates (row-major) from the totals over n samples. */
  finish(totals: Totals, samples: number): Float64Array;
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
  surrogate(input: SurrogateInput<Options>): Tensor;
  /** The pooled form these options (on this objective) need, if any; the engine then uses it instead of `surrogate`. */
  // biome-ignore lint: each form has its own totals
  pooled?(options: Options, objective: Objective): PooledForm<any> | undefined;
  /**
   * Why the estimator cannot run here beyond `families` and `minSamples` (an option that
   * needs something the objective lacks, more samples for one option); undefined if it can.
   */
  unsupported?(context: { objective: Objective; options: Options; samples: number }): string | undefined;
}

/** An estimator of any options type, as held by the registry. */
// biome-ignore lint: the registry holds estimators with different option types
export type AnyEstimator = Estimator<any>;
