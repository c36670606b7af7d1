import { type Tensor, tf } from '../compute/tf.js';
import { untaped, oneHotArgmax } from '../compute/tensor-ops.js';
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

  constructor(readonly logits: Tensor) {
    this.noise = { kind: 'gumbel', size: logits.shape[logits.shape.length - 1] as number };
  }

  sample(gumbel: Tensor): Tensor {
    // Untaped: no copies of [T, c, K] inputs for a backward pass, and none runs through the argmax.
    return untaped(() => oneHotArgmax(this.logits.add(gumbel)));
  }

  logProb(oneHot: Tensor): Tensor {
    // [T, c, K] x [T, K, 1]: as one batched matMul the backward pass is one more, instead
    // of broadcasting dy over [T, c, K], multiplying and reducing.
    return tf.matMul(oneHot, tf.logSoftmax(this.logits), false, true).squeeze([-1]);
  }

  sumLogProb(oneHot: Tensor): Tensor {
    const counts = untaped(() => oneHot.sum(1, true));
    return counts.mul(tf.logSoftmax(this.logits)).sum([1, 2]);
  }

  relaxed(temperature: number): RelaxedDistribution {
    return new RelaxedOneHotCategorical(this.logits, temperature);
  }
}
