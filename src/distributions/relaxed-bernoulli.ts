import { type Tensor, tf } from '../compute/tf.js';
import { heaviside } from '../compute/tensor-ops.js';
import type { NoiseSpec, RelaxedDistribution } from './distribution.js';

/** Binary Concrete: sigmoid((logit + L) / tau), hardening to the threshold y > 1/2. */
export class RelaxedBernoulli implements RelaxedDistribution {
  readonly noise: NoiseSpec = { kind: 'logistic', size: 1 };

  constructor(
    readonly logit: Tensor,
    readonly temperature: number,
  ) {}

  rsample(logistic: Tensor): Tensor {
    return tf.sigmoid(this.logit.add(logistic).div(this.temperature));
  }

  harden(relaxedSample: Tensor): Tensor {
    return heaviside(relaxedSample.sub(0.5));
  }
}
