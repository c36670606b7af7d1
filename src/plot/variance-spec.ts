import type { TopLevelSpec } from 'vega-lite';
import type { ResultRow } from '../results/result-row.js';
import { estimatorRank, seriesColorScale, variantIndices, type SeriesKey } from './estimator-colors.js';

type LayerSpec = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

export interface VarianceSpecOptions {
  readonly title?: string;
  /** Parameters to show, one facet column each; default: the first param appearing in rows. */
  readonly params?: readonly string[];
}

/** A row as inlined into the spec: the row's fields plus its legend label. */
export interface EstimatePoint extends ResultRow {
  readonly kind: 'estimate';
  readonly series: string;
}

/** Legend entry of the 1/n reference line. */
export const REFERENCE = '∝ 1/n (reference)';

/** One point of the 1/n reference line. */
export interface ReferencePoint {
  readonly kind: 'reference';
  readonly series: typeof REFERENCE;
  readonly param: string;
  readonly samples: number;
  readonly variance: number;
}

/** Legend label: the estimator label, plus ` τ=<temperature>` when it has one. */
export function seriesLabel(row: Pick<ResultRow, 'estimator' | 'temperature'>): string {
  return row.temperature === undefined ? row.estimator : `${row.estimator} τ=${row.temperature}`;
}

/** A log-log axis needs a finite, positive variance and sample count. */
export function isPlottable(row: ResultRow): boolean {
  return Number.isFinite(row.variance) && row.variance > 0 && Number.isFinite(row.samples) && row.samples > 0;
}

/** Rows the plot leaves out (zero, negative or non-finite variance): the caller should report them. */
export function nonPlottable(rows: readonly ResultRow[]): ResultRow[] {
  return rows.filter((r) => !isPlottable(r));
}

/**
 * The 1/n line for one parameter, v(n) = v0 * n0 / n, with n0 the smallest n and v0 the geometric mean
 * of the variances at n0: it starts among the estimators and shows which ones fall off faster or slower.
 */
export function referenceLine(rows: readonly ResultRow[], param: string): ReferencePoint[] {
  const own = rows.filter((r) => r.param === param && isPlottable(r));
  if (own.length === 0) return [];
  const ns = [...new Set(own.map((r) => r.samples))].sort((a, b) => a - b);
  const n0 = ns[0]!;
  const atN0 = own.filter((r) => r.samples === n0);
  const v0 = Math.exp(atN0.reduce((s, r) => s + Math.log(r.variance), 0) / atN0.length);
  return ns.map((n) => ({ kind: 'reference', series: REFERENCE, param, samples: n, variance: (v0 * n0) / n }));
}

/** Decade ticks covering [min, max]; with 2x and 5x added when that gives fewer than 3 ticks. */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const few = hi - lo < 2;
  const ticks: number[] = [];
  // Built from decimal strings so 1e-3 is exactly 0.001 (10 ** -3 need not be).
  for (let k = lo; k <= hi; k++) for (const m of few && k < hi ? [1, 2, 5] : [1]) ticks.push(Number(`${m}e${k}`));
  return ticks;
}

