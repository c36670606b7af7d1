import type { Tensor, Tensor2D } from '../compute/tf.js';
import type { z } from 'zod';
import type { Distribution } from '../distributions/distribution.js';

/** Which kind of q_theta an objective uses; estimators declare the families they apply to. */
export type Family = 'categorical' | 'bernoulli' | 'gaussian';

/**
 * E_{z ~ q_theta}[f(z)] at a fixed theta, with its exact value and gradient in
 * float64 so that estimates can be scored. `trueGrad` is the gradient of the
 * unrelaxed objective, so relaxation bias shows.
 */
export interface Objective {
  readonly kind: string;
  readonly family: Family;
  /** CSV names of the entries of theta, e.g. alpha[0], logit, mu, log_sigma. */
  readonly paramNames: readonly string[];
  readonly theta: readonly number[];
  /** q_theta for a batch of parameter rows theta [T, P]; batch shape [T, 1]. */
  distribution(theta: Tensor2D): Distribution;
  /** f on samples [T, c, D], giving [T, c]. Also applied to relaxed samples. */
  f(z: Tensor): Tensor;
  expectation(): number;
  trueGrad(): number[];
  /**
   * Per parameter, the constant baseline b_j = E[f s_j^2] / E[s_j^2] (s = grad log q) that
   * minimises the variance of (f - b_j) s_j, exact in float64. Optional: estimators that
   * need it skip objectives without it. A per-parameter rescaling of theta rescales s_j
   * and leaves b_j unchanged.
   */
  optimalBaseline?(): number[];
}

/** How an objective kind is declared in YAML and built from its fields. */
export interface ObjectiveDefinition<Config extends { kind: string } = { kind: string }> {
  readonly kind: Config['kind'];
  readonly family: Family;
  readonly description: string;
  /** The YAML fields (including `kind`); the single source of validation and types. */
  readonly schema: z.ZodType<Config>;
  create(config: Config): Objective;
}

/** An objective definition of any config type, as held by the registry. */
export type AnyObjectiveDefinition = ObjectiveDefinition<any>;
