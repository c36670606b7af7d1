import assert from 'node:assert/strict';
import { centralMoments, varianceStandardError } from '../../src/stats/summary.js';

/**
 * Tolerances are derived from the trial count: the standard error of a sample mean is
 * sqrt(s^2 / T), that of a sample variance comes from the fourth central moment. z = 4.5
 * is a two-sided false-alarm rate under 1e-5 per assertion (the seeds are fixed anyway).
 */
export const Z = 4.5;

/** Asserts the sample mean is within z standard errors of the expected value. */
export function assertMean(values: ArrayLike<number>, expected: number, label: string, z = Z): void {
  const { mean, m2 } = centralMoments(values);
  const se = Math.sqrt((m2 * values.length) / (values.length - 1) / values.length);
  assert.ok(
    Math.abs(mean - expected) <= z * se,
    `${label}: mean ${mean} vs expected ${expected} (|diff| = ${Math.abs(mean - expected)}, allowed ${z} x se ${se})`,
  );
}

/**
 * Asserts the sample variance is within z standard errors of the expected variance, and
 * that the test has power: the allowed band must be narrower than `maxRelative` of the
 * expected value, so a variance 1.5x off (a broken estimator) cannot pass.
 */
export function assertVariance(
  values: ArrayLike<number>,
  expected: number,
  label: string,
  { z = Z, maxRelative = 0.2 }: { z?: number; maxRelative?: number } = {},
): void {
  const { m2 } = centralMoments(values);
  const variance = (m2 * values.length) / (values.length - 1);
  const se = varianceStandardError(values);
  assert.ok(
    (z * se) / expected <= maxRelative,
    `${label}: too few trials to test the variance (band ±${((100 * z * se) / expected).toFixed(1)}% > ${100 * maxRelative}%)`,
  );
  assert.ok(
    Math.abs(variance - expected) <= z * se,
    `${label}: variance ${variance} vs expected ${expected} (|diff| = ${Math.abs(variance - expected)}, allowed ${z} x se ${se})`,
  );
}
