import { compareExact, EXACT_TOLERANCE, type ValueDifference } from './exact.js';
import { matchRows, type ResultsTable, type RowRef } from './match.js';
import type { CheckMode } from './mode.js';
import { DEFAULT_ALPHA } from './alpha.js';
import { claimsUnbiased, type StatisticalTest, statisticalTests } from './statistical.js';

export interface CheckOptions {
  readonly mode: CheckMode;
  readonly alpha?: number | undefined;
  readonly tolerance?: number | undefined;
  /** Whether an estimator label claims to be unbiased (default: the registry's `unbiased`). */
  readonly isUnbiased?: ((label: string) => boolean) | undefined;
}

/** The outcome of comparing two runs of one experiment. */
export interface CheckReport {
  readonly mode: CheckMode;
  readonly alpha: number;
  readonly tolerance: number;
  /** Rows (cell x parameter) present in both runs. */
  readonly compared: number;
  /** Statistical tests run (0 in exact mode). */
  readonly tests: number;
  /** Numbers that differ beyond the tolerance: every column in exact mode, the exact gradient in statistical mode. Worst first. */
  readonly differences: readonly ValueDifference[];
  /** Statistical tests rejected after Holm's correction, worst first. */
  readonly rejected: readonly StatisticalTest[];
  readonly missing: readonly RowRef[];
  readonly extra: readonly RowRef[];
  readonly passed: boolean;
}

/**
 * Compares a candidate run with a baseline, row by row. Exact mode: every number within
 * a relative tolerance. Statistical mode: variance, mean and (for unbiased estimators)
 * the mean against the exact gradient, at family-wise level alpha; the exact gradient
 * itself is float64 arithmetic and must still agree to the tolerance.
 */
export function checkRows(baseline: ResultsTable, candidate: ResultsTable, options: CheckOptions): CheckReport {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const tolerance = options.tolerance ?? EXACT_TOLERANCE;
  const { pairs, missing, extra } = matchRows(baseline, candidate);
  const statistical = options.mode === 'statistical';
  const differences = compareExact(pairs, {
    tolerance,
    ...(statistical ? { columns: [['true_grad', (r) => r.trueGrad]] } : {}),
  });
  const tests = statistical
    ? statisticalTests(pairs, { alpha, isUnbiased: options.isUnbiased ?? claimsUnbiased })
    : [];
  const rejected = tests.filter((t) => t.rejected);
  return {
    mode: options.mode,
    alpha,
    tolerance,
    compared: pairs.length,
    tests: tests.length,
    differences,
    rejected,
    missing,
    extra,
    passed: differences.length === 0 && rejected.length === 0 && missing.length === 0 && extra.length === 0,
  };
}
