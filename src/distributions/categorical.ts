import * as tf from '@tensorflow/tfjs';
import { offTape, oneHotArgmax } from '../compute/tensor-ops.js';
import type { Distribution, NoiseSpec, RelaxedDistribution } from './distribution.js';
import { RelaxedOneHotCategorical } from './relaxed-one-hot-categorical.js';

/**
 * Categorical over K classes with logits of shape [T, 1, K]; samples are one-hot.
 * Sampling is Gumbel-max: argmax(logits + g) with g ~ Gumbel(0, 1) is exactly
 * distributed as softmax(logits).
 */
export class Categorical implements Distribution {
  readonly noise: NoiseSpec;
  readonly hasRsample = false;

  constructor(readonly logits: tf.Tensor) {
    this.noise = { kind: 'gumbel', size: logits.shape[logits.shape.length - 1] as number };
  }

  sample(gumbel: tf.Tensor): tf.Tensor {
    // Off the tape: the backward pass then skips the [T, c, K] argmax path entirely.
    return oneHotArgmax(offTape(this.logits).add(gumbel));
  }

  logProb(oneHot: tf.Tensor): tf.Tensor {
    return oneHot.mul(tf.logSoftmax(this.logits)).sum(-1);
  }

  relaxed(temperature: number): RelaxedDistribution {
    return new RelaxedOneHotCategorical(this.logits, temperature);
  }
}
