import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reinforceBaseline } from '../../src/estimators/reinforce-baseline.js';
import { logisticOf } from '../../src/random/base-noise.js';
import { NoiseStream } from '../../src/random/noise-stream.js';
import { trialSeed } from '../../src/random/seed.js';
import { planCells } from '../../src/experiment/cells.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { bernoulliQuadratic } from '../../src/objectives/bernoulli-quadratic.js';
import { softmax } from '../../src/objectives/categorical-logits.js';
import { categoricalLinear } from '../../src/objectives/categorical-linear.js';
import { categoricalQuadratic } from '../../src/objectives/categorical-quadratic.js';
import { gaussianCos } from '../../src/objectives/gaussian-cos.js';
import { gaussianQuadratic } from '../../src/objectives/gaussian-quadratic.js';
import type { Objective } from '../../src/objectives/objective.js';
import { estimateColumns } from '../helpers/estimates.js';
import { exactMoments, normalExpectation } from '../helpers/exact-moments.js';
import { assertMean, assertVariance } from '../helpers/statistics.js';

// Single-sample closed forms for f(x) = (x - k)^2, x ~ N(mu, sigma^2), d = mu - k, param sigma.
const closedForms = {
  mean: (d: number, s: number) => [8 * d * d + 10 * s * s, 40 * d * d + 56 * s * s],
  optimal: (d: number, s: number) => [8 * d * d + 6 * s * s, 40 * d * d + 24 * s * s],
};
// n samples per estimate tame the kurtosis of score-function estimates; oracle baselines
// are constants, so the n-sample variance is the single-sample one over n.
const n = 50;

for (const [mu, sigma, k] of [
  [1, 1, 0],
  [-0.5, 2, 0.5],
]) {
  const objective = gaussianQuadratic.create({ kind: 'gaussian-quadratic', mu, sigma, k });
  for (const baseline of ['mean', 'optimal'] as const) {
    test(`baseline=${baseline} on (x - ${k})^2, mu=${mu}, sigma=${sigma}: unbiased, closed-form variances / n`, () => {
      const columns = estimateColumns(objective, reinforceBaseline, { trials: 8000, samples: n, options: { baseline } });
      const variances = closedForms[baseline](mu - k, sigma);
      ['mu', 'sigma'].forEach((name, j) => {
        assertMean(columns[j], objective.trueGrad()[j], `${baseline} d/d${name}`);
        assertVariance(columns[j], variances[j] / n, `${baseline} d/d${name}`);
      });
    });
  }
}

test('baseline=optimal under log_sigma: the same b_j, log sigma variance sigma^2 times larger', () => {
  const sigma = 2;
  const objective = gaussianQuadratic.create({ kind: 'gaussian-quadratic', mu: 1, sigma, k: 0, param: 'log_sigma' });
  const [, logSigma] = estimateColumns(objective, reinforceBaseline, { trials: 8000, samples: n, options: { baseline: 'optimal' } });
  assertMean(logSigma, 2 * sigma * sigma, 'optimal d/dlog sigma');
  assertVariance(logSigma, (sigma * sigma * closedForms.optimal(1, sigma)[1]) / n, 'optimal d/dlog sigma');
});

test('Gaussian optimal baselines match quadrature of E[f s_j^2] / E[s_j^2]', () => {
  const cases: [Objective, (x: number) => number, number, number][] = [
    [gaussianQuadratic.create({ kind: 'gaussian-quadratic', mu: 0.7, sigma: 1.3, k: -0.4 }), (x) => (x + 0.4) ** 2, 0.7, 1.3],
    [gaussianCos.create({ kind: 'gaussian-cos', mu: 0.3, sigma: 0.8, k: 2 }), (x) => Math.cos(2 * x), 0.3, 0.8],
    [gaussianCos.create({ kind: 'gaussian-cos', mu: -1, sigma: 1.5, k: 0.6, param: 'log_sigma' }), (x) => Math.cos(0.6 * x), -1, 1.5],
  ];
  for (const [objective, f, mu, sigma] of cases) {
    const scores = [(e: number) => e, (e: number) => e * e - 1];
    const expected = scores.map(
      (s) => normalExpectation((e) => f(mu + sigma * e) * s(e) ** 2) / normalExpectation((e) => s(e) ** 2),
    );
    objective.optimalBaseline?.().forEach((b, j) => {
      assert.ok(Math.abs(b - expected[j]) < 1e-9 * Math.max(1, Math.abs(b)), `${objective.kind} b[${j}] = ${b} vs ${expected[j]}`);
    });
  }
});

