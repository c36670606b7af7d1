import { rowKey } from '../results/parse-csv.js';
import type { ResultRow } from '../results/result-row.js';

/** Rows of one results.csv, with the line each starts on when read from a file. */
export interface ResultsTable {
  readonly rows: readonly ResultRow[];
  readonly lines?: readonly number[] | undefined;
}

/** A row and where it came from. */
export interface RowRef {
  readonly row: ResultRow;
  readonly line?: number | undefined;
}

export interface RowPair {
  readonly baseline: RowRef;
  readonly candidate: RowRef;
}

export interface MatchedRows {
  /** Rows present in both, in baseline order. */
  readonly pairs: readonly RowPair[];
  /** In the baseline only. */
  readonly missing: readonly RowRef[];
  /** In the candidate only. */
  readonly extra: readonly RowRef[];
}

function refs(table: ResultsTable): RowRef[] {
  return table.rows.map((row, i) => ({ row, line: table.lines?.[i] }));
}

/** Pairs rows by cell and parameter; rows without a partner are reported, never dropped. */
export function matchRows(baseline: ResultsTable, candidate: ResultsTable): MatchedRows {
  const byKey = new Map(refs(candidate).map((ref) => [rowKey(ref.row), ref]));
  const pairs: RowPair[] = [];
  const missing: RowRef[] = [];
  for (const ref of refs(baseline)) {
    const key = rowKey(ref.row);
    const partner = byKey.get(key);
    if (partner) pairs.push({ baseline: ref, candidate: partner });
    else missing.push(ref);
    byKey.delete(key);
  }
  return { pairs, missing, extra: [...byKey.values()] };
}

/** `reinforce tau=0.5 k=3 n=10 alpha[0]`: a row as people name it. */
export function rowLabel(row: ResultRow): string {
  const parts = [row.estimator];
  if (row.temperature !== undefined) parts.push(`tau=${row.temperature}`);
  for (const [field, value] of Object.entries(row.sweep)) parts.push(`${field}=${value}`);
  parts.push(`n=${row.samples}`, row.param);
  return parts.join(' ');
}
