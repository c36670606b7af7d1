import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRows } from '../../src/check/check-rows.js';
import { formatReport, githubAnnotations } from '../../src/check/format.js';
import type { CheckMetadata } from '../../src/check/metadata.js';
import { chooseMode, experimentMismatch } from '../../src/check/mode.js';
import { claimsUnbiased, logVarianceStandardError } from '../../src/check/statistical.js';
import type { ResultRow } from '../../src/results/result-row.js';
import { holmAdjust } from '../../src/stats/holm.js';
import { erfc, twoSidedNormalP } from '../../src/stats/normal.js';
import { summarizeEstimates, varianceStandardError, Z95 } from '../../src/stats/summary.js';

function row(over: Partial<ResultRow> = {}): ResultRow {
  return {
    experiment: 'ex', objective: 'gaussian-quadratic', estimator: 'pathwise', temperature: undefined, samples: 10,
    sweep: {}, trials: 1000, param: 'mu', trueGrad: -2, mean: -2.01, bias: -0.01, variance: 0.4,
    varianceLo: 0.36, varianceHi: 0.44, mse: 0.4001, seed: 5, ...over,
  };
}

function metadata(over: Partial<CheckMetadata> = {}, objective = '{ kind: gaussian-quadratic, mu: 1, sigma: 1, k: 2 }'): CheckMetadata {
  return {
    backend: 'wasm', seed: 1, trials: 1000, overrides: {}, platform: 'linux-x64',
    experiment: { name: 'ex', file: 'ex.yaml', text: `name: ex\nobjective: ${objective}\n` },
    ...over,
  };
}

test('erfc and two-sided normal p-values match tabulated values, far tail included', () => {
  // Tabulated: erfc(0.5) = 0.4795001221869535, erfc(1) = 0.15729920705028513, erfc(3) = 2.209049699858544e-5,
  // erfc(6) = 2.1519736712498913e-17; the fit's fractional error is below 1.2e-7.
  for (const [x, expected] of [[0.5, 0.4795001221869535], [1, 0.15729920705028513], [3, 2.209049699858544e-5], [6, 2.1519736712498913e-17]] as const) {
    assert.ok(Math.abs(erfc(x) / expected - 1) < 1.2e-7, `erfc(${x}) = ${erfc(x)}`);
    assert.ok(Math.abs(erfc(-x) - (2 - expected)) < 1e-7);
  }
  assert.ok(Math.abs(twoSidedNormalP(Z95) - 0.05) < 1e-8);
  assert.ok(Math.abs(twoSidedNormalP(-Z95) - 0.05) < 1e-8);
  assert.equal(twoSidedNormalP(0), 1);
});

test('Holm adjusts step-down in sorted order and stays monotone', () => {
  // m = 4: sorted 0.001, 0.01, 0.02, 0.5 -> 0.004, 0.03, max(0.03, 0.04) = 0.04, max(0.04, 0.5) = 0.5.
  const adjusted = holmAdjust([0.02, 0.001, 0.5, 0.01]);
  for (const [a, b] of adjusted.map((v, i) => [v, [0.04, 0.004, 0.5, 0.03][i] as number])) assert.ok(Math.abs((a as number) - b) < 1e-15);
  assert.deepEqual(holmAdjust([0.9, 0.3]), [0.9, 0.6], 'never below an earlier adjusted value');
  assert.deepEqual(holmAdjust([0.9, 0.8]), [1, 1], 'never above 1');
  assert.deepEqual(holmAdjust([Number.NaN, 0.01]), [1, 0.02], 'NaN counts as 1');
});