/** Per class k, the single-sample estimate (f(e_k) - b_j) (1[k = j] - pi_j) for each logit j. */
function categoricalOutcomes(objective: Objective, values: readonly number[], baselines: readonly number[]) {
  const pi = softmax(objective.theta);
  return pi.map((prob, k) => ({
    prob,
    estimate: pi.map((pj, j) => (values[k] - baselines[j]) * ((k === j ? 1 : 0) - pj)),
  }));
}

test('baseline=optimal on categorical objectives: exact mean and variance by enumeration, b_j the minimiser', () => {
  const logits = [0.5, -1, 0.2, 1];
  const target = [0.3, 0.9, 0.1, 0.6];
  const reward = [1, -2, 3, 0.5];
  const cases: [Objective, number[]][] = [
    [
      categoricalQuadratic.create({ kind: 'categorical-quadratic', logits, target }),
      logits.map((_, c) => target.reduce((acc, t, i) => acc + ((i === c ? 1 : 0) - t) ** 2, 0)),
    ],
    [categoricalLinear.create({ kind: 'categorical-linear', logits, reward }), reward],
  ];
  for (const [objective, values] of cases) {
    const baselines = objective.optimalBaseline?.() ?? [];
    const exact = exactMoments(categoricalOutcomes(objective, values, baselines));
    // Moving any b_j raises its variance.
    for (const shift of [-0.01, 0.01]) {
      const moved = exactMoments(categoricalOutcomes(objective, values, baselines.map((b) => b + shift)));
      moved.variance.forEach((v, j) => assert.ok(v > exact.variance[j], `${objective.kind} b[${j}] is not the minimiser`));
    }
    const columns = estimateColumns(objective, reinforceBaseline, { trials: 20000, samples: 5, options: { baseline: 'optimal' } });
    columns.forEach((column, j) => {
      assert.ok(Math.abs(exact.mean[j] - objective.trueGrad()[j]) < 1e-12);
      assertMean(column, objective.trueGrad()[j], `${objective.kind} alpha[${j}]`);
      assertVariance(column, exact.variance[j] / 5, `${objective.kind} alpha[${j}]`);
    });
  }
});

/** The two outcomes of the Bernoulli toy (b - 0.3)^2 at logit 1.2 with baseline b; score b - p in the logit, (b - p) / (p (1 - p)) in the probability. */
function bernoulliOutcomes(p: number, baseline: number, param: 'logit' | 'prob') {
  const scale = param === 'logit' ? 1 : 1 / (p * (1 - p));
  return [1, 0].map((x) => ({ prob: x ? p : 1 - p, estimate: [((x - 0.3) ** 2 - baseline) * (x - p) * scale] }));
}

