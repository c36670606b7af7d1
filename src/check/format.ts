import { formatNumber } from '../results/csv.js';
import type { ResultRow } from '../results/result-row.js';
import type { CheckReport } from './check-rows.js';
import type { ValueDifference } from './exact.js';
import { type RowRef, rowLabel } from './match.js';
import type { CheckMetadata } from './metadata.js';
import type { StatisticalTest } from './statistical.js';

/** One side of the comparison as the user named it. */
export interface RunDescription {
  /** What to call it: a directory, or "re-run of <dir>". */
  readonly label: string;
  readonly metadata: CheckMetadata;
  /** Its results.csv, for annotations (absent when it was a temporary re-run). */
  readonly csv?: string | undefined;
}

export interface CheckContext {
  readonly baseline: RunDescription;
  readonly candidate: RunDescription;
  /** Why this mode was chosen. */
  readonly reasons: readonly string[];
}

/** Rows of the text table; --json has them all. */
export const TABLE_LIMIT = 40;

function significant(value: number, digits = 5): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(digits))) : formatNumber(value);
}

function formatP(p: number): string {
  if (Number.isNaN(p)) return 'NaN';
  if (p === 0) return '0';
  return p < 1e-3 ? p.toExponential(1) : p.toFixed(4);
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

function describe(run: RunDescription): string {
  const m = run.metadata;
  const platform = m.platform ? `, ${m.platform}` : '';
  return `${run.label} (seed ${m.seed}, ${m.trials} trials, ${m.backend}${platform})`;
}

function limited(lines: string[], total: number): string[] {
  return total > TABLE_LIMIT ? [...lines, `... and ${total - TABLE_LIMIT} more (all of them with --json)`] : lines;
}

function differenceTable(differences: readonly ValueDifference[]): string[] {
  const shown = differences.slice(0, TABLE_LIMIT);
  return limited(
    table(
      ['cell', 'column', 'baseline', 'new', 'rel. diff'],
      shown.map((d) => [
        rowLabel(d.pair.baseline.row),
        d.column,
        formatNumber(d.baseline),
        formatNumber(d.candidate),
        significant(d.relative, 2),
      ]),
    ),
    differences.length,
  );
}

function testTable(tests: readonly StatisticalTest[]): string[] {
  const shown = tests.slice(0, TABLE_LIMIT);
  return limited(
    table(
      ['cell', 'test', 'baseline', 'new', 'ratio', 'z', 'p', 'p (Holm)'],
      shown.map((t) => [
        rowLabel(t.pair.baseline.row),
        t.kind === 'unbiased' ? 'mean vs exact' : t.kind,
        significant(t.baseline),
        significant(t.candidate),
        significant(t.ratio, 4),
        Number.isFinite(t.z) ? t.z.toFixed(1) : formatNumber(t.z),
        formatP(t.p),
        formatP(t.pHolm),
      ]),
    ),
    tests.length,
  );
}

function rowList(title: string, refs: readonly RowRef[]): string[] {
  if (refs.length === 0) return [];
  const shown = refs.slice(0, TABLE_LIMIT).map((r) => `  ${rowLabel(r.row)}${r.line === undefined ? '' : ` (line ${r.line})`}`);
  return limited([`${title} (${refs.length} rows):`, ...shown], refs.length);
}

/** The human report: what was compared, how, the verdict, then the differing cells worst first. */
export function formatReport(report: CheckReport, context: CheckContext): string {
  const how =
    report.mode === 'exact'
      ? `exact, relative tolerance ${report.tolerance.toExponential()}`
      : `statistical, ${report.tests} tests, Holm family-wise alpha ${report.alpha}`;
  const lines = [
    `baseline: ${describe(context.baseline)}`,
    `new:      ${describe(context.candidate)}`,
    `mode:     ${how} (${context.reasons.join('; ')})`,
    `compared ${report.compared} rows (cell x parameter)`,
  ];
  const problems = [
    report.differences.length > 0 &&
      `${report.differences.length} ${report.mode === 'exact' ? 'number' : 'exact gradient'}${report.differences.length === 1 ? ' differs' : 's differ'}`,
    report.rejected.length > 0 && `${report.rejected.length} of ${report.tests} tests rejected`,
    report.missing.length > 0 && `${report.missing.length} rows missing`,
    report.extra.length > 0 && `${report.extra.length} extra rows`,
  ].filter((x): x is string => typeof x === 'string');
  const pass =
    report.mode === 'exact'
      ? `PASS: every number equal within relative ${report.tolerance.toExponential()}`
      : `PASS: no test rejected at family-wise alpha ${report.alpha}`;
  lines.push(problems.length === 0 ? pass : `FAIL: ${problems.join(', ')}`);
  if (report.differences.length > 0) lines.push('', ...differenceTable(report.differences));
  if (report.rejected.length > 0) lines.push('', ...testTable(report.rejected));
  const missing = rowList('missing from the new run', report.missing);
  const extra = rowList('not in the baseline', report.extra);
  if (missing.length > 0) lines.push('', ...missing);
  if (extra.length > 0) lines.push('', ...extra);
  return `${lines.join('\n')}\n`;
}

function rowFields(ref: RowRef): Record<string, unknown> {
  const row: ResultRow = ref.row;
  return {
    cell: rowLabel(row),
    estimator: row.estimator,
    temperature: row.temperature ?? null,
    samples: row.samples,
    sweep: row.sweep,
    param: row.param,
    line: ref.line ?? null,
  };
}

function runFields(run: RunDescription): Record<string, unknown> {
  const m = run.metadata;
  return { label: run.label, csv: run.csv ?? null, seed: m.seed, trials: m.trials, backend: m.backend, platform: m.platform ?? null };
}

/** The report for machines; non-finite numbers are written as the CSV writes them (NaN, Inf, -Inf). */
export function formatJson(report: CheckReport, context: CheckContext): string {
  const value = {
    passed: report.passed,
    mode: report.mode,
    reasons: context.reasons,
    alpha: report.alpha,
    tolerance: report.tolerance,
    compared: report.compared,
    tests: report.tests,
    baseline: runFields(context.baseline),
    candidate: runFields(context.candidate),
    differences: report.differences.map((d) => ({
      ...rowFields(d.pair.baseline),
      column: d.column,
      baseline: d.baseline,
      candidate: d.candidate,
      relative: d.relative,
    })),
    rejected: report.rejected.map((t) => ({
      ...rowFields(t.pair.baseline),
      test: t.kind,
      baseline: t.baseline,
      candidate: t.candidate,
      ratio: t.ratio,
      z: t.z,
      p: t.p,
      pHolm: t.pHolm,
    })),
    missing: report.missing.map(rowFields),
    extra: report.extra.map(rowFields),
  };
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? formatNumber(v) : v), 2)}\n`;
}

/** GitHub Actions workflow-command escaping (data, and properties which also escape ':' and ','). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Annotations shown inline on the baseline CSV (at most TABLE_LIMIT, worst first). */
export const ANNOTATION_LIMIT = TABLE_LIMIT;

/** `::error file=...,line=...::message` lines that GitHub Actions turns into annotations. */
export function githubAnnotations(report: CheckReport, context: CheckContext): string[] {
  const file = context.baseline.csv;
  const at = (line: number | undefined) =>
    [file && `file=${escapeProperty(file)}`, file && line !== undefined && `line=${line}`, 'title=reparam-bench check']
      .filter(Boolean)
      .join(',');
  const messages: [number | undefined, string][] = [
    ...report.differences.map((d): [number | undefined, string] => [
      d.pair.baseline.line,
      `${rowLabel(d.pair.baseline.row)}: ${d.column} ${formatNumber(d.baseline)} -> ${formatNumber(d.candidate)} (relative difference ${significant(d.relative, 2)})`,
    ]),
    ...report.rejected.map((t): [number | undefined, string] => [
      t.pair.baseline.line,
      `${rowLabel(t.pair.baseline.row)}: ${t.kind === 'unbiased' ? 'mean vs exact gradient' : t.kind} ${significant(t.baseline)} -> ${significant(t.candidate)} (ratio ${significant(t.ratio, 4)}, p ${formatP(t.p)}, Holm ${formatP(t.pHolm)})`,
    ]),
    ...report.missing.map((r): [number | undefined, string] => [r.line, `${rowLabel(r.row)}: missing from the new run`]),
    ...report.extra.map((r): [number | undefined, string] => [undefined, `${rowLabel(r.row)}: not in the baseline`]),
  ];
  const lines = messages.slice(0, ANNOTATION_LIMIT).map(([line, message]) => `::error ${at(line)}::${escapeData(message)}`);
  if (messages.length > ANNOTATION_LIMIT) {
    lines.push(`::error ${at(undefined)}::${messages.length - ANNOTATION_LIMIT} more differences (run check --json)`);
  }
  return lines;
}
