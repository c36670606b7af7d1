import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gumbelSoftmax } from '../../src/estimators/gumbel-softmax.js';
import { reinforce } from '../../src/estimators/reinforce.js';
import { stGumbelSoftmax } from '../../src/estimators/st-gumbel-softmax.js';
import { categoricalLinear } from '../../src/objectives/categorical-linear.js';
import { categoricalQuadratic } from '../../src/objectives/categorical-quadratic.js';
import { estimateColumns } from '../helpers/estimates.js';
import { Z, assertMean, assertVariance } from '../helpers/statistics.js';

const probs = [0.05, 0.1, 0.15, 0.2, 0.1, 0.15, 0.15, 0.1];
const reward = [1, -2, 3, -4, 5, -6, 7, -8];
const objective = categoricalLinear.create({ kind: 'categorical-linear', probs, reward });

test('exact gradient pi_j (r_j - pi . r)', () => {
  const mean = probs.reduce((acc, p, i) => acc + p * (reward[i] as number), 0);
  objective.trueGrad().forEach((g, j) => {
    assert.ok(Math.abs(g - (probs[j] as number) * ((reward[j] as number) - mean)) < 1e-12);
  });
});

test('REINFORCE: mean pi_j (r_j - pi.r), second moment sum_k pi_k r_k^2 (1[k=j] - pi_j)^2', () => {
  const columns = estimateColumns(objective, reinforce, { trials: 40000 });
  const truth = objective.trueGrad();
  probs.forEach((pj, j) => {
    const second = probs.reduce((acc, pk, k) => acc + pk * (reward[k] as number) ** 2 * ((k === j ? 1 : 0) - pj) ** 2, 0);
    assertMean(columns[j], truth[j] as number, `reinforce alpha[${j}]`);
    assertVariance(columns[j], second - (truth[j] as number) ** 2, `reinforce alpha[${j}]`);
  });
});

test('Gumbel-max samples are exact: REINFORCE is unbiased for logits given directly', () => {
  const logits = [0.3, -1.2, 2.0, 0.0];
  const linear = categoricalLinear.create({ kind: 'categorical-linear', logits, reward: [2, -1, 0.5, 3] });
  const columns = estimateColumns(linear, reinforce, { trials: 10000, samples: 20 });
  columns.forEach((column, j) => assertMean(column, linear.trueGrad()[j] as number, `alpha[${j}]`));
});

test('GS and ST-GS give identical gradients on a linear f for the same noise', () => {
  const soft = estimateColumns(objective, gumbelSoftmax, { trials: 500, samples: 7, temperature: 0.5, seed: 9 });
  const straight = estimateColumns(objective, stGumbelSoftmax, { trials: 500, samples: 7, temperature: 0.5, seed: 9 });
  assert.deepEqual(straight, soft);
});

test('Gumbel-Softmax bias on categorical-quadratic shrinks toward 0 as tau shrinks', () => {
  const quadratic = categoricalQuadratic.create({
    kind: 'categorical-quadratic',
    logits: [0.5, -0.5, 1, 0],
    target: [0.9, 0.1, 0.3, 0.6],
  });
  const j = 0;
  const truth = quadratic.trueGrad()[j] as number;
  const biasAt = (tau: number) => {
    const [column] = estimateColumns(quadratic, gumbelSoftmax, { trials: 4000, samples: 50, temperature: tau });
    const values = column as Float64Array;
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    const v = values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1);
    return { bias: m - truth, se: Math.sqrt(v / values.length) };
  };
  const [hot, warm, cold] = [biasAt(2), biasAt(0.5), biasAt(0.1)];
  assert.ok(Math.abs(hot.bias) - Math.abs(warm.bias) > Z * (hot.se + warm.se), `|bias| tau=2 ${hot.bias} vs tau=0.5 ${warm.bias}`);
  assert.ok(Math.abs(warm.bias) - Math.abs(cold.bias) > Z * (warm.se + cold.se), `|bias| tau=0.5 ${warm.bias} vs tau=0.1 ${cold.bias}`);
  assert.ok(Math.abs(cold.bias) < Z * cold.se + 0.05 * Math.abs(truth), `bias at tau=0.1 is ${cold.bias}`);
});
