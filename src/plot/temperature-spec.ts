import type { TopLevelSpec } from 'vega-lite';
import type { ResultRow } from '../results/result-row.js';
import { Z95 } from '../stats/summary.js';
import { seriesColorScale } from './estimator-colors.js';
import { floorNote, LOG_LABEL_EXPR, logScale, PLOT_CONFIG, ticks125, VEGA_LITE_SCHEMA } from './log-axis.js';
import { type LayerSpec, orderedSeries } from './variance-spec.js';

export const METRICS = ['bias²', 'variance', 'MSE'] as const;

export interface TemperatureSpecOptions {
  readonly title?: string;
  readonly params?: readonly string[];
  /** The sample count shown (default: the largest in the rows). */
  readonly samples?: number;
  readonly yFloor?: number;
}

interface MetricPoint {
  readonly kind: 'metric' | 'constant' | 'floor';
  readonly series: string;
  readonly param: string;
  readonly metric: (typeof METRICS)[number];
  readonly temperature: number | null;
  readonly value: number;
  readonly lo: number | null;
  readonly hi: number | null;
}

/**
 * bias^2, variance and MSE of one row, with 95% intervals for the first two: the bias from the
 * standard error of the mean (an interval touching 0 means "no bias detectable"), the variance
 * from the fourth moment. MSE has no interval here (it needs the per-trial estimates).
 */
export function rowMetrics(row: ResultRow): { metric: (typeof METRICS)[number]; value: number; lo: number | null; hi: number | null }[] {
  const h = Z95 * Math.sqrt(row.variance / row.trials);
  const b = Math.abs(row.bias);
  return [
    { metric: 'bias²', value: b * b, lo: Math.max(0, b - h) ** 2, hi: (b + h) ** 2 },
    { metric: 'variance', value: row.variance, lo: row.varianceLo, hi: row.varianceHi },
    { metric: 'MSE', value: row.mse, lo: null, hi: null },
  ];
}

/**
 * The temperature trade-off: bias^2, variance and MSE against tau (log-log) for the estimators
 * that take a temperature, at one sample count, one facet per metric (and a row per parameter).
 * Estimators without a temperature at the same n are horizontal dashed lines for comparison.
 */
export function temperatureTradeoffSpec(rows: readonly ResultRow[], options: TemperatureSpecOptions = {}): TopLevelSpec {
  const params = options.params ?? rows.slice(0, 1).map((r) => r.param);
  const n = options.samples ?? Math.max(...rows.map((r) => r.samples));
  const own = rows.filter((r) => params.includes(r.param) && r.samples === n && Number.isFinite(r.variance));
  const points: MetricPoint[] = own.flatMap((r) =>
    rowMetrics(r)
      // An unbiased reference's measured bias² is noise around 0: leave it out where its interval reaches 0.
      .filter((m) => !(r.temperature === undefined && m.metric === 'bias²' && m.lo === 0))
      .map((m) => ({
      kind: r.temperature === undefined ? 'constant' : 'metric',
      // One series per estimator: the temperature is the x axis here.
      series: r.estimator,
      param: r.param,
      temperature: r.temperature ?? null,
      ...m,
    })),
  );
  const values = points.map((p) => p.value);
  const positive = [...values, ...points.flatMap((p) => (p.lo !== null && p.lo > 0 ? [p.lo] : []))].filter((v) => v > 0);
  // Interval ends at 0 (bias consistent with none) and zero values need a floor on the log axis.
  const floor = options.yFloor ?? (positive.length > 0 ? Number(`1e${Math.floor(Math.log10(Math.min(...positive)))}`) : 1e-6);
  const drawn = points.map((p) =>
    p.value <= floor ? { ...p, kind: p.kind === 'metric' ? ('floor' as const) : p.kind, value: floor } : { ...p, lo: p.lo === null ? null : Math.max(p.lo, floor) },
  );
  const floorCount = drawn.filter((p) => p.kind === 'floor').length;
  const temperatures = own.flatMap((r) => (r.temperature === undefined ? [] : [r.temperature]));
  const tMin = Math.min(...temperatures);
  const tMax = Math.max(...temperatures);
  const constants = drawn
    .filter((p) => p.kind === 'constant')
    .flatMap((p) => [
      { ...p, temperature: tMin },
      { ...p, temperature: tMax },
    ]);
  const yAxis = logScale([...drawn.map((p) => p.value), ...drawn.flatMap((p) => (p.hi === null ? [] : [p.hi]))], floor);

  const series = orderedSeries(own.map((r) => ({ estimator: r.estimator, temperature: undefined })));
  const color = seriesColorScale(series);
  const x = {
    field: 'temperature',
    type: 'quantitative',
    scale: { type: 'log', domain: [tMin, tMax] as number[] },
    axis: { title: 'temperature τ', values: temperatures.length > 0 ? ticks125(tMin, tMax) : [], labelExpr: "format(datum.value, '~g')", grid: true },
  } as const;
  const y = {
    field: 'value',
    type: 'quantitative',
    scale: yAxis.scale,
    axis: { title: null, values: yAxis.ticks, labelExpr: LOG_LABEL_EXPR },
  } as const;
  const seriesColor = { field: 'series', type: 'nominal', scale: color, sort: color.domain, legend: { title: 'estimator' } } as const;
  const kindIs = (...kinds: string[]) => ({ filter: kinds.map((k) => `datum.kind === '${k}'`).join(' || ') });
  const layer: LayerSpec[] = [
    {
      transform: [kindIs('constant')],
      mark: { type: 'line', strokeWidth: 1.5, strokeDash: [6, 4], clip: true },
      encoding: { x, y, color: seriesColor },
    },
    {
      transform: [kindIs('metric', 'floor'), { filter: 'datum.lo !== null' }],
      mark: { type: 'rule', strokeWidth: 1.2, clip: true },
      encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: seriesColor },
    },
    {
      transform: [kindIs('metric', 'floor')],
      mark: { type: 'line', strokeWidth: 2, clip: true },
      encoding: { x, y, color: seriesColor },
    },
    {
      transform: [kindIs('metric')],
      mark: { type: 'point', filled: true, size: 36, opacity: 1 },
      encoding: { x, y, color: seriesColor },
    },
    {
      transform: [kindIs('floor')],
      mark: { type: 'point', shape: 'triangle-down', filled: true, size: 80, opacity: 1 },
      encoding: { x, y, color: seriesColor },
    },
  ];
  const notes = [
    `n = ${n} samples per estimate; bars: 95% intervals (bias from its standard error; an interval reaching the floor means no bias detectable)`,
  ];
  if (constants.length > 0) notes.push('dashed: estimators without a temperature at the same n (bias² left out where its interval reaches 0)');
  if (floorCount > 0) notes.push(floorNote(floorCount, floor, 'values'));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title ?? 'Temperature trade-off', subtitle: notes },
    data: { values: [...drawn, ...constants] },
    config: PLOT_CONFIG,
    facet: {
      column: { field: 'metric', type: 'nominal', title: null, sort: [...METRICS], header: { labelFontSize: 13 } },
      ...(params.length > 1 ? { row: { field: 'param', type: 'nominal', title: 'parameter', sort: [...params] } } : {}),
    },
    spec: { width: 240, height: 240, layer },
  } as TopLevelSpec;
}
