import { type Tensor, tf } from '../compute/tf.js';
import { oneHotArgmax } from '../compute/tensor-ops.js';
import type { NoiseSpec, RelaxedDistribution } from './distribution.js';

/** Gumbel-Softmax / Concrete: softmax((logits + g) / tau), hardening to Gumbel-max. */
export class RelaxedOneHotCategorical implements RelaxedDistribution {
  readonly noise: NoiseSpec;

  constructor(
    readonly logits: Tensor,
    readonly temperature: number,
  ) {
    this.noise = { kind: 'gumbel', size: logits.shape[logits.shape.length - 1] as number };
  }

  rsample(gumbel: Tensor): Tensor {
    return tf.softmax(this.logits.add(gumbel).div(this.temperature));
  }

  harden(relaxedSample: Tensor): Tensor {
    return oneHotArgmax(relaxedSample);
  }
}
