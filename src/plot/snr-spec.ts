import type { TopLevelSpec } from 'vega-lite';
import type { ResultRow } from '../results/result-row.js';
import { seriesColorScale, variantIndices } from './estimator-colors.js';
import { isZeroVariance, LOG_LABEL_EXPR, logScale, logTicks, PLOT_CONFIG, ROUNDING_SD, VEGA_LITE_SCHEMA } from './log-axis.js';
import { DASHES, type LayerSpec, orderedSeries, seriesLabel } from './variance-spec.js';
import { panelPerParam } from './param-columns.js';

export interface SnrSpecOptions {
  readonly title?: string;
  readonly params?: readonly string[];
}

/** Legend entry of the sqrt(n) reference line. */
export const SNR_REFERENCE = '∝ √n (reference)';

/** |true gradient| / sd of one row, with the interval implied by the variance's. Infinite for a zero variance. */
export function rowSnr(row: ResultRow): { snr: number; lo: number; hi: number } {
  const g = Math.abs(row.trueGrad);
  return { snr: g / Math.sqrt(row.variance), lo: g / Math.sqrt(row.varianceHi), hi: g / Math.sqrt(row.varianceLo) };
}

/**
 * Signal-to-noise ratio |true gradient| / sd against n on log-log axes, with 95% bands, a line at
 * SNR = 1 (below it the sign of a step is close to a coin flip) and a sqrt(n) reference.
 * Zero-variance estimates (infinite SNR) are drawn as markers on the top edge.
 */
export function snrVsSamplesSpec(rows: readonly ResultRow[], options: SnrSpecOptions = {}): TopLevelSpec {
  const params = options.params ?? rows.slice(0, 1).map((r) => r.param);
  const own = rows.filter((r) => params.includes(r.param) && Number.isFinite(r.variance) && r.variance >= 0);
  // A variance that is zero up to rounding (see ROUNDING_SD) is an infinite SNR, not a very large one.
  const points = own.map((r) => ({
    kind: 'snr',
    series: seriesLabel(r),
    param: r.param,
    samples: r.samples,
    ...(isZeroVariance(r.variance, r.mean) ? { snr: Number.POSITIVE_INFINITY, lo: Number.NaN, hi: Number.NaN } : rowSnr(r)),
  }));
  const finite = points.filter((p) => Number.isFinite(p.snr) && p.snr > 0);
  const infinite = points.filter((p) => !Number.isFinite(p.snr));
  const ns = [...new Set(own.map((r) => r.samples))].sort((a, b) => a - b);
  const reference = params.flatMap((param) => {
    const atN0 = finite.filter((p) => p.param === param && p.samples === ns[0]);
    if (atN0.length === 0) return [];
    const s0 = Math.exp(atN0.reduce((acc, p) => acc + Math.log(p.snr), 0) / atN0.length);
    return ns.map((n) => ({ kind: 'reference', series: SNR_REFERENCE, param, samples: n, snr: s0 * Math.sqrt(n / (ns[0] as number)) }));
  });
  const ys = [...finite.flatMap((p) => [p.snr, p.lo, p.hi]), ...reference.map((r) => r.snr), 1];
  const yAxis = logScale(ys);
  const top = yAxis.ticks[yAxis.ticks.length - 1] ?? 1;
  const ceiling = infinite.map((p) => ({ ...p, kind: 'infinite', snr: top, lo: null, hi: null }));
  const series = orderedSeries(own);
  const colors = seriesColorScale(series);
  const color = { domain: [...colors.domain, SNR_REFERENCE], range: [...colors.range, '#555555'] };
  const dashes = [...variantIndices(series).map(({ index }) => DASHES[index % DASHES.length]!), [5, 4]];
  const x = {
    field: 'samples',
    type: 'quantitative',
    scale: { type: 'log' },
    axis: { title: 'samples per estimate (n)', values: ns.length > 0 ? logTicks(ns[0] as number, ns[ns.length - 1] as number) : [], labelExpr: "format(datum.value, ',')", grid: true },
  } as const;
  const yScale: { type: 'log'; nice: false; domain: number[] } = { type: 'log', nice: false, domain: [yAxis.ticks[0] ?? 1e-3, top] };
  const y = {
    field: 'snr',
    type: 'quantitative',
    scale: yScale,
    axis: { title: 'SNR = |true gradient| / sd', values: yAxis.ticks, labelExpr: LOG_LABEL_EXPR },
  } as const;
  const seriesColor = { field: 'series', type: 'nominal', scale: color, sort: color.domain, legend: { title: 'estimator' } } as const;
  const seriesDash = { field: 'series', type: 'nominal', scale: { domain: color.domain, range: dashes }, legend: { title: 'estimator' } } as const;
  const kindIs = (kind: string) => ({ filter: `datum.kind === '${kind}'` });
  const layer: LayerSpec[] = [
    { mark: { type: 'rule', color: '#999999', strokeWidth: 1 }, encoding: { y: { datum: 1, type: 'quantitative', scale: y.scale } } },
    {
      transform: [kindIs('snr'), { filter: 'isFinite(datum.lo) && isFinite(datum.hi) && datum.lo > 0' }],
      mark: { type: 'area', opacity: 0.15, clip: true },
      encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: seriesColor },
    },
    { transform: [kindIs('reference')], mark: { type: 'line', strokeWidth: 1.2, clip: true }, encoding: { x, y, color: seriesColor, strokeDash: seriesDash } },
    { transform: [kindIs('snr')], mark: { type: 'line', strokeWidth: 2, clip: true }, encoding: { x, y, color: seriesColor, strokeDash: seriesDash } },
    { transform: [kindIs('snr')], mark: { type: 'point', filled: true, size: 36, opacity: 1, clip: true }, encoding: { x, y, color: seriesColor } },
    {
      transform: [kindIs('infinite')],
      mark: { type: 'point', shape: 'triangle-up', filled: true, size: 80, opacity: 1 },
      encoding: { x, y, color: seriesColor },
    },
  ];
  const notes = ['grey line: SNR = 1; bands: 95% intervals'];
  if (ceiling.length > 0) {
    notes.push(`▲ on the top edge: ${ceiling.length} cells with variance 0 up to float rounding (sd < ${ROUNDING_SD.toExponential(0)} × |mean|): infinite SNR`);
  }
  const common = {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: options.title ?? 'Signal-to-noise ratio vs samples', subtitle: notes },
    data: { values: [...points.filter((p) => Number.isFinite(p.snr)), ...reference, ...ceiling] },
    config: PLOT_CONFIG,
  } as const;
  return panelPerParam(common, layer, params);
}
