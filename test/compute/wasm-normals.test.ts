import assert from 'node:assert/strict';
import { test } from 'node:test';
import seedrandom from 'seedrandom';
import { forEachNoiseChunk } from '../../src/compute/estimate-gradients.js';
import { transformsOnBackend } from '../../src/compute/noise-transform.js';
import { type Tensor, tf } from '../../src/compute/tf.js';
import { type WasmBackend, wasmKernelsOn } from '../../src/compute/wasm-kernel-module.js';
import { NORMALS_ON_GRID } from '../../src/compute/wasm-normals.js';
import { UNIFORM_GRID_BITS } from '../../src/random/noise-stream.js';
import { polarOnGrid } from '../../src/random/polar.js';
import '../helpers/estimates.js';

const GRID = 2 ** UNIFORM_GRID_BITS;

test("wasm log is V8's Math.log bit for bit at every uniform on the grid, and at random doubles", () => {
  const kernels = wasmKernelsOn(tf.backend() as unknown as WasmBackend);
  assert.ok(kernels);
  let first = -1;
  for (let k = 1; k < GRID && first < 0; k++) if (kernels.log(k / GRID) !== Math.log(k / GRID)) first = k;
  assert.equal(first, -1, `first difference at u = ${first} / 2^24`);
  const random = seedrandom('log');
  for (let i = 0; i < 100_000; i++) {
    const x = Math.exp((random() - 0.5) * 1400);
    assert.equal(kernels.log(x), Math.log(x), `log(${x})`);
  }
});

test('NormalsOnGrid is the float64 Box-Muller loop rounded to float32, bit for bit, for every u1 and every u2 on the grid', () => {
  const pairs = 1 << 20;
  const u = new Float32Array(2 * pairs);
  const expected = new Float32Array(2 * pairs);
  const polar = new Float64Array(2);
  // Pair k: u1 = k / 2^24 and u2 = (40503 k mod 2^24) / 2^24, an odd multiplier, so a permutation.
  for (let start = 1; start < GRID; start += pairs) {
    const count = Math.min(pairs, GRID - start);
    for (let p = 0; p < count; p++) {
      const k = start + p;
      u[2 * p] = k / GRID;
      u[2 * p + 1] = Number((BigInt(k) * 40503n) % BigInt(GRID)) / GRID;
      polarOnGrid(Math.sqrt(-2 * Math.log(u[2 * p] as number)), u[2 * p + 1] as number, polar, 0);
      expected.set(polar, 2 * p);
    }
    const normals = tf.tidy(() => {
      const rows = tf.tensor2d(u.subarray(0, 2 * count), [1, 2 * count]);
      return tf.engine().runKernel(NORMALS_ON_GRID, { u: rows }, { draws: 2 * count }) as Tensor;
    });
    const got = normals.dataSync() as Float32Array;
    normals.dispose();
    const first = got.findIndex((v, i) => !Object.is(v, expected[i]));
    assert.equal(first, -1, `pairs from ${start}: first difference at ${first}`);
  }
});

/** forEachNoiseChunk's normals, as [trial][draw], on the wasm kernel or (kernel unregistered) drawn in JavaScript. */
function chunkedNormals(kernel: boolean, trials: number, samples: number, size: number): Float32Array[] {
  const config = tf.getKernel(NORMALS_ON_GRID, 'wasm');
  assert.ok(config);
  if (!kernel) tf.unregisterKernel(NORMALS_ON_GRID, 'wasm');
  try {
    assert.equal(transformsOnBackend('normal'), kernel);
    const rows = Array.from({ length: trials }, () => new Float32Array(samples * size));
    let done = 0;
    forEachNoiseChunk({ trials, samples, seed: 11 }, { kind: 'normal', size }, (noise) => {
      const values = noise.dataSync() as Float32Array;
      const width = values.length / trials;
      rows.forEach((row, t) => row.set(values.subarray(t * width, (t + 1) * width), done));
      done += width;
    });
    assert.equal(done, samples * size);
    return rows;
  } finally {
    if (!kernel) tf.registerKernel(config);
  }
}

for (const [trials, samples, size] of [
  [3, 700_001, 1], // several chunks, and an odd number of draws in each trial's last one
  [5, 100_003, 3],
] as const) {
  test(`engine normals (T = ${trials}, n = ${samples}, size ${size}) from the wasm kernel equal those drawn in JavaScript, bit for bit`, () => {
    const onWasm = chunkedNormals(true, trials, samples, size);
    const inJs = chunkedNormals(false, trials, samples, size);
    onWasm.forEach((row, t) => {
      const first = row.findIndex((v, i) => !Object.is(v, inJs[t]?.[i]));
      assert.equal(first, -1, `trial ${t}: first difference at draw ${first}`);
    });
  });
}
