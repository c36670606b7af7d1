import { stringify } from 'csv-stringify/sync';
import { InputError } from '../experiment/input-error.js';
import type { ClassFrequency, RelaxedValue, Replicate } from '../sampling/sampling-check.js';
import { formatNumber } from './csv.js';
import { parseCsv, parseNumber } from './parse-csv.js';

export const SAMPLING_FILES = {
  frequencies: 'frequencies.csv',
  relaxed: 'relaxed-draws.csv',
  replicates: 'p-values.csv',
  metadata: 'metadata.json',
} as const;

const FREQUENCY_COLUMNS = ['experiment', 'class', 'logit', 'prob', 'count', 'frequency', 'frequency_lo', 'frequency_hi'];
const RELAXED_COLUMNS = ['experiment', 'temperature', 'draw', 'class', 'prob', 'value'];
const REPLICATE_COLUMNS = ['experiment', 'replication', 'statistic', 'p_value'];

const csv = (records: string[][]) => stringify(records, { record_delimiter: '\n' });

export function formatFrequencyCsv(experiment: string, rows: readonly ClassFrequency[]): string {
  return csv([
    FREQUENCY_COLUMNS,
    ...rows.map((r) => [experiment, String(r.index), ...[r.logit, r.prob].map(formatNumber), String(r.count), ...[r.frequency, r.lo, r.hi].map(formatNumber)]),
  ]);
}

export function formatRelaxedCsv(experiment: string, values: readonly RelaxedValue[]): string {
  return csv([
    RELAXED_COLUMNS,
    ...values.map((v) => [experiment, formatNumber(v.temperature), String(v.draw), String(v.index), formatNumber(v.prob), formatNumber(v.value)]),
  ]);
}

export function formatReplicateCsv(experiment: string, replicates: readonly Replicate[]): string {
  return csv([REPLICATE_COLUMNS, ...replicates.map((r) => [experiment, String(r.index), formatNumber(r.statistic), formatNumber(r.pValue)])]);
}

/** Records of a CSV with the expected header, as column-name lookups; InputError otherwise. */
function records(text: string, file: string, columns: readonly string[]): ((name: string) => number)[] {
  const [header, ...rest] = parseCsv(text, file);
  if (!header || header.fields.join(',') !== columns.join(',')) {
    throw new InputError([{ file, line: 1, message: `expected the header ${columns.join(',')}` }]);
  }
  return rest.map(({ fields, line }) => (name: string) => {
    const value = parseNumber(fields[columns.indexOf(name)] ?? '');
    if (value === undefined) throw new InputError([{ file, line, message: `column ${name}: not a number` }]);
    return value;
  });
}

/** The logits and counts of frequencies.csv (enough to recompute the frequencies and the test). */
export function parseFrequencyCsv(text: string, file: string): { logits: number[]; counts: number[] } {
  const rows = records(text, file, FREQUENCY_COLUMNS);
  return { logits: rows.map((r) => r('logit')), counts: rows.map((r) => r('count')) };
}

export function parseRelaxedCsv(text: string, file: string): RelaxedValue[] {
  return records(text, file, RELAXED_COLUMNS).map((r) => ({
    temperature: r('temperature'),
    draw: r('draw'),
    index: r('class'),
    prob: r('prob'),
    value: r('value'),
  }));
}

export function parseReplicateCsv(text: string, file: string): Replicate[] {
  return records(text, file, REPLICATE_COLUMNS).map((r) => ({ index: r('replication'), statistic: r('statistic'), pValue: r('p_value') }));
}