/** Variance against samples on log-log axes: a line per series, 95% band, a 1/n reference, facets per param. */
export function varianceVsSamplesSpec(rows: readonly ResultRow[], options: VarianceSpecOptions = {}): TopLevelSpec {
  const params = options.params ?? rows.slice(0, 1).map((r) => r.param);
  const shown = rows.filter((r) => params.includes(r.param) && isPlottable(r));

  const estimates: EstimatePoint[] = shown.map((r) => ({ ...r, kind: 'estimate', series: seriesLabel(r) }));
  const reference = params.flatMap((p) => referenceLine(shown, p));
  const series = orderedSeries(shown);
  const estimatorColors = seriesColorScale(series);
  const color = { domain: [...estimatorColors.domain, REFERENCE], range: [...estimatorColors.range, '#555555'] };
  // Dashes repeat the within-estimator distinction that the shading gives, for greyscale and weak contrast.
  const dashes = [...variantIndices(series).map(({ index }) => DASHES[index % DASHES.length]!), [5, 4]];

  const bandOk = (r: ResultRow): boolean => r.varianceLo > 0 && Number.isFinite(r.varianceLo) && Number.isFinite(r.varianceHi);
  const ys = [...estimates.map((r) => r.variance), ...estimates.filter(bandOk).flatMap((r) => [r.varianceLo, r.varianceHi]), ...reference.map((r) => r.variance)];
  const xs = estimates.map((r) => r.samples);
  const xTicks = xs.length > 0 ? logTicks(Math.min(...xs), Math.max(...xs)) : [];
  const yTicks = ys.length > 0 ? logTicks(Math.min(...ys), Math.max(...ys)) : [];

  const x = {
    field: 'samples',
    type: 'quantitative',
    scale: { type: 'log' },
    axis: { title: 'samples per estimate (n)', values: xTicks, labelExpr: "format(datum.value, ',')", grid: true },
  } as const;
  const y = {
    field: 'variance',
    type: 'quantitative',
    scale: { type: 'log', nice: true },
    // Plain numbers in a readable range, exponent notation (1e-5) outside it.
    axis: {
      title: 'variance of the gradient estimate',
      values: yTicks,
      labelExpr: "abs(datum.value) >= 1e-3 && abs(datum.value) < 1e4 ? format(datum.value, '~g') : format(datum.value, '~e')",
    },
  } as const;
  const seriesColor = { field: 'series', type: 'nominal', scale: color, sort: color.domain, legend: { title: 'estimator' } } as const;
  const seriesDash = { field: 'series', type: 'nominal', scale: { domain: color.domain, range: dashes }, legend: { title: 'estimator' } } as const;
  const isEstimate = { filter: "datum.kind === 'estimate'" };
  const isReference = { filter: "datum.kind === 'reference'" };

  const layer: LayerSpec[] = [
    {
      transform: [isEstimate, { filter: 'datum.varianceLo > 0 && isFinite(datum.varianceLo) && isFinite(datum.varianceHi)' }],
      mark: { type: 'area', opacity: 0.15 },
      encoding: { x, y: { ...y, field: 'varianceLo', stack: null }, y2: { field: 'varianceHi' }, color: seriesColor },
    },
    {
      // Drawn under the estimates, named in the same legend (grey, dashed) rather than by a label that collides with lines.
      transform: [isReference],
      mark: { type: 'line', strokeWidth: 1.2 },
      encoding: { x, y, color: seriesColor, strokeDash: seriesDash },
    },
    {
      transform: [isEstimate],
      mark: { type: 'line', strokeWidth: 2 },
      encoding: { x, y, color: seriesColor, strokeDash: seriesDash },
    },
    {
      transform: [isEstimate],
      mark: { type: 'point', filled: true, size: 36, opacity: 1 },
      encoding: { x, y, color: seriesColor },
    },
  ];

  const single = params.length <= 1;
  const title = options.title ?? `Gradient-estimator variance vs samples${single && params[0] !== undefined ? ` (${params[0]})` : ''}`;
  const common = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values: [...estimates, ...reference] },
    config: {
      font: 'DejaVu Sans', // the only family installed; the PNG renderer is told the same
      // Opaque swatches: otherwise the legend takes the band's 0.15 opacity.
      legend: { labelLimit: 300, symbolStrokeWidth: 2, symbolSize: 300, symbolType: 'stroke', symbolOpacity: 1 },
      view: { stroke: '#dddddd' },
    },
  } as const;
  if (single) return { ...common, width: 420, height: 300, layer };
  return {
    ...common,
    facet: { column: { field: 'param', type: 'nominal', title: 'parameter', sort: [...params] } },
    spec: { width: 320, height: 280, layer },
  };
}

const DASHES: readonly number[][] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3]];

/** Distinct series, estimators in palette order, then label, then temperature. */
function orderedSeries(rows: readonly ResultRow[]): SeriesKey[] {
  const byLabel = new Map<string, { key: SeriesKey; t: number }>();
  for (const r of rows) {
    const label = seriesLabel(r);
    if (!byLabel.has(label)) byLabel.set(label, { key: { series: label, estimator: r.estimator }, t: r.temperature ?? -Infinity });
  }
  return [...byLabel.values()]
    .sort(
      (a, b) =>
        estimatorRank(a.key.estimator) - estimatorRank(b.key.estimator) ||
        a.key.estimator.localeCompare(b.key.estimator) ||
        a.t - b.t,
    )
    .map((s) => s.key);
}
