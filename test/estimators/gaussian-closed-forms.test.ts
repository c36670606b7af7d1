import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathwise } from '../../src/estimators/pathwise.js';
import { reinforce } from '../../src/estimators/reinforce.js';
import { gaussianQuadratic } from '../../src/objectives/gaussian-quadratic.js';
import { estimateColumns } from '../helpers/estimates.js';
import { assertMean, assertVariance } from '../helpers/statistics.js';

// Single-sample closed forms for f(x) = (x - k)^2, x ~ N(mu, sigma^2), d = mu - k.
const pathwiseVariance = (d: number, s: number) => [4 * s * s, 4 * d * d + 8 * s * s];
const scoreVariance = (d: number, s: number) => [
  d ** 4 / s ** 2 + 14 * d * d + 15 * s * s,
  (2 * d ** 4) / s ** 2 + 60 * d * d + 74 * s * s,
];

const points = [
  { mu: 1, sigma: 1, k: 0 }, // 4, 12, 30, 136
  { mu: 1, sigma: 1, k: -3 }, // 4, 72, 495, 1546
  { mu: -0.5, sigma: 2, k: 0.5 },
];

for (const { mu, sigma, k } of points) {
  const objective = gaussianQuadratic.create({ kind: 'gaussian-quadratic', mu, sigma, k });
  const d = mu - k;

  test(`pathwise on (x - ${k})^2, mu=${mu}, sigma=${sigma}: means 2d, 2 sigma and variances 4 sigma^2, 4d^2 + 8 sigma^2`, () => {
    const columns = estimateColumns(objective, pathwise, { trials: 20000, samples: 1 });
    const variances = pathwiseVariance(d, sigma);
    ['mu', 'sigma'].forEach((name, j) => {
      assertMean(columns[j], objective.trueGrad()[j], `pathwise d/d${name}`);
      assertVariance(columns[j], variances[j], `pathwise d/d${name}`);
    });
  });

  test(`REINFORCE on (x - ${k})^2, mu=${mu}, sigma=${sigma}: score-function variances (divided by n)`, () => {
    // n = 50 samples per estimate tames the kurtosis of single-sample score estimates.
    const n = 50;
    const columns = estimateColumns(objective, reinforce, { trials: 8000, samples: n });
    const variances = scoreVariance(d, sigma);
    ['mu', 'sigma'].forEach((name, j) => {
      assertMean(columns[j], objective.trueGrad()[j], `reinforce d/d${name}`);
      assertVariance(columns[j], variances[j] / n, `reinforce d/d${name}`);
    });
  });
}

test('log_sigma parameterisation: gradient sigma times larger, variance sigma^2 times larger', () => {
  const sigma = 2;
  const objective = gaussianQuadratic.create({ kind: 'gaussian-quadratic', mu: 1, sigma, k: 0, param: 'log_sigma' });
  const [, logSigma] = estimateColumns(objective, pathwise, { trials: 20000 });
  assertMean(logSigma, 2 * sigma * sigma, 'pathwise d/dlog sigma');
  assertVariance(logSigma, sigma * sigma * pathwiseVariance(1, sigma)[1], 'pathwise d/dlog sigma');
});

test('REINFORCE on the Gaussian sums its scores from weighted sufficient statistics: the per-sample surrogate estimates to float32 rounding', () => {
  const objective = gaussianQuadratic.create({ kind: 'gaussian-quadratic', mu: 1, sigma: 1.5, k: -3 });
  assert.ok(reinforce.pooled?.({}, objective), 'Gaussian REINFORCE runs in its pooled form');
  const perSample = { ...reinforce, pooled: undefined };
  const options = { trials: 2000, samples: 50 };
  const columns = estimateColumns(objective, reinforce, options);
  const reference = estimateColumns(objective, perSample, options);
  columns.forEach((column, j) => {
    const spread = Math.max(...(reference[j] as Float64Array).map(Math.abs));
    column.forEach((value, t) => assert.ok(Math.abs(value - (reference[j]?.[t] as number)) <= 1e-5 * spread, `theta[${j}] trial ${t}: ${value} vs ${reference[j]?.[t]}`));
  });
});
