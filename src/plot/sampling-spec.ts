import type { TopLevelSpec } from 'vega-lite';
import type { ClassFrequency, RelaxedValue, Replicate } from '../sampling/sampling-check.js';
import type { GoodnessOfFit } from '../stats/chi-square.js';
import { estimatorColor, shade } from './estimator-colors.js';
import { PLOT_CONFIG, VEGA_LITE_SCHEMA } from './log-axis.js';

/** The target softmax: light bars, as in note 004. */
const TARGET_COLOR = '#a0cbe8';
const TARGET = 'softmax(α) (target)';
const EMPIRICAL = 'argmax(α + g) frequency, 95% interval';
const EMPIRICAL_COLOR = '#333333';

const classLabel = (index: number) => `c${index}`;

/** p-values far below 1e-4 read better in exponent form. */
export function formatPValue(p: number): string {
  return p >= 1e-4 ? p.toPrecision(3) : p.toExponential(2);
}

/** Empirical class frequencies of the Gumbel-max draws (points with Wilson intervals) over the target softmax (bars). */
export function frequencySpec(classes: readonly ClassFrequency[], fit: GoodnessOfFit, options: { title?: string } = {}): TopLevelSpec {
  const total = classes.reduce((a, c) => a + c.count, 0);
  const values = classes.flatMap((c) => [
    { what: TARGET, class: classLabel(c.index), value: c.prob, lo: null, hi: null },
    { what: EMPIRICAL, class: classLabel(c.index), value: c.frequency, lo: c.lo, hi: c.hi },
  ]);
  const color = { domain: [TARGET, EMPIRICAL], range: [TARGET_COLOR, EMPIRICAL_COLOR] };
  const x = { field: 'class', type: 'nominal', title: 'class', sort: classes.map((c) => classLabel(c.index)), axis: { labelAngle: 0 } } as const;
  const y = { field: 'value', type: 'quantitative', title: 'probability', scale: { zero: true } } as const;
  const legendColor = { field: 'what', type: 'nominal', scale: color, legend: { title: null, orient: 'bottom', symbolType: 'square' } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: options.title ?? `Gumbel-max: ${total} draws of argmax(α + g) against softmax(α)`,
      subtitle: [`Pearson χ² = ${fit.statistic.toFixed(2)} on ${fit.dof} degrees of freedom, p = ${formatPValue(fit.pValue)}`],
    },
    width: 420,
    height: 260,
    data: { values },
    config: { ...PLOT_CONFIG, legend: { ...PLOT_CONFIG.legend, symbolType: 'square', symbolStrokeWidth: 0 } },
    layer: [
      { transform: [{ filter: `datum.what === '${TARGET}'` }], mark: { type: 'bar', width: { band: 0.7 } }, encoding: { x, y, color: legendColor } },
      {
        transform: [{ filter: `datum.what === '${EMPIRICAL}'` }],
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: legendColor },
      },
      {
        transform: [{ filter: `datum.what === '${EMPIRICAL}'` }],
        mark: { type: 'point', shape: 'diamond', filled: true, size: 70, opacity: 1 },
        encoding: { x, y, color: legendColor },
      },
    ],
  } as TopLevelSpec;
}