test('the log-variance standard error is recovered exactly from the CSV interval', () => {
  const values = Float64Array.from({ length: 500 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
  const s = summarizeEstimates(values, 0);
  const recovered = logVarianceStandardError({ ...row(), variance: s.variance, varianceLo: s.varianceLo, varianceHi: s.varianceHi });
  assert.ok(Math.abs(recovered - varianceStandardError(values) / s.variance) < 1e-12);
});

test('estimator labels resolve to the registry claim, options stripped', () => {
  assert.equal(claimsUnbiased('reinforce-baseline(baseline=loo)'), true);
  assert.equal(claimsUnbiased('pathwise'), true);
  assert.equal(claimsUnbiased('gumbel-softmax'), false);
  assert.equal(claimsUnbiased('no-such-estimator'), false);
});

test('mode: exact only when seed, trials and backend agree; other experiments are refused', () => {
  assert.equal(chooseMode(metadata(), metadata()).mode, 'exact');
  assert.equal(chooseMode(metadata(), metadata(), true).mode, 'statistical');
  assert.deepEqual(chooseMode(metadata(), metadata({ seed: 2, backend: 'cpu' })).reasons, [
    'seeds differ (1 vs 2)',
    'backends differ (wasm vs cpu)',
  ]);
  assert.equal(chooseMode(metadata(), metadata({ trials: 500 })).mode, 'statistical');
  assert.equal(experimentMismatch(metadata(), metadata({ seed: 9 })), undefined);
  // Key order and formatting of the objective do not matter; its values do.
  assert.equal(experimentMismatch(metadata(), metadata({}, '{ k: 2, sigma: 1, mu: 1, kind: gaussian-quadratic }')), undefined);
  assert.match(experimentMismatch(metadata(), metadata({}, '{ kind: gaussian-quadratic, mu: 1, sigma: 2, k: 2 }')) ?? '', /different objectives/);
  const other = metadata();
  assert.match(experimentMismatch(metadata(), { ...other, experiment: { ...other.experiment, name: 'other' } }) ?? '', /different experiments: 'ex' vs 'other'/);
});

test('missing and extra rows fail the check and are listed, in both modes', () => {
  const base = [row(), row({ param: 'sigma' }), row({ samples: 100 })];
  const next = [row(), row({ param: 'sigma' }), row({ samples: 1000 })];
  for (const mode of ['exact', 'statistical'] as const) {
    const report = checkRows({ rows: base, lines: [2, 3, 4] }, { rows: next }, { mode });
    assert.equal(report.passed, false);
    assert.equal(report.compared, 2);
    assert.deepEqual(report.missing.map((r) => [r.row.samples, r.line]), [[100, 4]]);
    assert.deepEqual(report.extra.map((r) => r.row.samples), [1000]);
  }
});

test('statistical mode: zero and non-finite variances are a change unless both sides agree', () => {
  const zero = { variance: 0, varianceLo: 0, varianceHi: 0 };
  assert.equal(checkRows({ rows: [row(zero)] }, { rows: [row(zero)] }, { mode: 'statistical', isUnbiased: () => false }).passed, true);
  const report = checkRows({ rows: [row()] }, { rows: [row(zero)] }, { mode: 'statistical', isUnbiased: () => false });
  assert.deepEqual(report.rejected.map((t) => [t.kind, t.ratio, t.p]), [['variance', 0, 0]]);
  const nan = { mean: Number.NaN, variance: Number.NaN };
  assert.equal(checkRows({ rows: [row(nan)] }, { rows: [row(nan)] }, { mode: 'statistical', isUnbiased: () => false }).passed, true);
  assert.equal(checkRows({ rows: [row()] }, { rows: [row(nan)] }, { mode: 'statistical', isUnbiased: () => false }).passed, false);
});

test('a changed exact gradient fails statistical mode too', () => {
  const report = checkRows({ rows: [row()] }, { rows: [row({ trueGrad: -2.1 })] }, { mode: 'statistical' });
  assert.deepEqual(report.differences.map((d) => d.column), ['true_grad']);
  assert.equal(report.passed, false);
});

test('the report lists differing cells worst first; annotations point at baseline CSV lines', () => {
  const base = [row(), row({ param: 'sigma', mean: 2, trueGrad: 2, bias: 0 })];
  const next = [row({ mean: -2.01 * (1 + 1e-5), bias: -2.01 * (1 + 1e-5) + 2 }), row({ param: 'sigma', mean: 2 * (1 + 1e-3), trueGrad: 2, bias: 2e-3 })];
  const report = checkRows({ rows: base, lines: [2, 3] }, { rows: next }, { mode: 'exact' });
  const context = {
    baseline: { label: 'results/ci/ex', metadata: metadata(), csv: 'results/ci/ex/results.csv' },
    candidate: { label: 're-run of results/ci/ex', metadata: metadata() },
    reasons: ['same seed 1, trials 1000 and backend wasm'],
  };
  const text = formatReport(report, context);
  assert.match(text, /FAIL: 4 numbers differ/);
  const tableLines = text.split('\n').filter((l) => l.startsWith('pathwise'));
  // sigma is off by 1e-3 relative, mu by 1e-5: sigma's mean and bias come first.
  assert.deepEqual(tableLines.map((l) => l.split(/\s+/)[2]), ['sigma', 'sigma', 'mu', 'mu']);
  const annotations = githubAnnotations(report, context);
  assert.equal(annotations.length, 4);
  assert.match(annotations[0] ?? '', /^::error file=results\/ci\/ex\/results.csv,line=3,title=reparam-bench check::pathwise n=10 sigma: (mean 2 -> 2.002|bias 0 -> 0.002) \(relative difference 0.001\)$/);
});
