import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRows } from '../../src/check/check-rows.js';
import { rowLabel } from '../../src/check/match.js';
import { DEFAULT_ALPHA } from '../../src/check/alpha.js';
import { logVarianceStandardError } from '../../src/check/statistical.js';
import { stopGradient } from '../../src/compute/tensor-ops.js';
import type { Normal } from '../../src/distributions/normal.js';
import type { AnyEstimator } from '../../src/estimators/estimator.js';
import { pathwise } from '../../src/estimators/pathwise.js';
import { relaxationOf } from '../../src/estimators/relaxation.js';
import { leaveOneOut, reinforceBaseline } from '../../src/estimators/reinforce-baseline.js';
import { stGumbelSoftmax } from '../../src/estimators/st-gumbel-softmax.js';
import type { ResultRow } from '../../src/results/result-row.js';
import { Z } from '../helpers/statistics.js';
import { CI_EXPERIMENTS, loadCiExperiment, type Plant, runRows } from './runs.js';

/** P(X >= k) for X ~ Binomial(n, p). */
function binomialTail(n: number, p: number, k: number): number {
  let term = (1 - p) ** n;
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - below);
}

/**
 * The most false alarms that n independent checks at family-wise level alpha may raise:
 * the smallest k with P(X > k) <= risk for X ~ Binomial(n, alpha) (Holm makes each check's
 * false-alarm probability at most alpha, so this bound is conservative).
 */
function falseAlarmBound(n: number, alpha: number, risk: number): number {
  let k = 0;
  while (binomialTail(n, alpha, k + 1) > risk) k++;
  return k;
}

/** Baseline seed 1 (the files' own) against a re-seeded candidate, optionally with a planted bug. */
function compare(file: string, plant?: Plant, overrides: { trials?: number } = {}) {
  const baseline = runRows(loadCiExperiment(file, overrides));
  const candidate = runRows(loadCiExperiment(file, { ...overrides, seed: 2 }), plant);
  return checkRows({ rows: baseline }, { rows: candidate }, { mode: 'statistical' });
}

function labels(rows: readonly { pair: { baseline: { row: ResultRow } } }[]): string[] {
  return [...new Set(rows.map((t) => rowLabel(t.pair.baseline.row)))];
}

test('a re-seeded correct run passes statistical mode on every CI experiment', () => {
  for (const file of Object.values(CI_EXPERIMENTS)) {
    const report = compare(file);
    assert.ok(report.tests >= 2 * report.compared, file);
    assert.ok(report.passed, `${file}: ${report.rejected.map((t) => `${rowLabel(t.pair.baseline.row)} ${t.kind} p=${t.p}`).join('; ')}`);
  }
});

test('over 20 independent re-seeded pairs per experiment, false alarms fit alpha', (t) => {
  const pairs = 20;
  // Binomial(20, 0.01): P(X >= 2) = 0.017, P(X >= 3) = 0.0010, so at most 2 false alarms at risk 0.005.
  const bound = falseAlarmBound(pairs, DEFAULT_ALPHA, 0.005);
  assert.equal(bound, 2);
  for (const [name, file] of Object.entries(CI_EXPERIMENTS)) {
    // Disjoint pairs of fresh seeds keep the 20 checks independent. For time the grids are cut to
    // n = 1, 10: the heavy-tailed cells, where fourth-moment standard errors are least accurate.
    const overrides = { samples: [1, 10] };
    let alarms = 0;
    for (let i = 0; i < pairs; i++) {
      const a = runRows(loadCiExperiment(file, { ...overrides, seed: 100 + 2 * i }));
      const b = runRows(loadCiExperiment(file, { ...overrides, seed: 101 + 2 * i }));
      const report = checkRows({ rows: a }, { rows: b }, { mode: 'statistical' });
      if (!report.passed) alarms++;
    }
    t.diagnostic(`${name}: ${alarms} of ${pairs} checks raised a false alarm (bound ${bound})`);
    assert.ok(alarms <= bound, `${name}: ${alarms} false alarms in ${pairs} checks at alpha ${DEFAULT_ALPHA}`);
  }
});

/** LOO baseline whose mean includes the sample itself: (1/n) sum (f_i - S/n) s_i, E = (1 - 1/n) gradient. */
const looIncludingItself: AnyEstimator = {
  ...reinforceBaseline,
  pooled: () => ({
    ...leaveOneOut,
    // leaveOneOut divides sum f s - (S/n) sum s by n - 1; this one by n.
    finish: (totals: Parameters<typeof leaveOneOut.finish>[0], n: number) => leaveOneOut.finish(totals, n).map((v) => (v * (n - 1)) / n),
  }),
};

