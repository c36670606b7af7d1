import assert from 'node:assert/strict';
import { test } from 'node:test';
import { straightThrough } from '../../src/estimators/straight-through.js';
import { bernoulliQuadratic } from '../../src/objectives/bernoulli-quadratic.js';
import { softmax } from '../../src/objectives/categorical-logits.js';
import { categoricalLinear } from '../../src/objectives/categorical-linear.js';
import { categoricalQuadratic } from '../../src/objectives/categorical-quadratic.js';
import { estimateColumns } from '../helpers/estimates.js';
import { exactMoments } from '../helpers/exact-moments.js';
import { assertMean, assertVariance } from '../helpers/statistics.js';

// ST on f(b) = (b - t)^2: f'(b) dp/dtheta = 2 (b - t) p (1 - p) in the logit, 2 (b - t) in the probability.
for (const [logit, t] of [
  [0, 0.45],
  [1.5, 0.3],
  [-2, 0.8],
]) {
  const p = 1 / (1 + Math.exp(-logit));
  test(`Bernoulli at logit ${logit}, t = ${t}: mean 2 (p - t) p (1 - p), Var 4 p^3 (1 - p)^3`, () => {
    const objective = bernoulliQuadratic.create({ kind: 'bernoulli-quadratic', logit, target: t });
    const [column] = estimateColumns(objective, straightThrough, { trials: 20000 });
    assertMean(column, 2 * (p - t) * p * (1 - p), 'st logit');
    assertVariance(column, 4 * p ** 3 * (1 - p) ** 3, 'st logit');
  });

  test(`Bernoulli in the probability at logit ${logit}, t = ${t}: mean 2 (p - t), Var 4 p (1 - p)`, () => {
    const objective = bernoulliQuadratic.create({ kind: 'bernoulli-quadratic', prob: p, target: t, param: 'prob' });
    const [column] = estimateColumns(objective, straightThrough, { trials: 20000 });
    assertMean(column, 2 * (p - t), 'st prob');
    assertVariance(column, 4 * p * (1 - p), 'st prob');
  });
}

test('categorical-quadratic: exact biased mean and variance by enumeration of the K classes', () => {
  const logits = [0.5, -1, 0.2, 1];
  const target = [0.3, 0.9, 0.1, 0.6];
  const objective = categoricalQuadratic.create({ kind: 'categorical-quadratic', logits, target });
  const pi = softmax(logits);
  // Class k: g = 2 (e_k - t); the softmax Jacobian gives pi_j (g_j - pi . g).
  const exact = exactMoments(
    pi.map((prob, k) => {
      const g = target.map((ti, i) => 2 * ((i === k ? 1 : 0) - ti));
      const mean = pi.reduce((acc, p, i) => acc + p * g[i], 0);
      return { prob, estimate: pi.map((pj, j) => pj * (g[j] - mean)) };
    }),
  );
  const columns = estimateColumns(objective, straightThrough, { trials: 20000 });
  columns.forEach((column, j) => {
    assertMean(column, exact.mean[j], `st alpha[${j}]`);
    assertVariance(column, exact.variance[j], `st alpha[${j}]`);
  });
  assert.ok(exact.mean.some((m, j) => Math.abs(m - objective.trueGrad()[j]) > 0.01), 'biased on a nonlinear f');
});

test('categorical-linear: f is linear, so every ST estimate is the exact gradient', () => {
  const objective = categoricalLinear.create({ kind: 'categorical-linear', probs: [0.2, 0.3, 0.5], reward: [1, -2, 3] });
  const columns = estimateColumns(objective, straightThrough, { trials: 500, samples: 3 });
  columns.forEach((column, j) => {
    const truth = objective.trueGrad()[j];
    for (const value of column) assert.ok(Math.abs(value - truth) < 1e-5, `alpha[${j}]: ${value} vs ${truth}`);
  });
});
