import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rebar } from '../../src/estimators/rebar.js';
import { validateExperiment } from '../../src/experiment/validate.js';
import { bernoulliQuadratic } from '../../src/objectives/bernoulli-quadratic.js';
import { softmax } from '../../src/objectives/categorical-logits.js';
import { categoricalQuadratic } from '../../src/objectives/categorical-quadratic.js';
import { estimateColumns } from '../helpers/estimates.js';
import { exactMoments, integrate } from '../helpers/exact-moments.js';
import { assertMean, assertVariance } from '../helpers/statistics.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Exact mean and variance of single-sample REBAR on f(b) = (b - t)^2 at logit alpha, by
 * quadrature in float64, written independently of the tfjs code: u gives z = alpha + logit(u)
 * and b = 1[u > 1 - theta]; v gives z~ from u conditioned on b; derivatives by central
 * differences in alpha. The estimate is A(u) + B(b, v), so 1-D integrals suffice.
 */
function rebarReference(alpha: number, t: number, eta: number, tau: number) {
  const f = (y: number) => (y - t) ** 2;
  const relaxed = (z: number) => f(sigmoid(z / tau));
  const dAlpha = (g: (a: number) => number) => (g(alpha + 1e-5) - g(alpha - 1e-5)) / 2e-5;
  const theta = sigmoid(alpha);
  const zTilde = (a: number, v: number, b: number) => {
    const u = b ? 1 - sigmoid(a) * (1 - v) : v * (1 - sigmoid(a));
    return a + Math.log(u / (1 - u));
  };
  const A = (u: number, b: number) =>
    f(b) * (b - theta) + eta * dAlpha((a) => relaxed(a + Math.log(u / (1 - u))));
  const B = (v: number, b: number) =>
    -eta * relaxed(zTilde(alpha, v, b)) * (b - theta) - eta * dAlpha((a) => relaxed(zTilde(a, v, b)));
  let mean = 0;
  let second = 0;
  for (const [b, lo, hi] of [
    [0, 0, 1 - theta],
    [1, 1 - theta, 1],
  ]) {
    const prob = hi - lo;
    const meanB = integrate((v) => B(v, b), 0, 1);
    const sumA = integrate((u) => A(u, b), lo, hi);
    mean += sumA + prob * meanB;
    second += integrate((u) => A(u, b) ** 2, lo, hi) + 2 * sumA * meanB + prob * integrate((v) => B(v, b) ** 2, 0, 1);
  }
  return { mean, variance: second - mean * mean };
}

const bernoulliCases = [
  { alpha: 0, t: 0.45, eta: 1, tau: 0.5 },
  { alpha: 1.3, t: 0.3, eta: 1, tau: 0.5 },
  { alpha: -0.7, t: 0.3, eta: 0.5, tau: 1 },
  { alpha: 2, t: 0.1, eta: 2, tau: 0.3 },
  { alpha: -1.5, t: 0.3, eta: 0, tau: 0.5 },
];

for (const { alpha, t, eta, tau } of bernoulliCases) {
  test(`Bernoulli REBAR at logit ${alpha}, t = ${t}, eta = ${eta}, tau = ${tau}: unbiased, variance from quadrature`, () => {
    const objective = bernoulliQuadratic.create({ kind: 'bernoulli-quadratic', logit: alpha, target: t });
    const truth = objective.trueGrad()[0];
    const reference = rebarReference(alpha, t, eta, tau);
    assert.ok(Math.abs(reference.mean - truth) < 1e-6, `reference mean ${reference.mean} vs exact ${truth}`);
    const [column] = estimateColumns(objective, rebar, { trials: 20000, options: { eta, tau } });
    assertMean(column, truth, 'rebar');
    assertVariance(column, reference.variance, 'rebar');
  });
}

test('Bernoulli REBAR with eta = 0 is REINFORCE: the quadrature matches the two-outcome variance', () => {
  const { alpha, t, tau } = bernoulliCases[4];
  const theta = sigmoid(alpha);
  const exact = exactMoments([1, 0].map((b) => ({ prob: b ? theta : 1 - theta, estimate: [(b - t) ** 2 * (b - theta)] })));
  assert.ok(Math.abs(rebarReference(alpha, t, 0, tau).variance - exact.variance[0]) < 1e-9);
});

const logits = [0.5, -1, 0.2, 1];
const target = [0.3, 0.9, 0.1, 0.6];
const categorical = categoricalQuadratic.create({ kind: 'categorical-quadratic', logits, target });

for (const options of [{}, { eta: 0.5, tau: 1 }, { eta: 2, tau: 0.2 }]) {
  test(`categorical REBAR ${JSON.stringify(options)}: mean matches the exact gradient`, () => {
    const columns = estimateColumns(categorical, rebar, { trials: 20000, options });
    columns.forEach((column, j) => assertMean(column, categorical.trueGrad()[j], `rebar alpha[${j}]`));
  });
}

test('categorical REBAR with eta = 0 is REINFORCE: exact variance by enumeration', () => {
  const pi = softmax(logits);
  const exact = exactMoments(
    pi.map((prob, k) => {
      const f = target.reduce((acc, ti, i) => acc + ((i === k ? 1 : 0) - ti) ** 2, 0);
      return { prob, estimate: pi.map((pj, j) => f * ((k === j ? 1 : 0) - pj)) };
    }),
  );
  const columns = estimateColumns(categorical, rebar, { trials: 4000, samples: 20, options: { eta: 0 } });
  columns.forEach((column, j) => {
    assertMean(column, categorical.trueGrad()[j], `rebar eta=0 alpha[${j}]`);
    assertVariance(column, exact.variance[j] / 20, `rebar eta=0 alpha[${j}]`);
  });
});

