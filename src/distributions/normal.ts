import { type Tensor, tf } from '../compute/tf.js';
import { sumLastAxis, untaped } from '../compute/tensor-ops.js';
import type { Distribution, NoiseSpec } from './distribution.js';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Univariate normal N(loc, scale^2) with loc and scale of shape [T, 1, 1]. */
export class Normal implements Distribution {
  readonly noise: NoiseSpec = { kind: 'normal', size: 1 };
  readonly hasRsample = true;

  constructor(
    readonly loc: Tensor,
    readonly scale: Tensor,
  ) {}

  rsample(eps: Tensor): Tensor {
    return this.loc.add(this.scale.mul(eps));
  }

  sample(eps: Tensor): Tensor {
    return untaped(() => this.rsample(eps));
  }

  logProb(x: Tensor): Tensor {
    const standardized = x.sub(this.loc).div(this.scale);
    // The constant joins log(scale) on [T, 1, 1], saving a pass over [T, c, D].
    return sumLastAxis(standardized.square().mul(-0.5).sub(this.scale.log().add(HALF_LOG_TWO_PI)));
  }
}
