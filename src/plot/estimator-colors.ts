/**
 * One fixed colour per estimator, so the same estimator looks the same in every figure.
 * Tableau10 in the order of the known names: a familiar categorical palette that stays
 * distinguishable for most colour-vision deficiencies.
 */
const KNOWN_COLORS: Readonly<Record<string, string>> = {
  pathwise: '#4e79a7',
  reinforce: '#f28e2b',
  'reinforce-baseline': '#e15759',
  'gumbel-softmax': '#76b7b2',
  'st-gumbel-softmax': '#59a14f',
  'measure-valued': '#edc948',
  'straight-through': '#b07aa1',
  arm: '#ff9da7',
  disarm: '#9c755f',
  rebar: '#bab0ac',
};

/** Names in palette order: plots list estimators in this order. */
export const KNOWN_ESTIMATORS: readonly string[] = Object.keys(KNOWN_COLORS);

/** For names not in the table (yet): ColorBrewer Dark2, darker than Tableau10 so it rarely clashes. */
const FALLBACK = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d'] as const;

/** `reinforce-baseline(baseline=loo)` -> `reinforce-baseline`. */
export function estimatorBaseName(label: string): string {
  const open = label.indexOf('(');
  return (open < 0 ? label : label.slice(0, open)).trim();
}

/** Colour of an estimator label; options do not change it. Unknown names hash to a stable fallback. */
export function estimatorColor(label: string): string {
  const base = estimatorBaseName(label);
  const known = KNOWN_COLORS[base];
  if (known !== undefined) return known;
  let hash = 0;
  for (const ch of base) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return FALLBACK[hash % FALLBACK.length]!;
}

/** Palette position for sorting; unknown names go last. */
export function estimatorRank(label: string): number {
  const i = KNOWN_ESTIMATORS.indexOf(estimatorBaseName(label));
  return i < 0 ? KNOWN_ESTIMATORS.length : i;
}

/** Mix a `#rrggbb` colour toward black (t < 0) or white (t > 0), |t| <= 1. */
export function shade(hex: string, t: number): string {
  const target = t < 0 ? 0 : 255;
  const k = Math.min(1, Math.abs(t));
  const channels = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16);
    return Math.round(c + (target - c) * k).toString(16).padStart(2, '0');
  });
  return `#${channels.join('')}`;
}

export interface SeriesKey {
  /** Legend label, e.g. `gumbel-softmax τ=0.5`. */
  readonly series: string;
  /** Estimator label the series belongs to. */
  readonly estimator: string;
}

/**
 * Vega-Lite colour scale for the series of one plot, domain in the given order. Series of the same
 * estimator (temperatures, option variants) share its hue, from darker to lighter, so the family
 * reads as one estimator while the members stay distinguishable.
 */
export function seriesColorScale(series: readonly SeriesKey[]): { domain: string[]; range: string[] } {
  const variants = variantIndices(series);
  return {
    domain: series.map((s) => s.series),
    range: series.map((s, i) => {
      const { index, count } = variants[i]!;
      const base = estimatorColor(s.estimator);
      // -0.25 (darker) .. +0.2 (lighter: pale tints vanish on white); a lone series keeps the exact palette colour.
      return count === 1 ? base : shade(base, -0.25 + (0.45 * index) / (count - 1));
    }),
  };
}

/** Position of each series among the series sharing its estimator base name. */
export function variantIndices(series: readonly SeriesKey[]): { index: number; count: number }[] {
  const counts = new Map<string, number>();
  const indices = series.map((s) => {
    const base = estimatorBaseName(s.estimator);
    const index = counts.get(base) ?? 0;
    counts.set(base, index + 1);
    return index;
  });
  return series.map((s, i) => ({ index: indices[i]!, count: counts.get(estimatorBaseName(s.estimator))! }));
}
