import { InputError } from '../experiment/input-error.js';
import { csvColumns } from './csv.js';
import type { ResultRow } from './result-row.js';

/** One CSV record and the 1-based line it starts on. */
export interface CsvRecord {
  readonly fields: readonly string[];
  readonly line: number;
}

/**
 * RFC 4180 records, as csv-stringify writes them: comma-separated, `"`-quoted fields
 * with `""` for a quote (quoted fields may hold commas and newlines), LF or CRLF.
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  // The current field was quoted: it exists even when empty, and only a separator may follow it.
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = '';
    quoted = false;
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\n' || ch === '\r') {
      endField();
      records.push({ fields, line: recordLine });
      fields = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else if (quoted) {
      throw new InputError([{ file, line, message: 'unexpected character after a quoted CSV field' }]);
    } else if (ch === '"' && field === '') {
      const start = line;
      quoted = true;
      for (i++; ; i++) {
        if (i >= text.length) throw new InputError([{ file, line: start, message: 'unterminated quoted CSV field' }]);
        const q = text[i] as string;
        if (q === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (q === '"') {
          i++;
          break;
        } else {
          if (q === '\n') line++;
          field += q;
        }
      }
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted || field !== '' || fields.length > 0) {
    endField();
    records.push({ fields, line: recordLine });
  }
  return records;
}

/** Inverse of formatNumber: NaN / Inf / -Inf or a decimal literal. */
export function parseNumber(text: string): number | undefined {
  if (text === 'NaN') return Number.NaN;
  if (text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return undefined;
  return Number(text);
}

/** A results.csv read back: its rows, the line each starts on, and the swept columns. */
export interface ParsedResults {
  readonly rows: readonly ResultRow[];
  readonly lines: readonly number[];
  readonly sweepFields: readonly string[];
}

/** What identifies a row across runs: the cell (objective, estimator, temperature, samples, sweep) and parameter. */
export function rowKey(row: ResultRow): string {
  const sweep = Object.entries(row.sweep).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([row.objective, row.estimator, row.temperature ?? null, row.samples, sweep, row.param]);
}

/** Parses a results.csv written by formatCsv; any deviation from that format is an InputError. */
export function parseResultsCsv(text: string, file: string): ParsedResults {
  const [header, ...records] = parseCsv(text, file);
  if (!header) throw new InputError([{ file, message: 'empty CSV: no header' }]);
  const columns = header.fields;
  const sweepFields = columns.slice(columns.indexOf('samples') + 1, columns.indexOf('trials'));
  const expected = csvColumns(sweepFields);
  if (columns.indexOf('samples') < 0 || columns.join(',') !== expected.join(',')) {
    throw new InputError([
      { file, line: header.line, message: `not a reparam-bench results header: expected ${expected.join(',')}` },
    ]);
  }
  const seen = new Map<string, number>();
  const rows = records.map(({ fields, line }): ResultRow => {
    const problem = (message: string) => new InputError([{ file, line, message }]);
    if (fields.length !== columns.length) {
      throw problem(`expected ${columns.length} fields, found ${fields.length}`);
    }
    const cell = (name: string) => fields[columns.indexOf(name)] as string;
    const number = (name: string, integer = false): number => {
      const value = parseNumber(cell(name));
      if (value === undefined || (integer && !Number.isSafeInteger(value))) {
        throw problem(`column ${name}: '${cell(name)}' is not ${integer ? 'an integer' : 'a number'}`);
      }
      return value;
    };
    const row: ResultRow = {
      experiment: cell('experiment'),
      objective: cell('objective'),
      estimator: cell('estimator'),
      temperature: cell('temperature') === '' ? undefined : number('temperature'),
      samples: number('samples', true),
      sweep: Object.fromEntries(sweepFields.map((f) => [f, number(f)])),
      trials: number('trials', true),
      param: cell('param'),
      trueGrad: number('true_grad'),
      mean: number('mean'),
      bias: number('bias'),
      variance: number('variance'),
      varianceLo: number('variance_lo'),
      varianceHi: number('variance_hi'),
      mse: number('mse'),
      seed: number('seed', true),
    };
    const key = rowKey(row);
    const first = seen.get(key);
    if (first !== undefined) throw problem(`duplicate row: same cell and parameter as line ${first}`);
    seen.set(key, line);
    return row;
  });
  return { rows, lines: records.map((r) => r.line), sweepFields };
}
