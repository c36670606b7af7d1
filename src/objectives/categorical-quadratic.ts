import { sumLastAxis } from '../compute/tensor-ops.js';
import { tf } from '../compute/tf.js';
import { z } from 'zod';
import { Categorical } from '../distributions/categorical.js';
import {
  alphaNames,
  categoricalLogitsFields,
  linearRewardMoments,
  optimalLogitBaselines,
  refineCategorical,
  resolveLogits,
} from './categorical-logits.js';
import type { Objective, ObjectiveDefinition } from './objective.js';

const schema = z
  .strictObject({
    kind: z.literal('categorical-quadratic'),
    ...categoricalLogitsFields,
    target: z.array(z.number()).min(2).describe('target t (length K); f(z) = sum_i (z_i - t_i)^2'),
  })
  .superRefine(refineCategorical('target'));

export type CategoricalQuadraticConfig = z.infer<typeof schema>;

export const categoricalQuadratic: ObjectiveDefinition<CategoricalQuadraticConfig> = {
  kind: 'categorical-quadratic',
  family: 'categorical',
  description: 'f(z) = sum_i (z_i - t_i)^2 for one-hot z ~ Cat(softmax(alpha)); nonlinear on relaxed samples',
  schema,
  create(config): Objective {
    const logits = resolveLogits(config);
    const target = config.target;
    // On one-hot z, z_i^2 = z_i, so f(z) = sum t_i^2 + r . z with r_i = 1 - 2 t_i.
    const constant = target.reduce((acc, t) => acc + t * t, 0);
    const reward = target.map((t) => 1 - 2 * t);
    const moments = linearRewardMoments(logits, reward);
    return {
      kind: 'categorical-quadratic',
      family: 'categorical',
      paramNames: alphaNames(logits.length),
      theta: logits,
      distribution: (theta) => new Categorical(theta.expandDims(1)),
      f: (z) => sumLastAxis(z.sub(tf.tensor1d(target)).square()),
      expectation: () => constant + moments.mean,
      trueGrad: () => moments.grad,
      optimalBaseline: () => optimalLogitBaselines(moments.pi, reward.map((r) => constant + r)),
    };
  },
};
