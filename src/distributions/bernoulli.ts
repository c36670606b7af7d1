import { type Tensor, tf } from '../compute/tf.js';
import { heaviside, sumLastAxis, untaped } from '../compute/tensor-ops.js';
import type { Distribution, NoiseSpec, RelaxedDistribution } from './distribution.js';
import { RelaxedBernoulli } from './relaxed-bernoulli.js';

/**
 * Bernoulli with logit of shape [T, 1, 1]; samples are 0/1 of shape [T, c, 1].
 * Sampling thresholds logit + L at 0 with L ~ Logistic(0, 1), which is 1 with
 * probability sigmoid(logit): the binary case of Gumbel-max.
 */
export class Bernoulli implements Distribution {
  readonly noise: NoiseSpec = { kind: 'logistic', size: 1 };
  readonly hasRsample = false;

  constructor(readonly logit: Tensor) {}

  sample(logistic: Tensor): Tensor {
    return untaped(() => heaviside(this.logit.add(logistic)));
  }

  logProb(b: Tensor): Tensor {
    // b log sigmoid(l) + (1 - b) log sigmoid(-l) = b l - softplus(l)
    return sumLastAxis(b.mul(this.logit).sub(tf.softplus(this.logit)));
  }

  sumLogProb(b: Tensor): Tensor {
    const counts = untaped(() => b.sum(1, true));
    return counts.mul(this.logit).sub(tf.softplus(this.logit).mul(b.shape[1] as number)).sum([1, 2]);
  }

  relaxed(temperature: number): RelaxedDistribution {
    return new RelaxedBernoulli(this.logit, temperature);
  }
}
