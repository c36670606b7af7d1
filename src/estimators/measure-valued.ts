import { type Tensor, tf } from '../compute/tf.js';
import { stopGradient } from '../compute/tensor-ops.js';
import { Normal } from '../distributions/normal.js';
import type { Estimator } from './estimator.js';

const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

/** Standard normals from two uniforms (Box-Muller, one of the pair). */
function boxMuller(u1: Tensor, u2: Tensor): Tensor {
  return u1.log().mul(-2).sqrt().mul(u2.mul(2 * Math.PI).cos());
}

/**
 * Measure-valued gradient for N(mu, sigma^2) (Mohamed et al. 2020, sec. 6), from five
 * uniforms per sample, transformed here in float32:
 * - mu: dN/dmu = (1 / (sigma sqrt(2 pi))) (Rayleigh+ - Rayleigh-), i.e. the Weibull(2, 0.5)
 *   decomposition: weight c (f(mu + sigma R) - f(mu - sigma R)), R = sqrt(-2 log u),
 *   the two parts coupled through the same R.
 * - sigma: dN/dsigma = (1 / sigma) (double-sided Maxwell - N): weight
 *   (f(mu + sigma M) - f(mu + sigma M U)) / sigma, coupled because M U ~ N(0, 1) for
 *   U ~ U(0, 1); M = sign(N) sqrt(N^2 - 2 log u) (a chi with 3 degrees of freedom).
 * The weights are estimates of dE/dmu and dE/dsigma, not derivatives of a sample, so
 * the surrogate is mu * detach(w_mu) + sigma * detach(w_sigma): autodiff applies the
 * chain rule from (mu, sigma) to theta (e.g. log sigma).
 */
export const measureValued: Estimator = {
  name: 'measure-valued',
  description: 'weak derivatives of N(mu, sigma^2): Weibull/Rayleigh parts for mu, double-sided Maxwell vs N for sigma, coupled',
  families: ['gaussian'],
  takesTemperature: false,
  unbiased: true,
  minSamples: 1,
  noise: () => ({ kind: 'uniform', size: 5 }),
  surrogate({ objective, distribution, noise }) {
    if (!(distribution instanceof Normal)) throw new Error(`measure-valued needs a Normal, not ${objective.kind}'s distribution`);
    const [uR, uN1, uN2, uChi, uCouple] = noise.split(5, -1) as [Tensor, Tensor, Tensor, Tensor, Tensor];
    const loc = stopGradient(distribution.loc);
    const scale = stopGradient(distribution.scale);
    const rayleigh = uR.log().mul(-2).sqrt();
    const normal = boxMuller(uN1, uN2);
    const maxwell = normal.sign().mul(normal.square().sub(uChi.log().mul(2)).sqrt());
    const at = (standard: Tensor) => objective.f(loc.add(scale.mul(standard)));
    const perScale = scale.sum(-1);
    const wMu = at(rayleigh).sub(at(rayleigh.neg())).mul(INV_SQRT_TWO_PI).div(perScale);
    const wSigma = at(maxwell).sub(at(maxwell.mul(uCouple))).div(perScale);
    return distribution.loc
      .sum(-1)
      .mul(stopGradient(wMu))
      .add(distribution.scale.sum(-1).mul(stopGradient(wSigma)));
  },
};
