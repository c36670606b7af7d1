import type { TopLevelSpec } from 'vega-lite';
import type { ResultRow } from '../results/result-row.js';
import { seriesColorScale } from './estimator-colors.js';
import { floorNote, isZeroVariance, LOG_LABEL_EXPR, logFloor, logScale, PLOT_CONFIG, ticks125, VEGA_LITE_SCHEMA } from './log-axis.js';
import { type LayerSpec, orderedSeries, seriesLabel } from './variance-spec.js';
import { panelPerParam } from './param-columns.js';

export interface FieldSpecOptions {
  readonly title?: string;
  readonly params?: readonly string[];
  /** The swept objective field on x. */
  readonly field: string;
  /** The sample count shown (default: the largest in the rows). */
  readonly samples?: number;
  readonly logX?: boolean;
  readonly yFloor?: number;
  /**
   * Closed-form single-sample variance of a row's estimator and parameter at another value of the
   * field, where known: drawn as a line through a fine grid of field values.
   */
  readonly exact?: (row: ResultRow, fieldValue: number) => number | undefined;
}

/** Points on which a closed-form curve is drawn: fine enough for curvature and the dip to zero. */
const CURVE_POINTS = 241;

export function curveGrid(min: number, max: number, log: boolean): number[] {
  return Array.from({ length: CURVE_POINTS }, (_, i) => {
    const t = i / (CURVE_POINTS - 1);
    return log ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min);
  });
}

/**
 * Per-sample variance (n x the variance of an n-sample estimate, the single-sample variance for
 * independent samples) against a swept objective field, log y: measured points with 95% interval
 * bars, closed forms as lines; one facet per parameter.
 */
export function varianceVsFieldSpec(rows: readonly ResultRow[], options: FieldSpecOptions): TopLevelSpec {
  const { field } = options;
  const params = options.params ?? rows.slice(0, 1).map((r) => r.param);
  const n = options.samples ?? Math.max(...rows.map((r) => r.samples));
  const own = rows.filter((r) => params.includes(r.param) && r.samples === n && r.sweep[field] !== undefined && Number.isFinite(r.variance));
  const measured = own.map((r) => ({
    kind: 'measured',
    series: seriesLabel(r),
    param: r.param,
    x: r.sweep[field] as number,
    value: isZeroVariance(r.variance, r.mean) ? 0 : r.variance * n,
    lo: r.varianceLo * n,
    hi: r.varianceHi * n,
  }));
  const xs = measured.map((p) => p.x);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  // One curve per series and parameter, from the first row of each (the estimator and cell fields are the same).
  const firstRows = new Map<string, ResultRow>();
  for (const r of own) if (!firstRows.has(`${seriesLabel(r)}|${r.param}`)) firstRows.set(`${seriesLabel(r)}|${r.param}`, r);
  const curves = xs.length === 0 ? [] : [...firstRows.values()].flatMap((r) =>
    curveGrid(xMin, xMax, options.logX ?? false).flatMap((x) => {
      const value = options.exact?.(r, x);
      return value === undefined || !Number.isFinite(value) ? [] : [{ kind: 'exact', series: seriesLabel(r), param: r.param, x, value }];
    }),
  );
  const values = [...measured.map((p) => p.value), ...curves.map((c) => c.value)];
  const floor = logFloor(values, values.some((v) => v <= 0), options.yFloor);
  const onFloor = (v: number) => floor !== undefined && v <= floor;
  const points = measured.map((p) =>
    onFloor(p.value) ? { ...p, kind: 'floor', value: floor as number, lo: null, hi: null } : { ...p, lo: floor === undefined ? p.lo : Math.max(p.lo, floor) },
  );
  const lines = curves.map((c) => ({ ...c, value: onFloor(c.value) ? (floor as number) : c.value }));
  const floorCount = points.filter((p) => p.kind === 'floor').length;
  const yAxis = logScale(
    [...points.flatMap((p) => (p.kind === 'floor' ? [] : [p.value, p.hi as number])), ...lines.map((c) => c.value)],
    floor,
  );

  const series = orderedSeries(own);
  const color = seriesColorScale(series);
  const x = {
    field: 'x',
    type: 'quantitative',
    scale: options.logX ? { type: 'log' as const, domain: [xMin, xMax] } : { zero: false, domain: [xMin, xMax] },
    axis: {
      title: field,
      grid: true,
      labelExpr: "format(datum.value, '~g')",
      ...(options.logX && xs.length > 0 ? { values: ticks125(xMin, xMax) } : {}),
    },
  } as const;
  const y = {
    field: 'value',
    type: 'quantitative',
    scale: yAxis.scale,
    axis: { title: `per-sample variance (n × Var, n = ${n})`, values: yAxis.ticks, labelExpr: LOG_LABEL_EXPR },
  } as const;
  const seriesColor = { field: 'series', type: 'nominal', scale: color, sort: color.domain, legend: { title: 'estimator' } } as const;
  const kindIs = (kind: string) => ({ filter: `datum.kind === '${kind}'` });
  const layer: LayerSpec[] = [
    {
      transform: [kindIs('exact')],
      mark: { type: 'line', strokeWidth: 1.8, opacity: 0.85, clip: true },
      encoding: { x, y, color: seriesColor, detail: { field: 'series', type: 'nominal' } },
    },
    {
      transform: [kindIs('measured')],
      mark: { type: 'rule', strokeWidth: 1.2, clip: true },
      encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: seriesColor },
    },
    {
      transform: [kindIs('measured')],
      mark: { type: 'point', filled: true, size: 30, opacity: 1 },
      encoding: { x, y, color: seriesColor },
    },
    {
      transform: [kindIs('floor')],
      mark: { type: 'point', shape: 'triangle-down', filled: true, size: 80, opacity: 1 },
      encoding: { x, y, color: seriesColor },
    },
  ];
  const notes = [curves.length > 0 ? 'points: measured with 95% interval; lines: closed form' : 'points: measured with 95% interval'];
  if (floorCount > 0) notes.push(floorNote(floorCount, floor as number, 'measured variances'));
  const common = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title ?? `Per-sample variance against ${field}`, subtitle: notes },
    data: { values: [...lines, ...points] },
    config: PLOT_CONFIG,
  } as const;
  return panelPerParam(common, layer, params, { width: 340, height: 280 });
}
