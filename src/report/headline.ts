import type { PlotConfig } from '../experiment/plots.js';
import type { Experiment } from '../experiment/validate.js';
import { isZeroVariance } from '../plot/log-axis.js';
import { rowSnr } from '../plot/snr-spec.js';
import { rowMetrics } from '../plot/temperature-spec.js';
import { orderedSeries, seriesLabel } from '../plot/variance-spec.js';
import type { ResultRow } from '../results/result-row.js';
import { fitLogLogSlope, logStandardError, type SlopeFit } from '../stats/slope.js';
import type { ExactLookup } from './exact-variance.js';
import { fmt, fmtInterval, type Table } from './table.js';

/** A variance for the tables: 0 up to float rounding is written as such. */
function fmtVariance(r: ResultRow, scale = 1): string {
  return isZeroVariance(r.variance, r.mean) ? '0 (rounding)' : `${fmt(r.variance * scale)} ${fmtInterval(r.varianceLo * scale, r.varianceHi * scale)}`;
}

/** Rows of one parameter grouped by series (legend label), in legend order. */
function bySeries(rows: readonly ResultRow[]): [string, ResultRow[]][] {
  return orderedSeries(rows).map((s) => [s.series, rows.filter((r) => seriesLabel(r) === s.series)]);
}

/** The log-log slope of variance against n of one series' rows (one parameter, no other sweep). */
export function varianceSlope(rows: readonly ResultRow[]): SlopeFit | undefined {
  return fitLogLogSlope(
    rows
      .filter((r) => !isZeroVariance(r.variance, r.mean) && r.varianceLo > 0 && Number.isFinite(r.varianceHi))
      .map((r) => ({ x: r.samples, y: r.variance, logSe: logStandardError(r.variance, r.varianceLo, r.varianceHi) })),
  );
}

function paramsOf(plot: PlotConfig, rows: readonly ResultRow[]): readonly string[] {
  return plot.params ?? rows.slice(0, 1).map((r) => r.param);
}

function largest(rows: readonly ResultRow[]): ResultRow | undefined {
  return rows.reduce<ResultRow | undefined>((best, r) => (best === undefined || r.samples > best.samples ? r : best), undefined);
}

/** Slopes of log variance against log n (1/n gives -1), and n x Var at the largest n against the closed form. */
function slopeTable(rows: readonly ResultRow[], params: readonly string[], exact: ExactLookup): Table {
  const out: string[][] = [];
  for (const param of params) {
    for (const [series, own] of bySeries(rows.filter((r) => r.param === param))) {
      const fit = varianceSlope(own);
      const last = largest(own);
      const single = last ? exact(last) : undefined;
      const zero = own.filter((r) => isZeroVariance(r.variance, r.mean)).length;
      out.push([
        series + (zero > 0 && fit ? ` (${zero} cells with variance 0 left out)` : ''),
        param,
        fit ? fmt(fit.slope) : zero > 0 ? `variance 0 in ${zero} of ${own.length} cells` : '—',
        fit ? fmtInterval(fit.lo, fit.hi) : '—',
        fit && Number.isFinite(fit.reducedChiSquare) ? fmt(fit.reducedChiSquare, 2) : '—',
        last ? fmtVariance(last, last.samples) : '—',
        single === undefined ? '—' : fmt(single),
      ]);
    }
  }
  return {
    title: 'Log-log slope of variance against n',
    note: 'Variances that are 0 up to float rounding (sd below 1e-6 × |mean|) are left out. Weighted least squares on ln Var with each cell\'s own standard error; the interval is inflated by √(χ²/dof) when the points scatter more than their errors (curvature); two points leave no degree of freedom (χ²/dof —) and no inflation. 1/n scaling is a slope of −1. n·Var is at the largest n, with its 95% interval; "exact" is the closed-form single-sample variance where one is known.',
    columns: ['estimator', 'param', 'slope', '95% interval', 'χ²/dof', 'n·Var at largest n', 'exact n·Var'],
    rows: out,
  };
}

