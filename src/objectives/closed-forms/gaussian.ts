import type { ScoreMoments } from './moments.js';

/**
 * Single-sample closed forms for x = mu + sigma eps ~ N(mu, sigma^2), with respect to
 * (mu, sigma). Scores: s_mu = eps / sigma, s_sigma = (eps^2 - 1) / sigma. Everything
 * follows from the Gaussian moments E[eps^2k] = (2k - 1)!! and, for cos, from the
 * derivatives of the characteristic function E[cos(b eps)] = exp(-b^2 / 2).
 */
export interface GaussianPoint {
  readonly mu: number;
  readonly sigma: number;
  readonly k: number;
}

/** f = (x - k)^2, d = mu - k (Mohamed et al. 2020, Fig. 2). */
export const gaussianQuadraticForms = {
  /** 2(x - k) and 2(x - k) eps: 4 sigma^2 and 4 d^2 + 8 sigma^2. */
  pathwise({ mu, sigma, k }: GaussianPoint): number[] {
    const d = mu - k;
    return [4 * sigma ** 2, 4 * d * d + 8 * sigma ** 2];
  },
  /** E[f^2 eps^2] = d^4 + 18 d^2 s^2 + 15 s^4; E[f^2 (eps^2 - 1)^2] = 2 d^4 + 60 d^2 s^2 + 78 s^4 (then / sigma^2). */
  scoreMoments({ mu, sigma, k }: GaussianPoint): ScoreMoments {
    const d = mu - k;
    const s2 = sigma * sigma;
    return {
      fSquaredScoreSquared: [d ** 4 / s2 + 18 * d * d + 15 * s2, (2 * d ** 4) / s2 + 60 * d * d + 78 * s2],
      fScoreSquared: [(d * d + 3 * s2) / s2, (2 * d * d + 10 * s2) / s2],
      scoreSquared: [1 / s2, 2 / s2],
      grad: [2 * d, 2 * sigma],
      expectation: d * d + s2,
    };
  },
  /**
   * Coupled weak derivatives: for mu the weight is 4 d R / sqrt(2 pi) with R Rayleigh
   * (Var R = 2 - pi / 2), so 4 d^2 (4 - pi) / pi, zero at k = mu; for sigma
   * 2 d M (1 - U) + sigma M^2 (1 - U^2) with M double-sided Maxwell, U uniform: 4 d^2 + 4 sigma^2.
   */
  measureValued({ mu, sigma, k }: GaussianPoint): number[] {
    const d = mu - k;
    return [(4 * d * d * (4 - Math.PI)) / Math.PI, 4 * d * d + 4 * sigma ** 2];
  },
};

/** f = cos(k x), a = k sigma (Mohamed et al. 2020, Fig. 3). */
export const gaussianCosForms = {
  grad({ mu, sigma, k }: GaussianPoint): number[] {
    const damping = Math.exp(-0.5 * k * k * sigma * sigma);
    return [-k * Math.sin(k * mu) * damping, -k * k * sigma * Math.cos(k * mu) * damping];
  },
  /**
   * -k sin(kx) and -k eps sin(kx): with sin^2 = (1 - cos 2kx) / 2,
   * E[eps^2 cos(2kx)] = cos(2 k mu) (1 - 4a^2) exp(-2a^2).
   */
  pathwise(point: GaussianPoint): number[] {
    const { mu, k } = point;
    const a2 = (k * point.sigma) ** 2;
    const [gMu, gSigma] = gaussianCosForms.grad(point) as [number, number];
    const cos2 = Math.cos(2 * k * mu) * Math.exp(-2 * a2);
    return [(k * k * (1 - cos2)) / 2 - gMu * gMu, (k * k * (1 - (1 - 4 * a2) * cos2)) / 2 - gSigma * gSigma];
  },
  /** cos^2 = (1 + cos 2kx) / 2 and E[(eps^2 - 1)^2 cos(b eps)] = (2 - 4b^2 + b^4) exp(-b^2 / 2) at b = 2a. */
  scoreMoments(point: GaussianPoint): ScoreMoments {
    const { mu, sigma, k } = point;
    const a2 = (k * sigma) ** 2;
    const s2 = sigma * sigma;
    const cos2 = Math.cos(2 * k * mu) * Math.exp(-2 * a2);
    const cos1 = Math.cos(k * mu) * Math.exp(-a2 / 2);
    return {
      fSquaredScoreSquared: [(1 + (1 - 4 * a2) * cos2) / (2 * s2), (2 + (2 - 16 * a2 + 16 * a2 * a2) * cos2) / (2 * s2)],
      fScoreSquared: [(cos1 * (1 - a2)) / s2, (cos1 * (2 - 4 * a2 + a2 * a2)) / s2],
      scoreSquared: [1 / s2, 2 / s2],
      grad: gaussianCosForms.grad(point),
      expectation: cos1,
    };
  },
};
