import { stringify } from 'csv-stringify/sync';
import type { ResultRow } from './result-row.js';

/** Shortest decimal that round-trips; non-finite values as NaN / Inf / -Inf. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

const LEADING = ['experiment', 'objective', 'estimator', 'temperature', 'samples'] as const;
const TRAILING = [
  'trials',
  'param',
  'true_grad',
  'mean',
  'bias',
  'variance',
  'variance_lo',
  'variance_hi',
  'mse',
  'seed',
] as const;

/** Column names: the fixed ones with swept objective fields after `samples`. */
export function csvColumns(sweepFields: readonly string[]): string[] {
  return [...LEADING, ...sweepFields, ...TRAILING];
}

function rowCells(row: ResultRow, sweepFields: readonly string[]): string[] {
  return [
    row.experiment,
    row.objective,
    row.estimator,
    row.temperature === undefined ? '' : formatNumber(row.temperature),
    String(row.samples),
    ...sweepFields.map((field) => formatNumber(row.sweep[field] ?? Number.NaN)),
    String(row.trials),
    row.param,
    ...[row.trueGrad, row.mean, row.bias, row.variance, row.varianceLo, row.varianceHi, row.mse].map(formatNumber),
    String(row.seed),
  ];
}

export function formatCsv(rows: readonly ResultRow[], sweepFields: readonly string[]): string {
  return stringify([csvColumns(sweepFields), ...rows.map((row) => rowCells(row, sweepFields))], {
    record_delimiter: '\n',
  });
}

/** Rows with a non-finite statistic, for reporting: these are never dropped silently. */
export function nonFiniteRows(rows: readonly ResultRow[]): ResultRow[] {
  return rows.filter((row) =>
    [row.mean, row.variance, row.varianceLo, row.varianceHi, row.mse].some((v) => !Number.isFinite(v)),
  );
}
