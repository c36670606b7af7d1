import assert from 'node:assert/strict';
import { test } from 'node:test';
import { disarm } from '../../src/estimators/disarm.js';
import { bernoulliQuadratic } from '../../src/objectives/bernoulli-quadratic.js';
import { estimateColumns } from '../helpers/estimates.js';
import { assertMean, assertVariance } from '../helpers/statistics.js';

/**
 * Single-sample DisARM variance on f(b) = (b - t)^2, D = 1 - 2t, s = sigmoid(|alpha|): g = D s / 2
 * when the antithetic pair differs (probability 2 (1 - s)), else 0, so Var = D^2 s^2 (1 - s)(s - 1/2).
 */
function disarmVariance(alpha: number, t: number): number {
  const s = 1 / (1 + Math.exp(-Math.abs(alpha)));
  return (1 - 2 * t) ** 2 * s * s * (1 - s) * (s - 0.5);
}

test('at logit 0 the pair always differs: every DisARM estimate is the exact gradient D / 4', () => {
  const objective = bernoulliQuadratic.create({ kind: 'bernoulli-quadratic', logit: 0, target: 0.45 });
  assert.equal(disarmVariance(0, 0.45), 0);
  const [column] = estimateColumns(objective, disarm, { trials: 2000 });
  for (const value of column) assert.ok(Math.abs(value - 0.025) < 1e-8, `${value}`);
});

for (const [alpha, t] of [
  [1.3, 0.3],
  [-0.7, 0.3],
  [2.5, 0.1],
]) {
  test(`DisARM at logit ${alpha}, t = ${t}: unbiased, Var D^2 s^2 (1 - s)(s - 1/2)`, () => {
    const objective = bernoulliQuadratic.create({ kind: 'bernoulli-quadratic', logit: alpha, target: t });
    const [column] = estimateColumns(objective, disarm, { trials: 20000 });
    assertMean(column, objective.trueGrad()[0], 'disarm');
    assertVariance(column, disarmVariance(alpha, t), 'disarm');
  });
}

test('DisARM in the probability: the logit estimate over theta (1 - theta)', () => {
  const alpha = -0.7;
  const theta = 1 / (1 + Math.exp(-alpha));
  const objective = bernoulliQuadratic.create({ kind: 'bernoulli-quadratic', prob: theta, target: 0.3, param: 'prob' });
  const [column] = estimateColumns(objective, disarm, { trials: 20000 });
  assertMean(column, objective.trueGrad()[0], 'disarm prob');
  assertVariance(column, disarmVariance(alpha, 0.3) / (theta * (1 - theta)) ** 2, 'disarm prob');
});
