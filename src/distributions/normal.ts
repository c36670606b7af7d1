import { type Tensor, tf } from '../compute/tf.js';
import { deviationMoments, stopGradient, sumLastAxis, untaped } from '../compute/tensor-ops.js';
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

  sumLogProb(x: Tensor): Tensor {
    const [sum, sumOfSquares] = deviationMoments(x, this.loc) as [Tensor, Tensor];
    return this.fromDeviations(x.shape[1] as number, sum, sumOfSquares);
  }

  weightedSumLogProb(x: Tensor, weights: Tensor): Tensor {
    const [total, sum, sumOfSquares] = deviationMoments(x, this.loc, weights) as [Tensor, Tensor, Tensor];
    return this.fromDeviations(total, sum, sumOfSquares);
  }

  /**
   * log q summed over the samples (weighted: total is the sum of the weights; plain: the
   * count) from the sums of d = x - loc and of d^2 over the sample axis, [T, 1, D]; sums of
   * deviations rather than of x and x^2, which would cancel in float32 when |loc| >> scale.
   * loc enters through shift = loc - loc (0, with loc's gradient): sum w (x - loc)^2 =
   * sum w d^2 - 2 shift sum w d + shift^2 sum w, and the last term is 0 with gradient 0.
   */
  private fromDeviations(total: number | Tensor, sum: Tensor, sumOfSquares: Tensor): Tensor {
    const shift = this.loc.sub(stopGradient(this.loc));
    const squares = sumOfSquares.sub(shift.mul(sum).mul(2));
    return squares.div(this.scale.square()).mul(-0.5).sub(this.scale.log().add(HALF_LOG_TWO_PI).mul(total)).sum([1, 2]);
  }
}
