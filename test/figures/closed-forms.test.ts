import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureValued } from '../../src/estimators/measure-valued.js';
import { pathwise } from '../../src/estimators/pathwise.js';
import { reinforce } from '../../src/estimators/reinforce.js';
import { dawson } from '../../src/objectives/closed-forms/gaussian.js';
import { singleSampleVariances } from '../../src/objectives/closed-forms/index.js';
import { gaussianCos } from '../../src/objectives/gaussian-cos.js';
import { estimateColumns } from '../helpers/estimates.js';
import { integrate, normalExpectation } from '../helpers/exact-moments.js';
import { assertVariance } from '../helpers/statistics.js';

const close = (actual: number | undefined, expected: number, label: string, rel = 1e-12) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected)), `${label}: ${actual} vs ${expected}`);

const quadratic = (mu: number, sigma: number, k: number, param?: 'log_sigma') => ({ kind: 'gaussian-quadratic', mu, sigma, k, ...(param ? { param } : {}) });

// Mohamed et al. 2020, Fig. 2, and issue 7, with d = mu - k.
const formulas = {
  pathwise: (d: number, s: number) => [4 * s * s, 4 * d * d + 8 * s * s],
  reinforce: (d: number, s: number) => [d ** 4 / s ** 2 + 14 * d * d + 15 * s * s, (2 * d ** 4) / s ** 2 + 60 * d * d + 74 * s * s],
  mean: (d: number, s: number) => [8 * d * d + 10 * s * s, 40 * d * d + 56 * s * s],
  optimal: (d: number, s: number) => [8 * d * d + 6 * s * s, 40 * d * d + 24 * s * s],
  mvd: (d: number, s: number) => [(4 * d * d * (4 - Math.PI)) / Math.PI, 4 * d * d + 4 * s * s],
};

test('gaussian-quadratic overlays equal the formulas: pathwise, score function, mean and optimal baselines, measure-valued', () => {
  for (const [mu, sigma, k] of [[1, 1, -3], [1, 1, 0], [1, 1, 1], [1, 1, 3], [-0.5, 2, 0.5], [2, 0.3, -1]] as const) {
    const d = mu - k;
    const at = (estimator: string, options = {}) => singleSampleVariances(quadratic(mu, sigma, k), estimator, options);
    const cases: [string, number[] | undefined, number[]][] = [
      ['pathwise', at('pathwise'), formulas.pathwise(d, sigma)],
      ['reinforce', at('reinforce'), formulas.reinforce(d, sigma)],
      ['baseline mean', at('reinforce-baseline', { baseline: 'mean' }), formulas.mean(d, sigma)],
      ['baseline optimal', at('reinforce-baseline', { baseline: 'optimal' }), formulas.optimal(d, sigma)],
      ['measure-valued', at('measure-valued'), formulas.mvd(d, sigma)],
    ];
    for (const [name, actual, expected] of cases) {
      expected.forEach((v, j) => close(actual?.[j], v, `${name} at mu=${mu} sigma=${sigma} k=${k} param ${j}`));
    }
  }
});

test('Fig. 2 at k = -3: pathwise 4 and 72, score function 495 and 1546; measure-valued is 0 for mu at k = mu', () => {
  assert.deepEqual(singleSampleVariances(quadratic(1, 1, -3), 'pathwise'), [4, 72]);
  assert.deepEqual(singleSampleVariances(quadratic(1, 1, -3), 'reinforce'), [495, 1546]);
  assert.equal(singleSampleVariances(quadratic(1, 1, 1), 'measure-valued')?.[0], 0);
});

test('log sigma: the sigma variance is sigma^2 times larger; estimators without a closed form give undefined', () => {
  const sigma = 2;
  const plain = singleSampleVariances(quadratic(1, sigma, 0), 'pathwise') as number[];
  const logged = singleSampleVariances(quadratic(1, sigma, 0, 'log_sigma'), 'pathwise') as number[];
  assert.equal(logged[0], plain[0]);
  close(logged[1], (plain[1] as number) * sigma * sigma, 'log sigma');
  assert.equal(singleSampleVariances(quadratic(1, 1, 0), 'reinforce-baseline', { baseline: 'loo' }), undefined);
  assert.equal(singleSampleVariances(quadratic(1, 1, 0), 'gumbel-softmax'), undefined);
  assert.equal(singleSampleVariances({ kind: 'gaussian-cos', mu: 1, sigma: 1, k: 1 }, 'rebar'), undefined);
});

