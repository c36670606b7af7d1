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

const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
const DAWSON_H = 0.2;
/** exp(-((2i - 1) h)^2), i = 1..30: later terms are below 1e-60. */
const DAWSON_C = Array.from({ length: 30 }, (_, i) => Math.exp(-(((2 * i + 1) * DAWSON_H) ** 2)));

/**
 * Dawson's integral F(x) = exp(-x^2) int_0^x exp(t^2) dt: its Maclaurin series near 0, else
 * Rybicki's sampling formula (Numerical Recipes 6.10) with h = 0.2, whose error is about
 * exp(-(pi / 2h)^2) ~ 1e-27, so float64 rounding dominates.
 */
export function dawson(x: number): number {
  const ax = Math.abs(x);
  if (ax < 0.2) {
    // x - 2x^3/3 + 4x^5/15 - 8x^7/105 + 16x^9/945 - 32x^11/10395
    const x2 = x * x;
    return x * (1 - ((2 * x2) / 3) * (1 - ((2 * x2) / 5) * (1 - ((2 * x2) / 7) * (1 - ((2 * x2) / 9) * (1 - (2 * x2) / 11)))));
  }
  const n0 = 2 * Math.round((0.5 * ax) / DAWSON_H);
  const xp = ax - n0 * DAWSON_H;
  let e1 = Math.exp(2 * xp * DAWSON_H);
  const e2 = e1 * e1;
  let d1 = n0 + 1;
  let d2 = d1 - 2;
  let sum = 0;
  for (const c of DAWSON_C) {
    sum += c * (e1 / d1 + 1 / (d2 * e1));
    d1 += 2;
    d2 -= 2;
    e1 *= e2;
  }
  return Math.sign(x) * INV_SQRT_PI * Math.exp(-xp * xp) * sum;
}

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
  /**
   * Coupled weak derivatives (the measure-valued estimator's sampling). mu: the weight is
   * -2 sin(k mu) sin(aR) / (sigma sqrt(2 pi)) with R Rayleigh, E[sin aR] = a sqrt(pi/2) exp(-a^2/2)
   * and E[cos bR] = 1 - sqrt(2) b F(b / sqrt 2) with F Dawson's integral. sigma: the weight is
   * (cos(k mu + aM) - cos(k mu + aMU)) / sigma with M double-sided Maxwell (E[cos bM] =
   * (1 - b^2) exp(-b^2/2)) and MU ~ N(0, 1); the cross term integrates over U in closed form
   * because (1 - a^2 v^2) exp(-a^2 v^2 / 2) is the derivative of v exp(-a^2 v^2 / 2).
   */
  measureValued(point: GaussianPoint): number[] {
    const { mu, sigma, k } = point;
    const a = k * sigma;
    const a2 = a * a;
    const gSigma = gaussianCosForms.grad(point)[1] as number;
    const sinR = a * Math.sqrt(Math.PI / 2) * Math.exp(-a2 / 2);
    const cos2aR = 1 - 2 * Math.SQRT2 * a * dawson(Math.SQRT2 * a);
    const varSinR = (1 - cos2aR) / 2 - sinR * sinR;
    const varMu = ((4 * Math.sin(k * mu) ** 2) / (2 * Math.PI * sigma * sigma)) * varSinR;
    const c2 = Math.cos(2 * k * mu);
    const e2 = Math.exp(-2 * a2);
    const eHalf = Math.exp(-a2 / 2);
    const squareM = (1 + c2 * (1 - 4 * a2) * e2) / 2;
    const squareN = (1 + c2 * e2) / 2;
    const cross = (eHalf + c2 * (2 * e2 - eHalf)) / 2;
    return [varMu, (squareM + squareN - 2 * cross) / (sigma * sigma) - gSigma * gSigma];
  },
};
