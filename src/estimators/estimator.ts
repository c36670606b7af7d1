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
  /** [T, 1]: per trial, the sum over all n samples of `trialStatistic` (when declared). */
  readonly trialStats: tf.Tensor | undefined;
  readonly options: Options;
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
  /** A per-sample value [T, c] summed over each trial's n samples before the gradient pass. */
  trialStatistic?(input: SurrogateInput<Options>): tf.Tensor;
  /** Whether these options use `trialStatistic` (default: yes); false skips the prepass. */
  usesTrialStatistic?(options: Options): boolean;
  /**
   * Why the estimator cannot run here beyond `families` and `minSamples` (an option that
   * needs something the objective lacks, more samples for one option); undefined if it can.
   */
  unsupported?(context: { objective: Objective; options: Options; samples: number }): string | undefined;
}

/** An estimator of any options type, as held by the registry. */
// biome-ignore lint: the registry holds estimators with different option types
export type AnyEstimator = Estimator<any>;