test('planted: a leave-one-out baseline that includes the sample itself is caught as biased', () => {
  for (const file of [CI_EXPERIMENTS.bernoulli, CI_EXPERIMENTS.gaussian]) {
    const report = compare(file, { estimators: { 'reinforce-baseline': looIncludingItself } });
    assert.equal(report.passed, false, file);
    assert.ok(report.rejected.every((r) => r.pair.baseline.row.estimator === 'reinforce-baseline'), labels(report.rejected).join(', '));
    // The bias shrinks the mean by 1/n: the unbiasedness test sees it at n = 10.
    const unbiased = report.rejected.filter((r) => r.kind === 'unbiased' && r.pair.candidate.row.samples === 10);
    assert.ok(unbiased.length > 0, `${file}: no unbiasedness rejection at n = 10`);
    for (const r of unbiased) assert.ok(r.ratio < 1, `${rowLabel(r.pair.baseline.row)}: ratio ${r.ratio}`);
  }
});

test('planted: a variance inflated 1.5x at 1000 trials is caught, by the variance test only', () => {
  const inflate = (estimates: Float64Array, p: number) => {
    const trials = estimates.length / p;
    for (let j = 0; j < p; j++) {
      let mean = 0;
      for (let t = 0; t < trials; t++) mean += estimates[t * p + j] as number;
      mean /= trials;
      for (let t = 0; t < trials; t++) estimates[t * p + j] = mean + Math.sqrt(1.5) * ((estimates[t * p + j] as number) - mean);
    }
  };
  const report = compare(CI_EXPERIMENTS.gaussian, { transform: inflate }, { trials: 1000 });
  assert.equal(report.passed, false);
  assert.ok(report.rejected.length > 0);
  for (const r of report.rejected) {
    assert.equal(r.kind, 'variance', rowLabel(r.pair.baseline.row));
    // Each rejected log-ratio is within Z standard errors of log 1.5.
    const se = Math.hypot(logVarianceStandardError(r.pair.baseline.row), logVarianceStandardError(r.pair.candidate.row));
    assert.ok(Math.abs(Math.log(r.ratio) - Math.log(1.5)) <= Z * se, `${rowLabel(r.pair.baseline.row)}: ratio ${r.ratio}`);
  }
});

/** ST-GS whose backward goes through the hard sample (which carries no gradient). */
const stBackwardThroughHard: AnyEstimator = {
  ...stGumbelSoftmax,
  surrogate({ objective, distribution, noise, temperature }) {
    const relaxed = relaxationOf(distribution, temperature);
    return objective.f(relaxed.harden(relaxed.rsample(noise)));
  },
};

test('planted: a straight-through Gumbel-Softmax whose backward uses the hard sample is caught', () => {
  for (const file of [CI_EXPERIMENTS.categorical, CI_EXPERIMENTS.bernoulli]) {
    const report = compare(file, { estimators: { 'st-gumbel-softmax': stBackwardThroughHard } });
    assert.equal(report.passed, false, file);
    assert.ok(report.rejected.every((r) => r.pair.baseline.row.estimator === 'st-gumbel-softmax'), labels(report.rejected).join(', '));
    assert.ok(report.rejected.some((r) => r.kind === 'variance' && r.candidate === 0));
  }
});

/** Pathwise with the sign of d z / d sigma flipped: z = mu + (2 sg(sigma) - sigma) eps has the same value. */
const pathwiseSigmaSignError: AnyEstimator = {
  ...pathwise,
  surrogate({ objective, distribution, noise }) {
    const { loc, scale } = distribution as Normal;
    const flipped = stopGradient(scale).mul(2).sub(scale);
    return objective.f(loc.add(flipped.mul(noise)));
  },
};

test('planted: a sign error in the pathwise sigma gradient is caught on sigma, not on mu', () => {
  const report = compare(CI_EXPERIMENTS.gaussian, { estimators: { pathwise: pathwiseSigmaSignError } });
  assert.equal(report.passed, false);
  const rows = report.rejected.map((r) => r.pair.baseline.row);
  assert.ok(rows.every((r) => r.estimator === 'pathwise' && r.param === 'sigma'), labels(report.rejected).join(', '));
  const kinds = new Set(report.rejected.map((r) => r.kind));
  assert.ok(kinds.has('mean') && kinds.has('unbiased'), [...kinds].join(', '));
});
