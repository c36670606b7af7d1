import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arm } from '../../src/estimators/arm.js';
import { bernoulliQuadratic } from '../../src/objectives/bernoulli-quadratic.js';
import { estimateColumns } from '../helpers/estimates.js';
import { assertMean, assertVariance } from '../helpers/statistics.js';

/**
 * Single-sample ARM variance on f(b) = (b - t)^2 at logit alpha, D = 1 - 2t, s = sigmoid(|alpha|):
 * g = D (b - b~) (u - 1/2) is +-D (u - 1/2) on |u - 1/2| > s - 1/2, so E[g^2] = (2 D^2 / 3)(1/8 - (s - 1/2)^3).
 */
function armVariance(alpha: number, t: number): number {
  const theta = 1 / (1 + Math.exp(-alpha));
  const s = 1 / (1 + Math.exp(-Math.abs(alpha)));
  const d = 1 - 2 * t;
  return ((2 * d * d) / 3) * (1 / 8 - (s - 0.5) ** 3) - (theta * (1 - theta) * d) ** 2;
}

test('the quoted value: ARM Var = 2.083e-4 at alpha = 0, t = 0.45', () => {
  assert.ok(Math.abs(armVariance(0, 0.45) - 2.0833e-4) < 1e-8);
});

for (const [alpha, t] of [
  [0, 0.45],
  [1.3, 0.3],
  [-0.7, 0.3],
  [2.5, 0.1],
]) {
  test(`ARM at logit ${alpha}, t = ${t}: unbiased, closed-form variance`, () => {
    const objective = bernoulliQuadratic.create({ kind: 'bernoulli-quadratic', logit: alpha, target: t });
    const [column] = estimateColumns(objective, arm, { trials: 20000 });
    assertMean(column, objective.trueGrad()[0], 'arm');
    assertVariance(column, armVariance(alpha, t), 'arm');
  });
}

test('ARM in the probability: the logit estimate over theta (1 - theta)', () => {
  const alpha = 1.3;
  const theta = 1 / (1 + Math.exp(-alpha));
  const objective = bernoulliQuadratic.create({ kind: 'bernoulli-quadratic', prob: theta, target: 0.3, param: 'prob' });
  const [column] = estimateColumns(objective, arm, { trials: 20000 });
  assertMean(column, objective.trueGrad()[0], 'arm prob');
  assertVariance(column, armVariance(alpha, 0.3) / (theta * (1 - theta)) ** 2, 'arm prob');
});