for (const param of ['logit', 'prob'] as const) {
  const objective = bernoulliQuadratic.create({ kind: 'bernoulli-quadratic', logit: 1.2, target: 0.3, param });
  const p = 1 / (1 + Math.exp(-1.2));

  test(`baseline=mean on the Bernoulli toy (${param}): exact variance by enumeration`, () => {
    const exact = exactMoments(bernoulliOutcomes(p, objective.expectation(), param));
    const [column] = estimateColumns(objective, reinforceBaseline, { trials: 40000, options: { baseline: 'mean' } });
    assertMean(column, objective.trueGrad()[0], `mean ${param}`);
    assertVariance(column, exact.variance[0], `mean ${param}`);
  });

  test(`baseline=optimal on the Bernoulli toy (${param}): two outcomes, so every estimate is the exact gradient`, () => {
    const exact = exactMoments(bernoulliOutcomes(p, objective.optimalBaseline?.()[0] as number, param));
    assert.ok(exact.variance[0] < 1e-15, `exact variance ${exact.variance[0]}`);
    const truth = objective.trueGrad()[0];
    const [column] = estimateColumns(objective, reinforceBaseline, { trials: 1000, options: { baseline: 'optimal' } });
    for (const value of column) assert.ok(Math.abs(value - truth) < 1e-6 * Math.abs(truth), `${value} vs ${truth}`);
  });
}

test('baseline=mean is unbiased on gaussian-cos', () => {
  const objective = gaussianCos.create({ kind: 'gaussian-cos', mu: 0.3, sigma: 0.8, k: 2 });
  const columns = estimateColumns(objective, reinforceBaseline, { trials: 4000, samples: 20, options: { baseline: 'mean' } });
  columns.forEach((column, j) => assertMean(column, objective.trueGrad()[j], `mean baseline theta[${j}]`));
});

test('baseline=loo on gaussian-quadratic: unbiased, and the weighted sufficient statistics give the per-sample estimates to float32 rounding', () => {
  const objective = gaussianQuadratic.create({ kind: 'gaussian-quadratic', mu: 1, sigma: 1.5, k: 0 });
  // The same objective with its Normal weighted per sample (the Distribution default).
  const perSample: Objective = {
    ...objective,
    distribution: (theta) => {
      const normal = objective.distribution(theta);
      return { noise: normal.noise, hasRsample: normal.hasRsample, sample: (e) => normal.sample(e), logProb: (x) => normal.logProb(x), sumLogProb: (x) => normal.sumLogProb(x) };
    },
  };
  const options = { trials: 4000, samples: 50, options: { baseline: 'loo' } };
  const columns = estimateColumns(objective, reinforceBaseline, options);
  const reference = estimateColumns(perSample, reinforceBaseline, options);
  columns.forEach((column, j) => {
    assertMean(column, objective.trueGrad()[j], `loo d/dtheta[${j}]`);
    const spread = Math.max(...(reference[j] as Float64Array).map(Math.abs));
    column.forEach((value, t) => assert.ok(Math.abs(value - (reference[j]?.[t] as number)) <= 1e-5 * spread, `theta[${j}] trial ${t}: ${value} vs ${reference[j]?.[t]}`));
  });
});

test('unsupported: loo needs n >= 2, optimal needs the objective to provide its baseline', () => {
  const objective = gaussianQuadratic.create({ kind: 'gaussian-quadratic', mu: 1, sigma: 1, k: 0 });
  const { optimalBaseline: _, ...without } = objective;
  const check = (o: Objective, baseline: 'loo' | 'mean' | 'optimal', samples: number) =>
    reinforceBaseline.unsupported?.({ objective: o, options: { baseline }, samples });
  assert.equal(check(objective, 'loo', 1), 'needs samples >= 2 (baseline=loo)');
  assert.equal(check(objective, 'loo', 2), undefined);
  assert.equal(check(objective, 'mean', 1), undefined);
  assert.equal(check(objective, 'optimal', 1), undefined);
  assert.match(check(without, 'optimal', 1) ?? '', /baseline=optimal needs the exact optimal baseline, which gaussian-quadratic does not provide/);
  assert.equal(check(without, 'mean', 1), undefined);
});

function experiment(estimators: unknown[]) {
  return {
    name: 't',
    trials: 10,
    objective: { kind: 'gaussian-quadratic', mu: 1, sigma: 1, k: 0 },
    grid: { estimator: estimators, samples: [1, 4] },
  };
}

