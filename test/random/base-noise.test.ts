import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tf } from '../../src/compute/tf.js';
import { forEachNoiseChunk } from '../../src/compute/estimate-gradients.js';
import { drawFloat64, type NoiseKind, uniformsFor } from '../../src/random/base-noise.js';
import { NoiseStream, UNIFORM_MAX, UNIFORM_MIN } from '../../src/random/noise-stream.js';
import { trialSeed } from '../../src/random/seed.js';
import { erfc } from '../../src/stats/normal.js';
import '../helpers/estimates.js';
import { assertMean, assertVariance } from '../helpers/statistics.js';

const EULER_GAMMA = 0.5772156649015329;
const TRIALS = 4;
// One chunk per trial at T = 4, and an odd one: the last normal of its pair is dropped.
const SAMPLES = 50_001;
const N = TRIALS * SAMPLES;

/** The engine's noise for one cell: T rows of n draws, through the backend's transform. */
function engineNoise(kind: NoiseKind): Float64Array[] {
  const rows = Array.from({ length: TRIALS }, () => [] as number[]);
  forEachNoiseChunk({ trials: TRIALS, samples: SAMPLES, seed: 7 }, { kind, size: 1 }, (noise) => {
    const values = noise.dataSync();
    const count = noise.shape[1] as number;
    rows.forEach((row, t) => row.push(...values.subarray(t * count, (t + 1) * count)));
  });
  return rows.map((row) => Float64Array.from(row));
}

/** The float64 reference for the same draws (one chunk per trial). */
function referenceNoise(kind: NoiseKind): Float64Array[] {
  return Array.from({ length: TRIALS }, (_, t) => {
    const uniforms = new Float32Array(uniformsFor(kind, SAMPLES));
    const values = new Float64Array(uniforms.length);
    drawFloat64(new NoiseStream(trialSeed(7, t)), kind, SAMPLES, uniforms, values);
    return values.subarray(0, SAMPLES);
  });
}

/**
 * Kolmogorov-Smirnov distance to an exact CDF. sqrt(ln(2 / alpha) / 2) / sqrt(N) at
 * alpha = 1e-5 is 0.0049 for N = 2e5: a transform error of half a percent in
 * probability fails.
 */
function assertKs(values: Float64Array, cdf: (x: number) => number, label: string): void {
  const sorted = Float64Array.from(values).sort();
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / values.length), Math.abs((i + 1) / values.length - f));
  });
  const critical = Math.sqrt(Math.log(2 / 1e-5) / 2) / Math.sqrt(values.length);
  assert.ok(d <= critical, `${label}: KS distance ${d} > ${critical}`);
}

const laws: { kind: NoiseKind; cdf: (x: number) => number; mean: number; variance: number }[] = [
  { kind: 'gumbel', cdf: (x) => Math.exp(-Math.exp(-x)), mean: EULER_GAMMA, variance: Math.PI ** 2 / 6 },
  { kind: 'logistic', cdf: (x) => 1 / (1 + Math.exp(-x)), mean: 0, variance: Math.PI ** 2 / 3 },
  { kind: 'normal', cdf: (x) => 0.5 * erfc(-x / Math.SQRT2), mean: 0, variance: 1 },
  { kind: 'uniform', cdf: (x) => Math.min(1, Math.max(0, x)), mean: 0.5, variance: 1 / 12 },
];

for (const { kind, cdf, mean, variance } of laws) {
  test(`engine ${kind} noise has the exact distribution (KS), mean and variance`, () => {
    const rows = engineNoise(kind);
    const draws = new Float64Array(N);
    rows.forEach((row, t) => draws.set(row, t * SAMPLES));
    assert.ok(draws.every(Number.isFinite), `${kind}: non-finite draw`);
    assertKs(draws, cdf, kind);
    assertMean(draws, mean, `${kind} mean`);
    assertVariance(draws, variance, `${kind} variance`);
  });
}

test('the backend float32 transforms equal the float64 reference draw by draw, up to float32 rounding', () => {
  for (const kind of ['gumbel', 'logistic', 'normal', 'uniform'] as const) {
    const reference = referenceNoise(kind);
    engineNoise(kind).forEach((row, t) => {
      const ref = reference[t] as Float64Array;
      assert.equal(row.length, ref.length);
      let worst = 0;
      row.forEach((x, i) => {
        worst = Math.max(worst, Math.abs(x - (ref[i] as number)) / Math.max(1, Math.abs(ref[i] as number)));
      });
      // A few float32 ulps: a mispaired normal or a wrong sign would be off by O(1).
      assert.ok(worst < 2e-6, `${kind} trial ${t}: worst relative difference ${worst}`);
    });
  }
});

test('a stream is a pure function of its seed, and its uniforms stay inside the float32-exact clamp', () => {
  const a = new Float32Array(100_000);
  const b = new Float32Array(100_000);
  new NoiseStream('s').fillUniform(a, 0, a.length);
  new NoiseStream('s').fillUniform(b, 0, b.length);
  assert.deepEqual(a, b);
  assert.ok(a.every((u) => u >= UNIFORM_MIN && u <= UNIFORM_MAX));
  const stream = new NoiseStream('s');
  assert.equal(stream.uniform(), a[0]);
  assert.equal(stream.uniform(), a[1]);
});

test('noise tensors are disposed after each chunk', () => {
  const before = tf.memory().numTensors;
  forEachNoiseChunk({ trials: 3, samples: 1000, seed: 1 }, { kind: 'normal', size: 5 }, () => undefined);
  assert.equal(tf.memory().numTensors, before);
});