/** Five Gumbel-Softmax draws per temperature (lines over the classes) against the target softmax (bars), one panel per tau. */
export function relaxedDrawsSpec(values: readonly RelaxedValue[], options: { title?: string } = {}): TopLevelSpec {
  const temperatures = [...new Set(values.map((v) => v.temperature))];
  const draws = [...new Set(values.map((v) => v.draw))].sort((a, b) => a - b);
  const base = estimatorColor('gumbel-softmax');
  const drawLabel = (d: number) => `draw ${d + 1}`;
  const drawColors = draws.map((d, i) => (draws.length === 1 ? base : shade(base, -0.45 + (0.6 * i) / (draws.length - 1))));
  const data = [
    ...values.filter((v) => v.draw === draws[0]).map((v) => ({ kind: 'target', temperature: v.temperature, class: classLabel(v.index), value: v.prob, what: TARGET })),
    ...values.map((v) => ({ kind: 'draw', temperature: v.temperature, class: classLabel(v.index), value: v.value, what: drawLabel(v.draw) })),
  ];
  const classes = [...new Set(values.map((v) => v.index))].sort((a, b) => a - b).map(classLabel);
  const color = { domain: [TARGET, ...draws.map(drawLabel)], range: [TARGET_COLOR, ...drawColors] };
  const x = { field: 'class', type: 'nominal', title: 'class', sort: classes, axis: { labelAngle: 0 } } as const;
  const y = { field: 'value', type: 'quantitative', title: 'probability / relaxed sample y', scale: { domain: [0, 1] as number[] } } as const;
  const colorBy = { field: 'what', type: 'nominal', scale: color, legend: { title: null, orient: 'bottom' } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: options.title ?? 'Gumbel-Softmax draws y = softmax((α + g) / τ) against softmax(α)',
      subtitle: ['large τ: near-uniform, far from one-hot (biased, low variance); small τ: nearly one-hot'],
    },
    data: { values: data },
    config: PLOT_CONFIG,
    facet: { column: { field: 'temperature', type: 'ordinal', title: null, sort: temperatures, header: { labelExpr: "'τ = ' + datum.value", labelFontSize: 13 } } },
    spec: {
      width: 190,
      height: 200,
      layer: [
        { transform: [{ filter: "datum.kind === 'target'" }], mark: { type: 'bar', width: { band: 0.75 } }, encoding: { x, y, color: colorBy } },
        {
          transform: [{ filter: "datum.kind === 'draw'" }],
          mark: { type: 'line', strokeWidth: 1.6, point: { size: 18, filled: true } },
          encoding: { x, y, color: colorBy, detail: { field: 'what', type: 'nominal' } },
        },
      ],
    },
  } as TopLevelSpec;
}

/** Counts of p-values in `bins` equal bins of [0, 1] (p = 1 in the last). */
export function pValueHistogram(pValues: readonly number[], bins = 10): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const p of pValues) counts[Math.min(bins - 1, Math.floor(p * bins))]! += 1;
  return counts;
}

/**
 * p-values of independent repeats of the frequency check: uniform on [0, 1] when the sampler is
 * exact. Bars per bin, the expected count as a dashed line, the main check's p-value as a rule.
 */
export function pValueSpec(replicates: readonly Replicate[], mainP: number, options: { title?: string } = {}): TopLevelSpec {
  const bins = 10;
  const counts = pValueHistogram(replicates.map((r) => r.pValue), bins);
  const values = counts.map((count, i) => ({ lo: i / bins, hi: (i + 1) / bins, count }));
  const expected = replicates.length / bins;
  const x = { field: 'lo', type: 'quantitative', title: 'p-value of a repeat', scale: { domain: [0, 1] as number[] }, axis: { values: values.map((v) => v.lo).concat(1), format: '~g' } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: options.title ?? `p-values of ${replicates.length} independent repeats of the check`,
      subtitle: [`uniform on [0, 1] for an exact sampler: dashed line, ${expected} per bin; red: this run's p = ${formatPValue(mainP)}`],
    },
    width: 420,
    height: 220,
    config: PLOT_CONFIG,
    layer: [
      { data: { values }, mark: { type: 'bar', color: TARGET_COLOR, stroke: 'white' }, encoding: { x, x2: { field: 'hi' }, y: { field: 'count', type: 'quantitative', title: 'repeats', scale: { zero: true } }, y2: { datum: 0 } } },
      { data: { values: [{ count: expected }] }, mark: { type: 'rule', strokeDash: [6, 4], color: '#555555' }, encoding: { y: { field: 'count', type: 'quantitative' } } },
      { data: { values: [{ p: mainP }] }, mark: { type: 'rule', color: '#d62728', strokeWidth: 2 }, encoding: { x: { field: 'p', type: 'quantitative', scale: { domain: [0, 1] as number[] } } } },
    ],
  } as TopLevelSpec;
}
