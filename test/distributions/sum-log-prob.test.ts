import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Tensor, tf } from '../../src/compute/tf.js';
import { Bernoulli } from '../../src/distributions/bernoulli.js';
import { Categorical } from '../../src/distributions/categorical.js';
import { type Distribution, weightedSumLogProb } from '../../src/distributions/distribution.js';
import { Normal } from '../../src/distributions/normal.js';
import { drawFloat64 } from '../../src/random/base-noise.js';
import { NoiseStream } from '../../src/random/noise-stream.js';
import '../helpers/estimates.js';

const TRIALS = 3;
const SAMPLES = 500;

function uniforms(seed: string, count: number): Float32Array {
  const out = new Float32Array(count);
  new NoiseStream(seed).fillUniform(out, 0, count);
  return out;
}

function normals(seed: string, count: number): Float64Array {
  const out = new Float64Array(count + 1);
  drawFloat64(new NoiseStream(seed), 'normal', count, new Float32Array(count + 1), out);
  return out.subarray(0, count);
}

/**
 * sumLogProb (or, given weights w [T, c], weightedSumLogProb) against logProb (times w)
 * summed over the samples: the values [T], and the gradients with respect to every
 * parameter tensor (the sums of the per-sample scores). Both sides are float32 sums of
 * SAMPLES terms, so they may differ by a few 1e-5 of the sum of the terms' magnitudes; a
 * wrong count, sign, weight or statistic is off by O(1) of it.
 */
function assertSumMatches(name: string, params: number[][], shape: number[], build: (params: Tensor[]) => Distribution, value: Tensor, weights?: Tensor): void {
  const tensors = params.map((p) => tf.tensor(p, shape));
  const terms = (p: Tensor[]) => (weights ? build(p).logProb(value).mul(weights) : build(p).logProb(value));
  const viaLogProb = (...p: Tensor[]) => terms(p).sum(1);
  const viaSum = (...p: Tensor[]) => (weights ? weightedSumLogProb(build(p), value, weights) : build(p).sumLogProb(value));
  const scale = terms(tensors).abs().sum(1).max().dataSync()[0] as number;
  const compare = (what: string, expected: Tensor, actual: Tensor, of: number) => {
    assert.deepEqual(actual.shape, expected.shape, `${name} ${what}: shape`);
    const a = actual.dataSync();
    const e = expected.dataSync();
    e.forEach((x, i) => assert.ok(Math.abs((a[i] as number) - x) <= 1e-4 * of, `${name} ${what}[${i}]: ${a[i]} vs ${x}`));
  };
  compare('value', viaLogProb(...tensors), viaSum(...tensors), scale);
  const expected = tf.grads(viaLogProb)(tensors, tf.ones([TRIALS]));
  const actual = tf.grads(viaSum)(tensors, tf.ones([TRIALS]));
  expected.forEach((g, k) => compare(`gradient ${k}`, g, actual[k] as Tensor, g.abs().max().dataSync()[0] as number));
}

test('Bernoulli.sumLogProb: logProb summed over samples, value and score, D = 1 and D = 3', () => {
  for (const d of [1, 3]) {
    const logits = [[-1.2, 0.3, 2.5].slice(0, d), [0, 0, 0].slice(0, d), [4, -3, 0.01].slice(0, d)];
    const u = uniforms(`bernoulli-${d}`, TRIALS * SAMPLES * d);
    const bits = Array.from(u, (x, i) => {
      const logit = logits[Math.floor(i / (SAMPLES * d))]?.[i % d] as number;
      return x < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    });
    const b = tf.tensor3d(bits, [TRIALS, SAMPLES, d]);
    assertSumMatches(`Bernoulli D=${d}`, [logits.flat()], [TRIALS, 1, d], ([l]) => new Bernoulli(l as Tensor), b);
  }
});

test('Categorical.sumLogProb: logProb summed over samples, value and score', () => {
  const k = 5;
  const logits = [
    [0.1, -2, 1.5, 0, 0.7],
    [3, 3, 3, 3, 3],
    [-5, 2, 0.2, 1, -0.4],
  ];
  const u = uniforms('categorical', TRIALS * SAMPLES);
  const oneHots = Array.from(u, (x) => Array.from({ length: k }, (_, j) => (Math.floor(x * k) === j ? 1 : 0))).flat();
  const z = tf.tensor3d(oneHots, [TRIALS, SAMPLES, k]);
  assertSumMatches('Categorical', [logits.flat()], [TRIALS, 1, k], ([l]) => new Categorical(l as Tensor), z);
});

test('Normal.sumLogProb: logProb summed over samples, value and score, also where |loc| >> scale', () => {
  // loc = 1000, scale 0.5: sums of x and x^2 in float32 (x^2 summed to ~5e8, spacing 32)
  // would lose the sum of squared deviations (~125) entirely.
  const loc = [0.3, -2, 1000];
  const scale = [1.7, 0.2, 0.5];
  const eps = normals('normal', TRIALS * SAMPLES);
  const x = tf.tensor3d(
    Array.from(eps, (e, i) => (loc[Math.floor(i / SAMPLES)] as number) + (scale[Math.floor(i / SAMPLES)] as number) * e),
    [TRIALS, SAMPLES, 1],
  );
  assertSumMatches('Normal', [loc, scale], [TRIALS, 1, 1], ([l, s]) => new Normal(l as Tensor, s as Tensor), x);
});

test('weightedSumLogProb: Normal from weighted sufficient statistics, Categorical per sample; value and score, weights of both signs', () => {
  const loc = [0.3, -2, 1000];
  const scale = [1.7, 0.2, 0.5];
  const eps = normals('weighted', TRIALS * SAMPLES);
  const xs = Array.from(eps, (e, i) => (loc[Math.floor(i / SAMPLES)] as number) + (scale[Math.floor(i / SAMPLES)] as number) * e);
  const x = tf.tensor3d(xs, [TRIALS, SAMPLES, 1]);
  // Centred f values, as the leave-one-out baseline passes them: (eps - 0.5)^2 minus about its mean.
  const weights = tf.tensor2d(Array.from(eps, (e) => (e - 0.5) ** 2 - 1.25), [TRIALS, SAMPLES]);
  assertSumMatches('Normal weighted', [loc, scale], [TRIALS, 1, 1], ([l, s]) => new Normal(l as Tensor, s as Tensor), x, weights);
  const logits = [
    [0.1, -2, 1.5],
    [3, 3, 3],
    [-5, 2, 0.2],
  ];
  const u = uniforms('weighted-categorical', TRIALS * SAMPLES);
  const z = tf.tensor3d(Array.from(u, (v) => [0, 1, 2].map((j) => (Math.floor(v * 3) === j ? 1 : 0))).flat(), [TRIALS, SAMPLES, 3]);
  assertSumMatches('Categorical weighted', [logits.flat()], [TRIALS, 1, 3], ([l]) => new Categorical(l as Tensor), z, weights);
});
