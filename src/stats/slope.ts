import { Z95 } from './summary.js';

/** One point of a log-log fit: y > 0 with the standard error of ln y (from its interval). */
export interface LogLogPoint {
  readonly x: number;
  readonly y: number;
  readonly logSe: number;
}

export interface SlopeFit {
  /** d ln y / d ln x by weighted least squares. */
  readonly slope: number;
  /** 95% interval of the slope. */
  readonly lo: number;
  readonly hi: number;
  readonly standardError: number;
  /** ln y at ln x = 0 (x = 1). */
  readonly intercept: number;
  readonly points: number;
  /**
   * Residual chi-square per degree of freedom. When above 1 the points scatter more than
   * their own errors allow (curvature, a wrong model) and the slope's error is inflated by its root.
   */
  readonly reducedChiSquare: number;
}

/** The standard error of ln y from a 95% interval [lo, hi] that is symmetric on the log scale. */
export function logStandardError(y: number, lo: number, hi: number): number {
  return Math.log(hi / lo) / (2 * Z95);
}

/**
 * Log-log slope with known per-point errors of ln y (independent cells): weighted least
 * squares, a normal 95% interval, inflated by sqrt(reduced chi-square) when the scatter
 * exceeds the errors (the Birge ratio). Needs two distinct x; undefined otherwise.
 */
export function fitLogLogSlope(points: readonly LogLogPoint[]): SlopeFit | undefined {
  const usable = points.filter((p) => p.x > 0 && p.y > 0 && p.logSe > 0 && Number.isFinite(p.logSe));
  if (new Set(usable.map((p) => p.x)).size < 2) return undefined;
  const u = usable.map((p) => Math.log(p.x));
  const v = usable.map((p) => Math.log(p.y));
  const w = usable.map((p) => 1 / (p.logSe * p.logSe));
  const sw = w.reduce((a, b) => a + b, 0);
  const uBar = w.reduce((acc, wi, i) => acc + wi * (u[i] as number), 0) / sw;
  const vBar = w.reduce((acc, wi, i) => acc + wi * (v[i] as number), 0) / sw;
  let suu = 0;
  let suv = 0;
  w.forEach((wi, i) => {
    suu += wi * ((u[i] as number) - uBar) ** 2;
    suv += wi * ((u[i] as number) - uBar) * ((v[i] as number) - vBar);
  });
  const slope = suv / suu;
  const intercept = vBar - slope * uBar;
  const dof = usable.length - 2;
  const chi2 = w.reduce((acc, wi, i) => acc + wi * ((v[i] as number) - intercept - slope * (u[i] as number)) ** 2, 0);
  const reducedChiSquare = dof > 0 ? chi2 / dof : Number.NaN;
  const inflation = dof > 0 && reducedChiSquare > 1 ? Math.sqrt(reducedChiSquare) : 1;
  const standardError = Math.sqrt(1 / suu) * inflation;
  return {
    slope,
    lo: slope - Z95 * standardError,
    hi: slope + Z95 * standardError,
    standardError,
    intercept,
    points: usable.length,
    reducedChiSquare,
  };
}
