import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chiSquareGoodnessOfFit, chiSquareSurvival, logGamma, regularizedGammaQ } from '../../src/stats/chi-square.js';
import { wilsonInterval } from '../../src/sampling/sampling-check.js';
import { fitLogLogSlope } from '../../src/stats/slope.js';

const close = (actual: number, expected: number, rel: number, label: string) =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${label}: ${actual} vs ${expected}`);

test('chi-square survival at tabulated critical values', () => {
  // Upper 5% and 1% points of chi-square with 1 and 7 degrees of freedom.
  close(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-10, 'df 1, 5%');
  close(chiSquareSurvival(6.634896601021214, 1), 0.01, 1e-10, 'df 1, 1%');
  close(chiSquareSurvival(14.067140449340169, 7), 0.05, 1e-10, 'df 7, 5%');
  close(chiSquareSurvival(18.475306906582357, 7), 0.01, 1e-10, 'df 7, 1%');
});

test('chi-square survival equals the closed form for even degrees of freedom, in the body and far in the tail', () => {
  // dof = 2m: P(X >= x) = exp(-x/2) sum_{i<m} (x/2)^i / i!
  const even = (x: number, m: number) => {
    let term = 1;
    let sum = 1;
    for (let i = 1; i < m; i++) sum += (term *= x / 2 / i);
    return Math.exp(-x / 2) * sum;
  };
  for (const m of [1, 2, 4, 10]) {
    for (const x of [0.01, 0.5, 2 * m - 0.3, 2 * m + 2.7, 30, 120]) close(chiSquareSurvival(x, 2 * m), even(x, m), 1e-12, `dof ${2 * m}, x ${x}`);
  }
  assert.equal(chiSquareSurvival(0, 7), 1);
  assert.equal(chiSquareSurvival(Number.POSITIVE_INFINITY, 7), 0);
});

test('log gamma and Q(1/2, x) = erfc(sqrt x) at known values', () => {
  close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14, 'ln Gamma(1/2)');
  close(logGamma(10), Math.log(362880), 1e-14, 'ln Gamma(10)');
  // erfc(1) and erfc(2)
  close(regularizedGammaQ(0.5, 1), 0.15729920705028513, 1e-12, 'erfc(1)');
  close(regularizedGammaQ(0.5, 4), 0.004677734981047266, 1e-12, 'erfc(2)');
});

test('goodness of fit: statistic by hand, K - 1 degrees of freedom', () => {
  const fit = chiSquareGoodnessOfFit([30, 50, 20], [0.25, 0.5, 0.25]);
  assert.equal(fit.statistic, (30 - 25) ** 2 / 25 + 0 + (20 - 25) ** 2 / 25);
  assert.equal(fit.dof, 2);
  close(fit.pValue, Math.exp(-fit.statistic / 2), 1e-12, 'p');
  assert.equal(fit.minExpected, 25);
});

test('slope fit: exact 1/n gives -1 and 1/n^2 gives -2, with the interval from the per-point errors', () => {
  const ns = [1, 3, 10, 30, 100, 300, 1000, 3000, 10000];
  const fit = fitLogLogSlope(ns.map((n) => ({ x: n, y: 0.7 / n, logSe: 0.1 })));
  assert.ok(fit);
  close(fit.slope, -1, 1e-12, 'slope');
  close(fit.intercept, Math.log(0.7), 1e-12, 'intercept');
  assert.ok(fit.reducedChiSquare < 1e-20);
  // Known errors, no scatter: se = sigma / sqrt(sum (ln x - mean)^2).
  const u = ns.map(Math.log);
  const uBar = u.reduce((a, b) => a + b, 0) / u.length;
  const se = 0.1 / Math.sqrt(u.reduce((acc, x) => acc + (x - uBar) ** 2, 0));
  close(fit.standardError, se, 1e-12, 'standard error');
  close(fit.hi - fit.lo, 2 * 1.959963984540054 * se, 1e-12, 'interval width');
  close(fitLogLogSlope(ns.map((n) => ({ x: n, y: 2 / (n * n), logSe: 0.1 })))!.slope, -2, 1e-12, 'slope -2');
});

test('slope fit: scatter beyond the stated errors widens the interval (Birge ratio); too few points give undefined', () => {
  const ns = [1, 10, 100, 1000];
  const wiggle = [1, 3, 1 / 3, 1];
  const tight = fitLogLogSlope(ns.map((n, i) => ({ x: n, y: wiggle[i]! / n, logSe: 0.01 })))!;
  assert.ok(tight.reducedChiSquare > 1);
  close(tight.standardError, Math.sqrt(tight.reducedChiSquare) * fitLogLogSlope(ns.map((n) => ({ x: n, y: 1 / n, logSe: 0.01 })))!.standardError, 1e-12, 'inflated');
  assert.equal(fitLogLogSlope([{ x: 1, y: 1, logSe: 0.1 }]), undefined);
  assert.equal(fitLogLogSlope([{ x: 1, y: 1, logSe: 0.1 }, { x: 1, y: 2, logSe: 0.1 }]), undefined);
});

test('Wilson intervals: the textbook value inside, exactly 0 and 1 at the ends', () => {
  // 5 of 10 at 95%: 0.2366 to 0.7634 (Wilson 1927; Newcombe 1998, table I).
  const mid = wilsonInterval(5, 10);
  close(mid.lo, 0.236593, 1e-5, 'lo');
  close(mid.hi, 0.763407, 1e-5, 'hi');
  assert.equal(wilsonInterval(0, 8000).lo, 0);
  assert.equal(wilsonInterval(8000, 8000).hi, 1);
  assert.ok(wilsonInterval(0, 8000).hi > 0 && wilsonInterval(8000, 8000).lo < 1);
});
