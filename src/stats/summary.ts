/** z for a two-sided 95% normal interval. */
export const Z95 = 1.959963984540054;

/** Summary of T independent gradient estimates of one parameter. */
export interface EstimateSummary {
  readonly mean: number;
  readonly bias: number;
  /** Unbiased sample variance (divisor T - 1). */
  readonly variance: number;
  /** 95% interval for the variance from the fourth moment (no normality assumed). */
  readonly varianceLo: number;
  readonly varianceHi: number;
  /** Mean of (estimate - trueValue)^2. */
  readonly mse: number;
}

export function mean(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total / values.length;
}

/** Central moments m2 (divisor T) and m4 of the values about their mean. */
export function centralMoments(values: ArrayLike<number>): { mean: number; m2: number; m4: number } {
  const m = mean(values);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d2 = ((values[i] as number) - m) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  return { mean: m, m2: m2 / values.length, m4: m4 / values.length };
}

/**
 * Asymptotic standard error of the sample variance from the fourth central moment:
 * Var(s^2) ~ (mu4 - sigma^4 (T - 3) / (T - 1)) / T. Valid for heavy-tailed estimates
 * (REINFORCE at small n) where the normal-theory chi-square interval is far too narrow.
 */
export function varianceStandardError(values: ArrayLike<number>): number {
  const t = values.length;
  const { m2, m4 } = centralMoments(values);
  const s2 = (m2 * t) / (t - 1);
  return Math.sqrt(Math.max(m4 - (s2 * s2 * (t - 3)) / (t - 1), 0) / t);
}

/**
 * Mean, bias, variance with its interval, and MSE of T estimates. The interval is the
 * fourth-moment standard error applied on the log scale (delta method), so it stays
 * positive and is symmetric on log-log plots.
 */
export function summarizeEstimates(values: ArrayLike<number>, trueValue: number): EstimateSummary {
  const t = values.length;
  const { mean: m, m2 } = centralMoments(values);
  const variance = t > 1 ? (m2 * t) / (t - 1) : Number.NaN;
  let mse = 0;
  for (let i = 0; i < t; i++) mse += ((values[i] as number) - trueValue) ** 2;
  mse /= t;
  const halfWidth = variance > 0 ? (Z95 * varianceStandardError(values)) / variance : 0;
  return {
    mean: m,
    bias: m - trueValue,
    variance,
    varianceLo: variance * Math.exp(-halfWidth),
    varianceHi: variance * Math.exp(halfWidth),
    mse,
  };
}
