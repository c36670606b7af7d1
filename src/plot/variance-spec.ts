import type { TopLevelSpec } from 'vega-lite';
import type { ResultRow } from '../results/result-row.js';
import { estimatorRank, seriesColorScale, variantIndices, type SeriesKey } from './estimator-colors.js';
import { floorNote, isZeroVariance, LOG_LABEL_EXPR, logFloor, logScale, logTicks, PLOT_CONFIG, VEGA_LITE_SCHEMA } from './log-axis.js';
import { panelPerParam } from './param-columns.js';

export { logTicks } from './log-axis.js';

export type LayerSpec = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

export interface VarianceSpecOptions {
  readonly title?: string;
  /** Parameters to show, one facet column each; default: the first param appearing in rows. */
  readonly params?: readonly string[];
  /** Exact variance of a row's estimate where known (closed form / n): drawn as a dotted line per series. */
  readonly exact?: (row: ResultRow) => number | undefined;
  /** Bottom of the y axis; variances at or below it (zeros) are drawn as markers on it. */
  readonly yFloor?: number;
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

/** Rows the plot cannot place (zero, negative or non-finite variance): the caller should report them; zeros are drawn on the floor. */
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

/** Variance against samples on log-log axes: a line per series, 95% band, a 1/n reference, facets per param. */
export function varianceVsSamplesSpec(rows: readonly ResultRow[], options: VarianceSpecOptions = {}): TopLevelSpec {
  const params = options.params ?? rows.slice(0, 1).map((r) => r.param);
  const own = rows.filter((r) => params.includes(r.param));
  const zero = (r: ResultRow) => Number.isFinite(r.variance) && isZeroVariance(r.variance, r.mean);
  const floor = logFloor(
    own.filter((r) => !zero(r)).map((r) => r.variance),
    own.some(zero),
    options.yFloor,
  );
  const onFloor = own.filter((r) => zero(r) || (floor !== undefined && Number.isFinite(r.variance) && r.variance <= floor));
  // Zero variances (DisARM at logit 0, a deterministic estimate) are results, not gaps: mark them on the floor.
  const shown = own.filter((r) => isPlottable(r) && !onFloor.includes(r));

  const estimates: EstimatePoint[] = shown.map((r) => ({ ...r, kind: 'estimate', series: seriesLabel(r) }));
  const floorPoints = onFloor.map((r) => ({ ...r, kind: 'floor', series: seriesLabel(r), variance: floor as number }));
  const exact = own.flatMap((r) => {
    const variance = options.exact?.(r);
    return variance === undefined || !Number.isFinite(variance) ? [] : [{ kind: 'exact', series: seriesLabel(r), param: r.param, samples: r.samples, variance: Math.max(variance, floor ?? 0) }];
  });
  const reference = params.flatMap((p) => referenceLine(shown, p));
  const series = orderedSeries([...shown, ...onFloor]);
  const estimatorColors = seriesColorScale(series);
  const color = { domain: [...estimatorColors.domain, REFERENCE], range: [...estimatorColors.range, '#555555'] };
  // Dashes repeat the within-estimator distinction that the shading gives, for greyscale and weak contrast.
  const dashes = [...variantIndices(series).map(({ index }) => DASHES[index % DASHES.length]!), [5, 4]];

  const bandOk = (r: ResultRow): boolean => r.varianceLo > 0 && Number.isFinite(r.varianceLo) && Number.isFinite(r.varianceHi);
  const ys = [
    ...estimates.map((r) => r.variance),
    ...estimates.filter(bandOk).flatMap((r) => [r.varianceLo, r.varianceHi]),
    ...reference.map((r) => r.variance),
    ...exact.map((r) => r.variance),
  ];
  const xs = [...estimates, ...floorPoints].map((r) => r.samples);
  const xTicks = xs.length > 0 ? logTicks(Math.min(...xs), Math.max(...xs)) : [];
  const yAxis = logScale(ys, floor);

  const x = {
    field: 'samples',
    type: 'quantitative',
    scale: { type: 'log' },
    axis: { title: 'samples per estimate (n)', values: xTicks, labelExpr: "format(datum.value, ',')", grid: true },
  } as const;
  const y = {
    field: 'variance',
    type: 'quantitative',
    scale: yAxis.scale,
    axis: { title: 'variance of the gradient estimate', values: yAxis.ticks, labelExpr: LOG_LABEL_EXPR },
  } as const;
  const seriesColor = { field: 'series', type: 'nominal', scale: color, sort: color.domain, legend: { title: 'estimator' } } as const;
  const seriesDash = { field: 'series', type: 'nominal', scale: { domain: color.domain, range: dashes }, legend: { title: 'estimator' } } as const;
  const kindIs = (kind: string) => ({ filter: `datum.kind === '${kind}'` });

  const layer: LayerSpec[] = [
    {
      transform: [kindIs('estimate'), { filter: 'datum.varianceLo > 0 && isFinite(datum.varianceLo) && isFinite(datum.varianceHi)' }],
      mark: { type: 'area', opacity: 0.15, clip: true },
      encoding: { x, y: { ...y, field: 'varianceLo', stack: null }, y2: { field: 'varianceHi' }, color: seriesColor },
    },
    {
      // Drawn under the estimates, named in the same legend (grey, dashed) rather than by a label that collides with lines.
      transform: [kindIs('reference')],
      mark: { type: 'line', strokeWidth: 1.2, clip: true },
      encoding: { x, y, color: seriesColor, strokeDash: seriesDash },
    },
    {
      transform: [kindIs('estimate')],
      mark: { type: 'line', strokeWidth: 2 },
      encoding: { x, y, color: seriesColor, strokeDash: seriesDash },
    },
    {
      transform: [kindIs('estimate')],
      mark: { type: 'point', filled: true, size: 36, opacity: 1 },
      encoding: { x, y, color: seriesColor },
    },
  ];
  const notes: string[] = [];
  if (exact.length > 0) {
    layer.push({
      transform: [kindIs('exact')],
      mark: { type: 'line', strokeWidth: 1.5, strokeDash: [1, 3], strokeCap: 'round', opacity: 0.9, clip: true },
      encoding: { x, y, color: seriesColor, detail: { field: 'series', type: 'nominal' } },
    });
    notes.push('dotted: exact variance (closed form / n)');
  }
  if (floorPoints.length > 0) {
    layer.push({
      transform: [kindIs('floor')],
      mark: { type: 'point', shape: 'triangle-down', filled: true, size: 80, opacity: 1 },
      encoding: { x, y, color: seriesColor },
    });
    notes.push(floorNote(floorPoints.length, floor as number, 'variances'));
  }

  const single = params.length <= 1;
  const text = options.title ?? `Gradient-estimator variance vs samples${single && params[0] !== undefined ? ` (${params[0]})` : ''}`;
  const common = {
    $schema: VEGA_LITE_SCHEMA,
    title: notes.length > 0 ? { text, subtitle: notes } : text,
    data: { values: [...estimates, ...reference, ...exact, ...floorPoints] },
    config: PLOT_CONFIG,
  } as const;
  return panelPerParam(common, layer, params);
}

export const DASHES: readonly number[][] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3]];

/** Distinct series, estimators in palette order, then label, then temperature. */
export function orderedSeries(rows: readonly Pick<ResultRow, 'estimator' | 'temperature'>[]): SeriesKey[] {
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