test('Fig. 3 (cos(kx), mu = sigma = 1): k = 5 pathwise 12.5, score function 0.5; k = 0.5: 0.0393 vs 0.455 for mu', () => {
  const cos = (k: number, estimator: string) => singleSampleVariances({ kind: 'gaussian-cos', mu: 1, sigma: 1, k }, estimator) as number[];
  close(cos(5, 'pathwise')[0], 12.5, 'pathwise k=5', 1e-9);
  close(cos(5, 'reinforce')[0], 0.5, 'score function k=5', 1e-9);
  assert.equal(Number(cos(0.5, 'pathwise')[0]?.toPrecision(3)), 0.0393);
  assert.equal(Number(cos(0.5, 'reinforce')[0]?.toPrecision(3)), 0.455);
});

test('gaussian-cos closed forms match quadrature over eps for pathwise, score function and both oracle baselines', () => {
  for (const [mu, sigma, k] of [[1, 1, 0.7], [0.3, 1.5, 2], [1, 1, 4]] as const) {
    const objective = gaussianCos.create({ kind: 'gaussian-cos', mu, sigma, k });
    const [bMu, bSigma] = objective.optimalBaseline?.() as [number, number];
    const e = objective.expectation();
    const f = (eps: number) => Math.cos(k * (mu + sigma * eps));
    const variance = (g: (eps: number) => number) => normalExpectation((eps) => g(eps) ** 2) - normalExpectation(g) ** 2;
    const estimates: [string, Record<string, unknown>, [(eps: number) => number, (eps: number) => number]][] = [
      ['pathwise', {}, [(x) => -k * Math.sin(k * (mu + sigma * x)), (x) => -k * x * Math.sin(k * (mu + sigma * x))]],
      ['reinforce', {}, [(x) => (f(x) * x) / sigma, (x) => (f(x) * (x * x - 1)) / sigma]],
      ['mean', { baseline: 'mean' }, [(x) => ((f(x) - e) * x) / sigma, (x) => ((f(x) - e) * (x * x - 1)) / sigma]],
      ['optimal', { baseline: 'optimal' }, [(x) => ((f(x) - bMu) * x) / sigma, (x) => ((f(x) - bSigma) * (x * x - 1)) / sigma]],
    ];
    for (const [name, options, [gMu, gSigma]] of estimates) {
      const estimator = name === 'pathwise' || name === 'reinforce' ? name : 'reinforce-baseline';
      const actual = singleSampleVariances({ kind: 'gaussian-cos', mu, sigma, k }, estimator, options) as number[];
      close(actual[0], variance(gMu), `${name} mu at k=${k}`, 1e-7);
      close(actual[1], variance(gSigma), `${name} sigma at k=${k}`, 1e-7);
    }
  }
});

test("Dawson's integral at known values", () => {
  // Known values of F(0.5), F(1), F(2), F(5); F(x) ~ 1/(2x) (1 + 1/(2x^2) + 3/(4x^4)) for large x.
  close(dawson(0.5), 0.4244363835020223, 'F(0.5)', 1e-14);
  close(dawson(1), 0.5380795069127684, 'F(1)', 1e-14);
  close(dawson(2), 0.301340388923792, 'F(2)', 1e-14);
  close(dawson(5), 0.1021340744242768, 'F(5)', 1e-14);
  close(dawson(-1), -0.5380795069127684, 'F(-1)', 1e-14);
  close(dawson(40) * 80, 1 + 1 / (2 * 1600) + 3 / (4 * 1600 ** 2), 'asymptotic', 1e-9);
  // The series and Rybicki's formula meet at 0.2.
  close(dawson(0.2 - 1e-12), dawson(0.2), 'continuity at 0.2', 1e-11);
});

test('gaussian-cos measure-valued closed forms match quadrature over the Rayleigh, Maxwell and uniform draws', () => {
  const mu = 1;
  const sigma = 1;
  for (const k of [0.5, 2, 4.3]) {
    const f = (x: number) => Math.cos(k * x);
    const c = 1 / (sigma * Math.sqrt(2 * Math.PI));
    // mu: c (f(mu + sigma R) - f(mu - sigma R)), R with density r exp(-r^2 / 2).
    const wMu = (r: number) => c * (f(mu + sigma * r) - f(mu - sigma * r));
    const rayleigh = (g: (r: number) => number) => integrate((r) => g(r) * r * Math.exp(-0.5 * r * r), 0, 14, 60000);
    const varMu = rayleigh((r) => wMu(r) ** 2) - rayleigh(wMu) ** 2;
    // sigma: (f(mu + sigma M) - f(mu + sigma M U)) / sigma, M with density m^2 phi(m), U uniform.
    const maxwell = (g: (m: number) => number) => integrate((m) => g(m) * m * m * Math.exp(-0.5 * m * m) / Math.sqrt(2 * Math.PI), -12, 12, 2400);
    const wSigma = (m: number, u: number) => (f(mu + sigma * m) - f(mu + sigma * m * u)) / sigma;
    const second = maxwell((m) => integrate((u) => wSigma(m, u) ** 2, 0, 1, 400));
    const first = maxwell((m) => integrate((u) => wSigma(m, u), 0, 1, 400));
    const [vMu, vSigma] = singleSampleVariances({ kind: 'gaussian-cos', mu, sigma, k }, 'measure-valued') as [number, number];
    close(vMu, varMu, `measure-valued mu at k=${k}`, 1e-6);
    close(vSigma, second - first * first, `measure-valued sigma at k=${k}`, 1e-4);
  }
});