/** Variance ratio of every series to the first Gumbel-Softmax series at each n (note 004's claim). */
function ratioTable(rows: readonly ResultRow[], params: readonly string[]): Table | undefined {
  const out: string[][] = [];
  let columns: string[] = [];
  for (const param of params) {
    const groups = bySeries(rows.filter((r) => r.param === param));
    const reference = groups.find(([, own]) => own[0]?.estimator === 'gumbel-softmax');
    if (!reference || groups.length < 2) continue;
    const others = groups.filter((g) => g !== reference);
    columns = ['param', 'n', ...others.map(([s]) => `${s} / ${reference[0]}`)];
    const ns = [...new Set(reference[1].map((r) => r.samples))].sort((a, b) => a - b);
    for (const n of ns) {
      const base = reference[1].find((r) => r.samples === n);
      if (!base) continue;
      out.push([
        param,
        String(n),
        ...others.map(([, own]) => {
          const r = own.find((x) => x.samples === n);
          if (!r || !(base.variance > 0)) return '—';
          return isZeroVariance(r.variance, r.mean) ? '0 (rounding)' : fmt(r.variance / base.variance);
        }),
      ]);
    }
  }
  if (out.length === 0) return undefined;
  return {
    title: 'Variance relative to Gumbel-Softmax',
    note: 'Var(estimator) / Var(Gumbel-Softmax) at the same n: above 10 means Gumbel-Softmax is more than an order of magnitude less noisy.',
    columns,
    rows: out,
  };
}

/** Measured n x Var against the closed form, per cell, at the ends of the swept field (variance-vs-field). */
function closedFormTable(rows: readonly ResultRow[], plot: PlotConfig, exact: ExactLookup): Table | undefined {
  const field = plot.field as string;
  const n = plot.samples ?? Math.max(...rows.map((r) => r.samples));
  const params = paramsOf(plot, rows);
  const own = rows.filter((r) => r.samples === n && params.includes(r.param) && r.sweep[field] !== undefined);
  const values = [...new Set(own.map((r) => r.sweep[field] as number))].sort((a, b) => a - b);
  const ends = new Set([values[0], values[values.length - 1]]);
  const summary: string[][] = [];
  const detail: string[][] = [];
  for (const param of params) {
    for (const [series, cells] of bySeries(own.filter((r) => r.param === param))) {
      const checked = cells.flatMap((r) => {
        const e = exact(r);
        return e === undefined ? [] : [{ r, e }];
      });
      for (const { r, e } of checked.filter(({ r }) => ends.has(r.sweep[field]))) {
        detail.push([series, param, `${field} = ${fmt(r.sweep[field] as number)}`, fmt(r.variance * n), fmtInterval(r.varianceLo * n, r.varianceHi * n), fmt(e), e > 0 ? fmt((r.variance * n) / e) : '—']);
      }
      if (checked.length === 0) continue;
      const inside = checked.filter(({ r, e }) => r.varianceLo * n <= e && e <= r.varianceHi * n).length;
      const ratios = checked.filter(({ e }) => e > 0).map(({ r, e }) => (r.variance * n) / e).sort((a, b) => a - b);
      summary.push([series, param, String(checked.length), `${inside} of ${checked.length}`, ratios.length > 0 ? fmt(ratios[Math.floor(ratios.length / 2)] as number) : '—', ratios.length > 0 ? fmtInterval(ratios[0] as number, ratios[ratios.length - 1] as number) : '—']);
    }
  }
  if (summary.length === 0) return undefined;
  return {
    title: `Measured against closed form (n = ${n}), at ${field} = ${[...ends].map((v) => fmt(v as number)).join(' and ')}; summary over all ${values.length} values below`,
    note: 'n·Var with its 95% interval against the exact single-sample variance. About 5% of exact values should fall outside a 95% interval by chance.',
    columns: ['estimator', 'param', 'point', 'measured n·Var', '95% interval', 'exact', 'ratio'],
    rows: [
      ...detail,
      ...summary.map(([series, param, , inside, median, range]) => [series as string, param as string, `all ${field}`, `exact inside interval: ${inside}`, `ratio range ${range}`, '', `median ${median}`]),
    ],
  };
}

