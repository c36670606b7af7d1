import assert from 'node:assert/strict';
import { test } from 'node:test';
import seedrandom from 'seedrandom';
import { deviationMoments } from '../../src/compute/tensor-ops.js';
import { type Tensor, tf } from '../../src/compute/tf.js';
import { DEVIATION_MOMENTS } from '../../src/compute/wasm-deviation-moments.js';
import '../helpers/estimates.js';

/** Float32 values spread over several magnitudes and both signs, with exact zeros among them. */
function values(random: () => number, count: number): Float32Array {
  return Float32Array.from({ length: count }, (_, i) => (i % 97 === 0 ? 0 : (random() - 0.4) * 10 ** Math.floor(random() * 6 - 2)));
}

/** deviationMoments on the kernel, or (kernel unregistered) by tfjs's ops, read back. */
function moments(kernel: boolean, x: Tensor, loc: Tensor, weights?: Tensor): Float32Array[] {
  const config = tf.getKernel(DEVIATION_MOMENTS, 'wasm');
  assert.ok(config, `${DEVIATION_MOMENTS} is registered on wasm`);
  if (!kernel) tf.unregisterKernel(DEVIATION_MOMENTS, 'wasm');
  try {
    const out = deviationMoments(x, loc, weights);
    const read = out.map((t) => t.dataSync() as Float32Array);
    tf.dispose(out);
    return read;
  } finally {
    if (!kernel) tf.registerKernel(config);
  }
}

for (const [rows, samples, size] of [
  [3, 1001, 1],
  [5, 333, 3],
  [2, 7, 2],
] as const) {
  test(`wasm deviation moments of [${rows}, ${samples}, ${size}] equal tfjs's ops bit for bit, weighted and plain`, () => {
    const random = seedrandom(`moments ${rows} ${samples} ${size}`);
    const x = tf.tensor3d(values(random, rows * samples * size), [rows, samples, size]);
    const loc = tf.tensor3d(values(random, rows * size), [rows, 1, size]);
    const weights = tf.tensor2d(values(random, rows * samples), [rows, samples]);
    try {
      for (const w of [undefined, weights]) {
        const fused = moments(true, x, loc, w);
        const ops = moments(false, x, loc, w);
        assert.equal(fused.length, w ? 3 : 2);
        fused.forEach((got, k) => {
          const first = got.findIndex((v, i) => !Object.is(v, ops[k]?.[i]));
          assert.equal(first, -1, `${w ? 'weighted' : 'plain'} moment ${k}: first difference at ${first}`);
        });
      }
    } finally {
      tf.dispose([x, loc, weights]);
    }
  });
}
