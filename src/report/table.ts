/** A table of headline numbers, rendered into index.html (and printable as Markdown). */
export interface Table {
  readonly title: string;
  readonly note?: string | undefined;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Three significant digits; exponent form outside [1e-3, 1e5). */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e5) return value.toExponential(digits - 1);
  return String(Number(value.toPrecision(digits)));
}

export function fmtInterval(lo: number, hi: number, digits = 3): string {
  return `[${fmt(lo, digits)}, ${fmt(hi, digits)}]`;
}

export function markdownTable(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${table.columns.map(escape).join(' | ')} |`,
    `|${table.columns.map(() => '---').join('|')}|`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}