test('gaussian-cos closed forms match the engine (pathwise, REINFORCE and measure-valued at k = 2)', () => {
  const objective = gaussianCos.create({ kind: 'gaussian-cos', mu: 1, sigma: 1, k: 2 });
  for (const estimator of [pathwise, reinforce, measureValued]) {
    const expected = singleSampleVariances({ kind: 'gaussian-cos', mu: 1, sigma: 1, k: 2 }, estimator.name) as number[];
    const columns = estimateColumns(objective, estimator, { trials: 20000, seed: 404 });
    ['mu', 'sigma'].forEach((name, j) => assertVariance(columns[j]!, expected[j]!, `${estimator.name} d/d${name}`));
  }
});

test('Bernoulli toy: ARM 2.083e-4 at logit 0, t = 0.45; DisARM 0 there; ARM and DisARM equal quadrature over u elsewhere', () => {
  const toy = (logit: number, target: number) => ({ kind: 'bernoulli-quadratic', logit, target });
  close(singleSampleVariances(toy(0, 0.45), 'arm')?.[0], 2.0833333333333333e-4, 'ARM', 1e-9);
  assert.equal(singleSampleVariances(toy(0, 0.45), 'disarm')?.[0], 0);
  for (const [logit, t] of [[0.8, 0.45], [-1.3, 0.2]] as const) {
    const f = (b: number) => (b - t) ** 2;
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    const p = sig(logit);
    // b = 1[u > sigmoid(-logit)], its mirror from 1 - u (as the estimators draw them).
    const pair = (u: number) => [u > 1 - p ? 1 : 0, 1 - u > 1 - p ? 1 : 0] as const;
    const arm = (u: number) => { const [b, m] = pair(u); return (f(b) - f(m)) * (u - 0.5); };
    const disarm = (u: number) => { const [b, m] = pair(u); return 0.5 * (f(b) - f(m)) * (b - m) * sig(Math.abs(logit)); };
    for (const [name, g] of [['arm', arm], ['disarm', disarm]] as const) {
      const mean = integrate(g, 0, 1, 200000);
      const variance = integrate((u) => g(u) ** 2, 0, 1, 200000) - mean * mean;
      close(singleSampleVariances(toy(logit, t), name)?.[0], variance, `${name} at logit ${logit}`, 1e-4);
    }
    // REINFORCE by enumeration of b: f(b)(b - p).
    const mean = p * f(1) * (1 - p) + (1 - p) * f(0) * -p;
    const second = p * (f(1) * (1 - p)) ** 2 + (1 - p) * (f(0) * p) ** 2;
    close(singleSampleVariances(toy(logit, t), 'reinforce')?.[0], second - mean * mean, 'reinforce');
  }
});

test('categorical REINFORCE and straight-through closed forms by enumeration of the K classes', () => {
  const probs = [0.05, 0.1, 0.15, 0.2, 0.1, 0.15, 0.15, 0.1];
  const reward = [1, 2, 3, 4, 5, 6, 7, 8];
  const [v0] = singleSampleVariances({ kind: 'categorical-linear', probs, reward }, 'reinforce') as number[];
  // d/d alpha_0: r_i (delta_i0 - pi_0).
  const mean = probs.reduce((acc, p, i) => acc + p * reward[i]! * ((i === 0 ? 1 : 0) - 0.05), 0);
  const second = probs.reduce((acc, p, i) => acc + p * (reward[i]! * ((i === 0 ? 1 : 0) - 0.05)) ** 2, 0);
  close(v0, second - mean * mean, 'reinforce alpha[0]');
  // Straight-through on a linear f is the exact gradient every time: variance 0.
  const st = singleSampleVariances({ kind: 'categorical-linear', probs, reward }, 'straight-through') as number[];
  for (const v of st) assert.ok(Math.abs(v) < 1e-15);
});
