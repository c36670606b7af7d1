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

/** 1-2-5 ticks within [min, max]. */
export function ticks125(min: number, max: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
    for (const m of [1, 2, 5]) {
      const t = Number(`${m}e${k}`);
      if (t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9)) out.push(t);
    }
  }
  return out;
}

/** Plain numbers in a readable range, exponent notation (1e-5) outside it. */
export const LOG_LABEL_EXPR =
  "abs(datum.value) >= 1e-3 && abs(datum.value) < 1e5 ? format(datum.value, '~g') : replace(format(datum.value, '~e'), 'e+', 'e')";

/** Shared look of every figure: the one installed font, legends that are not cut, a light frame. */
export const PLOT_CONFIG = {
  font: 'DejaVu Sans', // the only family installed; the PNG renderer is told the same
  // Opaque swatches: otherwise the legend takes the band's 0.15 opacity.
  legend: { labelLimit: 300, symbolStrokeWidth: 2, symbolSize: 300, symbolType: 'stroke', symbolOpacity: 1 },
  view: { stroke: '#dddddd' },
  title: { subtitleColor: '#555555', subtitleFontSize: 11 },
} as const;

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Estimates are computed in float32 (about 7 digits), so a spread below 1e-6 of the estimate's
 * own size is rounding around an exact constant, not a measurement: DisARM at logit 0 gives
 * variances of 0 and 1e-34 for a mean of 0.025.
 */
export const ROUNDING_SD = 1e-6;

/** A variance that is zero, or zero up to rounding: sd below ROUNDING_SD x |mean|. */
export function isZeroVariance(variance: number, mean: number): boolean {
  return variance <= 0 || Math.sqrt(variance) < ROUNDING_SD * Math.abs(mean);
}

/**
 * The bottom of a log axis: the given floor, or (when some values are zero, which a log axis
 * cannot show) a decade below the smallest positive other value. Undefined: no floor needed.
 */
export function logFloor(values: readonly number[], anyZero: boolean, given?: number): number | undefined {
  if (given !== undefined) return given;
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  if (!anyZero && positive.length === values.filter((v) => Number.isFinite(v)).length) return undefined;
  const smallest = positive.length > 0 ? Math.min(...positive) : 1;
  return Number(`1e${Math.floor(Math.log10(smallest)) - 1}`);
}

/** Log-axis scale and tick values covering the finite positive values (and the floor, when there is one). */
export function logScale(values: readonly number[], floor?: number) {
  const shown = values.filter((v) => Number.isFinite(v) && v > 0 && (floor === undefined || v >= floor));
  if (floor !== undefined) shown.push(floor);
  if (shown.length === 0) return { scale: { type: 'log' as const }, ticks: [] as number[] };
  const lo = Math.min(...shown);
  const hi = Math.max(...shown);
  const ticks = logTicks(lo, hi).filter((t) => floor === undefined || t >= floor);
  return {
    scale: floor === undefined ? { type: 'log' as const, nice: true } : { type: 'log' as const, domain: [floor, ticks[ticks.length - 1] ?? hi] },
    ticks,
  };
}

/** Subtitle line for values drawn on the floor. */
export function floorNote(count: number, floor: number, what: string): string {
  const label = floor >= 1e-3 && floor < 1e5 ? String(floor) : floor.toExponential(0).replace('e+', 'e');
  return `▼ on the bottom edge: ${count} ${count === 1 ? what.replace(/s$/, '') : what} at or below ${label}, or 0 up to float rounding (sd < ${ROUNDING_SD.toExponential(0)} × |mean|)`;
}
