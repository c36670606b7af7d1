import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureValued } from '../../src/estimators/measure-valued.js';
import { gaussianCos } from '../../src/objectives/gaussian-cos.js';
import { gaussianQuadratic } from '../../src/objectives/gaussian-quadratic.js';
import { estimateColumns } from '../helpers/estimates.js';
import { assertMean, assertVariance } from '../helpers/statistics.js';

// Coupled single-sample closed forms for f(x) = (x - k)^2, d = mu - k (Mohamed et al. 2020):
// mu: 4 d R / sqrt(2 pi), R Rayleigh; sigma: 2 d M (1 - U) + sigma M^2 (1 - U^2), M double-sided Maxwell.
const variances = (d: number, s: number) => [(4 * d * d * (4 - Math.PI)) / Math.PI, 4 * d * d + 4 * s * s];

for (const [mu, sigma, k] of [
  [1, 1, 0],
  [-0.5, 2, 1.5],
]) {
  test(`coupled MVD on (x - ${k})^2, mu=${mu}, sigma=${sigma}: unbiased, Var 4d^2 (4 - pi) / pi and 4d^2 + 4 sigma^2`, () => {
    const objective = gaussianQuadratic.create({ kind: 'gaussian-quadratic', mu, sigma, k });
    const columns = estimateColumns(objective, measureValued, { trials: 40000 });
    const expected = variances(mu - k, sigma);
    ['mu', 'sigma'].forEach((name, j) => {
      assertMean(columns[j], objective.trueGrad()[j], `mvd d/d${name}`);
      assertVariance(columns[j], expected[j], `mvd d/d${name}`);
    });
  });
}

test('at k = mu the coupled mu estimate is exactly 0 and Var sigma = 4 sigma^2', () => {
  const sigma = 1.5;
  const objective = gaussianQuadratic.create({ kind: 'gaussian-quadratic', mu: 0, sigma, k: 0 });
  const [mu, scale] = estimateColumns(objective, measureValued, { trials: 40000 });
  assert.ok(mu.every((v) => v === 0), 'coupling cancels f(mu + sigma R) - f(mu - sigma R)');
  assertMean(scale, 2 * sigma, 'mvd d/dsigma');
  assertVariance(scale, 4 * sigma * sigma, 'mvd d/dsigma');
});

test('log_sigma: the chain rule through sigma = exp(theta) multiplies the estimate by sigma', () => {
  const sigma = 2;
  const objective = gaussianQuadratic.create({ kind: 'gaussian-quadratic', mu: 1, sigma, k: 0, param: 'log_sigma' });
  const [, logSigma] = estimateColumns(objective, measureValued, { trials: 40000 });
  assertMean(logSigma, 2 * sigma * sigma, 'mvd d/dlog sigma');
  assertVariance(logSigma, sigma * sigma * variances(1, sigma)[1], 'mvd d/dlog sigma');
});

test('unbiased on gaussian-cos', () => {
  for (const config of [
    { mu: 0.3, sigma: 0.8, k: 2 },
    { mu: -1, sigma: 1.5, k: 0.6 },
  ]) {
    const objective = gaussianCos.create({ kind: 'gaussian-cos', ...config });
    const columns = estimateColumns(objective, measureValued, { trials: 4000, samples: 10 });
    columns.forEach((column, j) => assertMean(column, objective.trueGrad()[j], `mvd cos theta[${j}]`));
  }
});
