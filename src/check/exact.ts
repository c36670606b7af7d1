import type { ResultRow } from '../results/result-row.js';
import type { RowPair } from './match.js';

/**
 * Exact mode's tolerance: runs with the same seed, trials and backend repeat bit for bit
 * on one machine; float32 kernels on another CPU may differ in the last bits.
 */
export const EXACT_TOLERANCE = 1e-6;

/** One number that differs between the two runs. */
export interface ValueDifference {
  readonly pair: RowPair;
  readonly column: string;
  readonly baseline: number;
  readonly candidate: number;
  /** |difference| / scale; Infinity when one side is not finite. */
  readonly relative: number;
}

type Column = readonly [name: string, value: (row: ResultRow) => number, scale?: (row: ResultRow) => number];

/** The compared CSV columns. bias = mean - true_grad cancels, so it is measured against their size. */
export const EXACT_COLUMNS: readonly Column[] = [
  ['true_grad', (r) => r.trueGrad],
  ['mean', (r) => r.mean],
  ['bias', (r) => r.bias, (r) => Math.max(Math.abs(r.mean), Math.abs(r.trueGrad))],
  ['variance', (r) => r.variance],
  ['variance_lo', (r) => r.varianceLo],
  ['variance_hi', (r) => r.varianceHi],
  ['mse', (r) => r.mse],
  ['trials', (r) => r.trials],
  ['seed', (r) => r.seed],
];

/** 0 for equal values (NaN equals NaN here: both runs failed the same way). */
export function relativeDifference(a: number, b: number, scale = Math.max(Math.abs(a), Math.abs(b))): number {
  if (Object.is(a, b) || a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Number.POSITIVE_INFINITY;
  return Math.abs(a - b) / scale;
}

/** Every compared number whose relative difference exceeds the tolerance, worst first. */
export function compareExact(
  pairs: readonly RowPair[],
  { tolerance = EXACT_TOLERANCE, columns = EXACT_COLUMNS }: { tolerance?: number; columns?: readonly Column[] } = {},
): ValueDifference[] {
  const differences: ValueDifference[] = [];
  for (const pair of pairs) {
    const [b, c] = [pair.baseline.row, pair.candidate.row];
    for (const [column, value, scale] of columns) {
      const scaleOf = scale ? Math.max(scale(b), scale(c)) : undefined;
      const relative = relativeDifference(value(b), value(c), scaleOf);
      if (relative > tolerance) differences.push({ pair, column, baseline: value(b), candidate: value(c), relative });
    }
  }
  return differences.sort((x, y) => y.relative - x.relative);
}