/** bias^2, variance and MSE per temperature (temperature-tradeoff). */
function temperatureTable(rows: readonly ResultRow[], plot: PlotConfig): Table {
  const n = plot.samples ?? Math.max(...rows.map((r) => r.samples));
  const params = paramsOf(plot, rows);
  const out: string[][] = [];
  for (const param of params) {
    const own = rows.filter((r) => r.samples === n && r.param === param);
    for (const [series, cells] of bySeries(own)) {
      for (const r of cells) {
        const [bias2, variance, mse] = rowMetrics(r);
        out.push([series.replace(/ τ=.*$/, ''), param, r.temperature === undefined ? '—' : fmt(r.temperature), fmt(bias2!.value), fmtInterval(bias2!.lo ?? 0, bias2!.hi ?? 0), fmt(variance!.value), fmt(mse!.value)]);
      }
    }
  }
  return {
    title: `Temperature trade-off at n = ${n}`,
    note: 'bias² with the 95% interval implied by the standard error of the mean (a lower end of 0: no bias detectable).',
    columns: ['estimator', 'param', 'τ', 'bias²', 'bias² 95% interval', 'variance', 'MSE'],
    rows: out,
  };
}

/** SNR of a row for the tables: infinite when the variance is 0 up to rounding. */
function fmtSnr(r: ResultRow, withInterval: boolean): string {
  if (isZeroVariance(r.variance, r.mean)) return '∞ (variance 0)';
  const s = rowSnr(r);
  return withInterval ? `${fmt(s.snr)} ${fmtInterval(s.lo, s.hi)}` : fmt(s.snr);
}

/** SNR at the smallest and largest n, and the first n of the grid where it reaches 1 (or an extrapolation). */
function snrTable(rows: readonly ResultRow[], params: readonly string[]): Table {
  const out: string[][] = [];
  for (const param of params) {
    for (const [series, own] of bySeries(rows.filter((r) => r.param === param))) {
      const sorted = [...own].sort((a, b) => a.samples - b.samples);
      const first = sorted[0];
      const last = sorted[sorted.length - 1];
      if (!first || !last) continue;
      const reached = sorted.find((r) => isZeroVariance(r.variance, r.mean) || rowSnr(r).snr >= 1);
      // Not reached in the grid: n * Var / g^2, assuming Var keeps falling as 1/n from the largest n.
      const extrapolated = last.trueGrad !== 0 ? (last.variance * last.samples) / last.trueGrad ** 2 : Number.NaN;
      const firstN = reached ? String(reached.samples) : Number.isFinite(extrapolated) ? `beyond the grid: ≈ ${fmt(extrapolated)} if Var ∝ 1/n` : '—';
      out.push([series, param, fmt(Math.abs(last.trueGrad)), `${fmtSnr(first, false)} (n = ${first.samples})`, `${fmtSnr(last, true)} (n = ${last.samples})`, firstN]);
    }
  }
  return {
    title: 'Signal-to-noise ratio |true gradient| / sd',
    note: 'SNR with the 95% interval implied by the variance\'s. A biased estimator\'s SNR is still taken against the true gradient, so a high SNR need not mean a good direction.',
    columns: ['estimator', 'param', '|true gradient|', 'SNR at smallest n', 'SNR at largest n [95%]', 'first n with SNR ≥ 1'],
    rows: out,
  };
}

/** The headline numbers of a variance experiment, one table per question its plots ask. */
export function varianceHeadline(experiment: Experiment, rows: readonly ResultRow[], exact: ExactLookup): Table[] {
  const tables: Table[] = [];
  for (const plot of experiment.plots) {
    const params = paramsOf(plot, rows);
    const multipleN = new Set(rows.map((r) => r.samples)).size > 1;
    if (plot.kind === 'variance-vs-samples') {
      // A slope needs two sample counts; the ratios to Gumbel-Softmax hold at any one.
      if (multipleN) tables.push(slopeTable(rows, params, exact));
      const ratios = ratioTable(rows, params);
      if (ratios) tables.push(ratios);
    } else if (plot.kind === 'snr-vs-samples') {
      tables.push(snrTable(rows, params));
    } else if (plot.kind === 'temperature-tradeoff') {
      tables.push(temperatureTable(rows, plot));
    } else if (plot.kind === 'variance-vs-field') {
      const table = closedFormTable(rows, plot, exact);
      if (table) tables.push(table);
    }
  }
  return tables;
}
