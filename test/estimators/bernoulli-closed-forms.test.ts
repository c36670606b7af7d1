import { test } from 'node:test';
import { gumbelSoftmax } from '../../src/estimators/gumbel-softmax.js';
import { reinforceBaseline } from '../../src/estimators/reinforce-baseline.js';
import { reinforce } from '../../src/estimators/reinforce.js';
import { stGumbelSoftmax } from '../../src/estimators/st-gumbel-softmax.js';
import { bernoulliQuadratic } from '../../src/objectives/bernoulli-quadratic.js';
import { estimateColumns } from '../helpers/estimates.js';
import { assertMean, assertVariance } from '../helpers/statistics.js';

// The REBAR/RELAX toy f(b) = (b - t)^2, b ~ Bernoulli(sigmoid(logit)), D = 1 - 2t.
const toy = (logit: number, target: number) =>
  bernoulliQuadratic.create({ kind: 'bernoulli-quadratic', logit, target });

function reinforceVariance(logit: number, t: number): number {
  const theta = 1 / (1 + Math.exp(-logit));
  const g = theta * (1 - theta) * (1 - 2 * t);
  return theta * (1 - theta) * ((1 - theta) * (1 - t) ** 4 + theta * t ** 4) - g * g;
}

test('exact gradient theta (1 - theta) D', () => {
  const [g] = toy(0, 0.45).trueGrad();
  if (Math.abs((g as number) - 0.025) > 1e-15) throw new Error(`true gradient ${g}`);
});

for (const [logit, t] of [
  [0, 0.45],
  [1.5, 0.3],
  [-2, 0.499],
]) {
  test(`REINFORCE single sample at logit ${logit}, t = ${t}: mean theta(1-theta)D, closed-form variance`, () => {
    const objective = toy(logit as number, t as number);
    const [column] = estimateColumns(objective, reinforce, { trials: 40000 });
    assertMean(column, objective.trueGrad()[0] as number, 'reinforce');
    assertVariance(column, reinforceVariance(logit as number, t as number), 'reinforce');
  });
}

test('REINFORCE at logit 0, t = 0.45 matches the quoted mean 0.025 and variance 0.015939', () => {
  const [column] = estimateColumns(toy(0, 0.45), reinforce, { trials: 40000, seed: 3 });
  assertMean(column, 0.025, 'reinforce');
  assertVariance(column, 0.015939, 'reinforce');
});

for (const n of [2, 5, 20]) {
  test(`leave-one-out baseline at logit 0, n = ${n}: unbiased with Var = D^2 / (8 n (n - 1))`, () => {
    const objective = toy(0, 0.45);
    const [column] = estimateColumns(objective, reinforceBaseline, { trials: 20000, samples: n, options: { baseline: 'loo' } });
    assertMean(column, 0.025, 'loo');
    assertVariance(column, 0.1 ** 2 / (8 * n * (n - 1)), 'loo');
  });
}

const relaxed = [
  { estimator: gumbelSoftmax, tau: 0.5, mean: 0.02146, variance: 0.01424 },
  { estimator: gumbelSoftmax, tau: 1, mean: 0.01667, variance: 0.00482 },
  { estimator: stGumbelSoftmax, tau: 0.5, mean: undefined, variance: 0.0779 },
];
for (const { estimator, tau, mean, variance } of relaxed) {
  test(`${estimator.name} at logit 0, t = 0.45, tau = ${tau}: Var ${variance}${mean ? `, biased mean ${mean}` : ''}`, () => {
    const [column] = estimateColumns(toy(0, 0.45), estimator, { trials: 40000, temperature: tau });
    if (mean !== undefined) assertMean(column, mean, estimator.name);
    assertVariance(column, variance, estimator.name);
  });
}
