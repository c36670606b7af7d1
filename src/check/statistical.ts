import { findEstimator } from '../estimators/registry.js';
import type { ResultRow } from '../results/result-row.js';
import { holmAdjust } from '../stats/holm.js';
import { twoSidedNormalP } from '../stats/normal.js';
import { Z95 } from '../stats/summary.js';
import { DEFAULT_ALPHA } from './alpha.js';
import type { RowPair } from './match.js';

/**
 * Differences below this relative size are float32 noise, never significant: a floor on
 * every standard error, so cells with (near) zero spread do not turn rounding into z = inf.
 */
export const RELATIVE_FLOOR = 1e-6;

/**
 * Fewest trials per cell a statistical check accepts. Its z-tests rest on normal
 * approximations fed by each cell's own moments, and with few trials a rare outcome
 * often goes unseen, so the variance and its error both come out far too small. Unchanged
 * code re-run with six other seeds (ci-categorical-gs-vs-reinforce at n = 1, 10, 100, alpha
 * 0.01) was flagged in 5 of 6 checks at 20 trials, 2 of 6 at 50 and 0 of 6 at 100.
 */
export const MIN_STATISTICAL_TRIALS = 100;

/** Why runs with these trial counts cannot be compared statistically, or undefined. */
export function tooFewTrials(...trials: number[]): string | undefined {
  const fewest = Math.min(...trials);
  return fewest < MIN_STATISTICAL_TRIALS
    ? `a statistical check needs at least ${MIN_STATISTICAL_TRIALS} trials per cell (this one would compare runs of ${fewest}): with fewer, rare outcomes go unseen and its normal approximations raise false alarms; re-run with --trials ${MIN_STATISTICAL_TRIALS} or more, or check with the same seed, trials and backend (exact mode)`
    : undefined;
}

/** variance: did the variance change; mean: did the mean move; unbiased: is the new mean off the exact gradient. */
export type TestKind = 'variance' | 'mean' | 'unbiased';

export interface StatisticalTest {
  readonly pair: RowPair;
  readonly kind: TestKind;
  /** Baseline variance or mean; for `unbiased`, the exact gradient. */
  readonly baseline: number;
  readonly candidate: number;
  /** candidate / baseline. */
  readonly ratio: number;
  readonly z: number;
  readonly p: number;
  /** Holm-adjusted over every test of the check. */
  readonly pHolm: number;
  readonly rejected: boolean;
}

type Unadjusted = Omit<StatisticalTest, 'pHolm' | 'rejected'>;

/** Whether the estimator a CSV label names (`reinforce-baseline(baseline=loo)`) claims E[estimate] = gradient. */
export function claimsUnbiased(label: string): boolean {
  return findEstimator(label.split('(')[0] ?? label)?.unbiased ?? false;
}

/**
 * Standard error of log(variance) recovered from the CSV: variance_lo/hi are
 * variance * exp(-/+ Z95 * se), the fourth-moment delta-method interval of summarizeEstimates.
 */
export function logVarianceStandardError(row: ResultRow): number {
  return row.varianceHi > 0 && row.varianceLo > 0 ? Math.log(row.varianceHi / row.varianceLo) / (2 * Z95) : 0;
}

/** z of a difference with its standard error, floored at RELATIVE_FLOOR * scale; non-finite inputs count as changed unless identical. */
function zScore(difference: number, se: number, scale: number): number {
  if (difference === 0) return 0;
  if (!Number.isFinite(difference)) return Number.isNaN(difference) ? Number.POSITIVE_INFINITY : difference;
  const floored = Math.max(se, RELATIVE_FLOOR * scale);
  return floored > 0 ? difference / floored : Math.sign(difference) * Number.POSITIVE_INFINITY;
}

function test(pair: RowPair, kind: TestKind, baseline: number, candidate: number, z: number): Unadjusted {
  const same = Object.is(baseline, candidate);
  return { pair, kind, baseline, candidate, ratio: candidate / baseline, z: same ? 0 : z, p: same ? 1 : twoSidedNormalP(z) };
}

/** Log-ratio of variances, se from both rows' fourth-moment intervals (no normality assumed). */
function varianceTest(pair: RowPair): Unadjusted {
  const [b, c] = [pair.baseline.row, pair.candidate.row];
  const difference = Math.log(c.variance) - Math.log(b.variance);
  const se = Math.hypot(logVarianceStandardError(b), logVarianceStandardError(c));
  // One zero variance gives an infinite log-ratio: a change however wide the other interval.
  return test(pair, 'variance', b.variance, c.variance, zScore(difference, se, 1));
}

/** Welch z for the shift of the mean between two independent runs. */
function meanTest(pair: RowPair): Unadjusted {
  const [b, c] = [pair.baseline.row, pair.candidate.row];
  const se = Math.sqrt(b.variance / b.trials + c.variance / c.trials);
  const scale = Math.max(Math.abs(b.mean), Math.abs(c.mean));
  return test(pair, 'mean', b.mean, c.mean, zScore(c.mean - b.mean, se, scale));
}

/** The candidate's mean against the exact gradient, for estimators that claim to be unbiased. */
function unbiasedTest(pair: RowPair): Unadjusted {
  const c = pair.candidate.row;
  const se = Math.sqrt(c.variance / c.trials);
  const scale = Math.max(Math.abs(c.mean), Math.abs(c.trueGrad));
  return test(pair, 'unbiased', c.trueGrad, c.mean, zScore(c.mean - c.trueGrad, se, scale));
}

/**
 * Every test for every matched row, Holm-adjusted together so that the chance of any
 * false alarm in the whole check is at most alpha. Sorted worst (largest |z|) first.
 */
export function statisticalTests(
  pairs: readonly RowPair[],
  { alpha = DEFAULT_ALPHA, isUnbiased = claimsUnbiased }: { alpha?: number; isUnbiased?: (label: string) => boolean } = {},
): StatisticalTest[] {
  const tests = pairs.flatMap((pair) => [
    varianceTest(pair),
    meanTest(pair),
    ...(isUnbiased(pair.candidate.row.estimator) ? [unbiasedTest(pair)] : []),
  ]);
  const adjusted = holmAdjust(tests.map((t) => t.p));
  return tests
    .map((t, i) => ({ ...t, pHolm: adjusted[i] as number, rejected: (adjusted[i] as number) <= alpha }))
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.p - b.p);
}