test('planCells skips loo at n = 1 with its reason and keeps the oracle baselines there', () => {
  const result = validateExperiment(
    experiment([
      { name: 'reinforce-baseline', baseline: 'loo' },
      { name: 'reinforce-baseline', baseline: 'mean' },
      { name: 'reinforce-baseline', baseline: 'optimal' },
    ]),
  );
  assert.ok(result.ok);
  const plan = planCells(result.experiment);
  assert.deepEqual(
    plan.cells.map((c) => `${c.choice.label}@${c.samples}`),
    [
      'reinforce-baseline(baseline=loo)@4',
      'reinforce-baseline(baseline=mean)@1',
      'reinforce-baseline(baseline=mean)@4',
      'reinforce-baseline(baseline=optimal)@1',
      'reinforce-baseline(baseline=optimal)@4',
    ],
  );
  assert.deepEqual(plan.skipped, [
    { estimator: 'reinforce-baseline(baseline=loo)', reason: 'needs samples >= 2 (baseline=loo)', count: 1 },
  ]);
});

test('an unknown baseline is a validation issue at its key naming the allowed values', () => {
  const result = validateExperiment(experiment(['reinforce', { name: 'reinforce-baseline', baseline: 'oracle' }]));
  assert.ok(!result.ok);
  assert.equal(result.issues.length, 1);
  const [issue] = result.issues;
  assert.deepEqual(issue.path, ['grid', 'estimator', 1, 'baseline']);
  for (const allowed of ['loo', 'mean', 'optimal']) assert.match(issue.message, new RegExp(`"${allowed}"`));
});

test('the default baseline is loo', () => {
  const result = validateExperiment(experiment(['reinforce-baseline']));
  assert.ok(result.ok);
  assert.deepEqual(result.experiment.estimators[0]?.options, { baseline: 'loo' });
});

test('baseline=loo stays within float32 rounding of f where f is nearly constant (Bernoulli toy, t = 0.499, n = 10^4)', () => {
  // f is 0.249001 or 0.251001, so the estimate is a small difference. Without centring f per
  // chunk, rounding in the float32 backward pass biased every estimate by 1% (100 spreads);
  // what is left comes from f itself in float32 (f_1 - f_0 = 0.002 to about 1e-5).
  const t = 0.499;
  const trials = 20;
  const samples = 10_000;
  const seed = 3;
  const objective = bernoulliQuadratic.create({ kind: 'bernoulli-quadratic', logit: 0, target: t });
  const [engine] = estimateColumns(objective, reinforceBaseline, { trials, samples, seed, options: { baseline: 'loo' } });
  // The same estimates in float64 from the same uniforms: b = 1[logistic(u) > 0], s = b - 1/2.
  const reference = Float64Array.from({ length: trials }, (_, trial) => {
    const u = new Float32Array(samples);
    new NoiseStream(trialSeed(seed, trial)).fillUniform(u, 0, samples);
    const b = Array.from(u, (v) => (logisticOf(v) > 0 ? 1 : 0));
    const f = b.map((x) => (x - t) ** 2);
    const total = f.reduce((a, x) => a + x, 0);
    return f.reduce((a, fi, i) => a + (fi - (total - fi) / (samples - 1)) * ((b[i] as number) - 0.5), 0) / samples;
  });
  const differences = Array.from(reference, (x, i) => ((engine as Float64Array)[i] as number) - x);
  const spread = (values: ArrayLike<number>) => {
    const list = Array.from(values);
    const mean = list.reduce((a, x) => a + x, 0) / list.length;
    return { mean, sd: Math.sqrt(list.reduce((a, x) => a + (x - mean) ** 2, 0) / (list.length - 1)) };
  };
  const across = spread(reference).sd;
  const error = spread(differences);
  assert.ok(Math.abs(error.mean) < 0.25 * across, `bias ${error.mean} against a spread of ${across} across trials`);
  assert.ok(error.sd < 0.5 * across, `rounding spread ${error.sd} against a spread of ${across} across trials`);
});
