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
    kind: z.literal('categorical-linear'),
    ...categoricalLogitsFields,
    reward: z.array(z.number()).min(2).describe('reward r (length K); f(z) = r . z'),
  })
  .superRefine(refineCategorical('reward'));

export type CategoricalLinearConfig = z.infer<typeof schema>;

export const categoricalLinear: ObjectiveDefinition<CategoricalLinearConfig> = {
  kind: 'categorical-linear',
  family: 'categorical',
  description: 'f(z) = r . z for one-hot z ~ Cat(softmax(alpha))',
  schema,
  create(config): Objective {
    const logits = resolveLogits(config);
    const reward = config.reward;
    const moments = linearRewardMoments(logits, reward);
    return {
      kind: 'categorical-linear',
      family: 'categorical',
      paramNames: alphaNames(logits.length),
      theta: logits,
      distribution: (theta) => new Categorical(theta.expandDims(1)),
      f: (z) => sumLastAxis(z.mul(tf.tensor1d(reward))),
      expectation: () => moments.mean,
      trueGrad: () => moments.grad,
      optimalBaseline: () => optimalLogitBaselines(moments.pi, reward),
    };
  },
};