/**
 * The same for K = 2 classes by 2-D quadrature (midpoint rule on N x N grids of (u0, u1) and
 * of (v0, v1)): z = log pi + Gumbel(u), b = argmax z; z~_b = -log E_b, z~_i = -log(E_i / pi_i + E_b)
 * with E = -log v; per logit j, derivatives by central differences.
 */
function categoricalRebarReference(logits: number[], t: number[], eta: number, tau: number, n = 500) {
  const f = (y: number[]) => y.reduce((acc, yi, i) => acc + (yi - t[i]) ** 2, 0);
  const relaxed = (z: number[]) => f(softmax(z.map((zi) => zi / tau)));
  const logPi = (a: number[]) => {
    const pi = softmax(a);
    return pi.map(Math.log);
  };
  const pi = softmax(logits);
  const base = logPi(logits);
  const dLogit = (j: number, g: (a: number[]) => number) => {
    const shifted = (h: number) => logits.map((a, i) => (i === j ? a + h : a));
    return (g(shifted(1e-5)) - g(shifted(-1e-5))) / 2e-5;
  };
  const zTilde = (a: number[], e: number[], b: number) => {
    const p = softmax(a);
    return e.map((ei, i) => (i === b ? -Math.log(e[b]) : -Math.log(ei / p[i] + e[b])));
  };
  const cells = Array.from({ length: n }, (_, i) => (i + 0.5) / n);
  const k = logits.length;
  const moments = logits.map((_, j) => {
    // Per b: probability, integral of A, of A^2; then of B and B^2 over v.
    const prob = [0, 0];
    const sumA = [0, 0];
    let sumA2 = 0;
    for (const u0 of cells) {
      for (const u1 of cells) {
        const gumbel = [u0, u1].map((u) => -Math.log(-Math.log(u)));
        const z = base.map((l, i) => l + gumbel[i]);
        const b = z[0] > z[1] ? 0 : 1;
        const a =
          f([0, 1].map((i) => (i === b ? 1 : 0))) * ((b === j ? 1 : 0) - pi[j]) +
          eta * dLogit(j, (x) => relaxed(logPi(x).map((l, i) => l + gumbel[i])));
        prob[b] += 1 / (n * n);
        sumA[b] += a / (n * n);
        sumA2 += (a * a) / (n * n);
      }
    }
    let mean = sumA[0] + sumA[1];
    let second = sumA2;
    for (const b of [0, 1]) {
      let sumB = 0;
      let sumB2 = 0;
      for (const v0 of cells) {
        for (const v1 of cells) {
          const e = [v0, v1].map((v) => -Math.log(v));
          const value =
            -eta * relaxed(zTilde(logits, e, b)) * ((b === j ? 1 : 0) - pi[j]) -
            eta * dLogit(j, (x) => relaxed(zTilde(x, e, b)));
          sumB += value / (n * n);
          sumB2 += (value * value) / (n * n);
        }
      }
      mean += prob[b] * sumB;
      second += 2 * sumA[b] * sumB + prob[b] * sumB2;
    }
    return { mean, variance: second - mean * mean };
  });
  assert.equal(k, 2);
  return moments;
}

test('categorical REBAR with K = 2: unbiased, variance from 2-D quadrature', () => {
  const logits2 = [0.8, -0.4];
  const target2 = [0.2, 0.7];
  const objective = categoricalQuadratic.create({ kind: 'categorical-quadratic', logits: logits2, target: target2 });
  const reference = categoricalRebarReference(logits2, target2, 1, 0.5);
  const columns = estimateColumns(objective, rebar, { trials: 20000, options: { eta: 1, tau: 0.5 } });
  columns.forEach((column, j) => {
    const truth = objective.trueGrad()[j];
    // The midpoint rule is O(1/N) where b jumps: a check of the reference, not of the estimator.
    assert.ok(Math.abs(reference[j].mean - truth) < 1e-2 * Math.abs(truth), `reference mean ${reference[j].mean} vs ${truth}`);
    assertMean(column, truth, `rebar alpha[${j}]`);
    assertVariance(column, reference[j].variance, `rebar alpha[${j}]`);
  });
});

function experiment(entry: unknown) {
  return {
    name: 't',
    objective: { kind: 'bernoulli-quadratic', logit: 0, target: 0.45 },
    grid: { estimator: [entry], samples: [1] },
  };
}

test('options: defaults eta = 1, tau = 0.5; tau must be > 0; the grid temperature is not required', () => {
  const defaults = validateExperiment(experiment('rebar'));
  assert.ok(defaults.ok);
  assert.deepEqual(defaults.experiment.estimators[0]?.options, { eta: 1, tau: 0.5 });
  const bad = validateExperiment(experiment({ name: 'rebar', tau: 0 }));
  assert.ok(!bad.ok);
  assert.deepEqual(
    bad.issues.map((i) => i.path),
    [['grid', 'estimator', 0, 'tau']],
  );
  const labelled = validateExperiment(experiment({ name: 'rebar', eta: 0.5 }));
  assert.ok(labelled.ok);
  assert.equal(labelled.experiment.estimators[0]?.label, 'rebar(eta=0.5,tau=0.5)');
});
