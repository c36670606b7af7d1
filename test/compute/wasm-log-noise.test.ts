import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noiseFromUniforms } from '../../src/compute/noise-transform.js';
import { type Tensor, tf } from '../../src/compute/tf.js';
import { GUMBEL_FROM_UNIFORMS, LOGISTIC_FROM_UNIFORMS } from '../../src/compute/wasm-log-noise.js';
import { UNIFORM_GRID_BITS } from '../../src/random/noise-stream.js';
import '../helpers/estimates.js';

const GRID = 2 ** UNIFORM_GRID_BITS;

/** Every uniform of the grid, k / 2^24 for k = 1 ... 2^24 - 1, as one row. */
function gridUniforms(): Tensor {
  const u = new Float32Array(GRID - 1);
  for (let k = 1; k < GRID; k++) u[k - 1] = k / GRID;
  return tf.tensor2d(u, [1, GRID - 1]);
}

/** noiseFromUniforms on the kernel, or (kernel unregistered) through tfjs's own float32 ops. */
function transformed(kind: 'gumbel' | 'logistic', name: string, u: Tensor, kernel: boolean): Float32Array {
  const config = tf.getKernel(name, 'wasm');
  assert.ok(config, `${name} is registered on wasm`);
  if (!kernel) tf.unregisterKernel(name, 'wasm');
  try {
    const noise = noiseFromUniforms(kind, u, u.shape[1] as number);
    const values = noise.dataSync() as Float32Array;
    noise.dispose();
    return values;
  } finally {
    if (!kernel) tf.registerKernel(config);
  }
}

for (const [kind, name] of [
  ['gumbel', GUMBEL_FROM_UNIFORMS],
  ['logistic', LOGISTIC_FROM_UNIFORMS],
] as const) {
  test(`wasm ${kind} noise equals tfjs's float32 ops bit for bit at every uniform on the grid`, () => {
    const u = gridUniforms();
    try {
      const fused = transformed(kind, name, u, true);
      const ops = transformed(kind, name, u, false);
      const first = fused.findIndex((v, i) => !Object.is(v, ops[i]));
      assert.equal(first, -1, `first difference at u = ${first + 1} / 2^24: ${fused[first]} against ${ops[first]}`);
    } finally {
      u.dispose();
    }
  });
}

test('wasm Gumbel and logistic noise match tfjs for every count 1-9 (whole vectors of four and each tail)', () => {
  for (let count = 1; count <= 9; count++) {
    // Uniforms spread over the grid, different in every lane.
    const u = tf.tensor2d(Float32Array.from({ length: count }, (_, i) => ((i * 2654435761 + count * 40503) % (GRID - 1) + 1) / GRID), [1, count]);
    try {
      for (const [kind, name] of [
        ['gumbel', GUMBEL_FROM_UNIFORMS],
        ['logistic', LOGISTIC_FROM_UNIFORMS],
      ] as const) {
        assert.deepEqual(transformed(kind, name, u, true), transformed(kind, name, u, false), `${kind}, count ${count}`);
      }
    } finally {
      u.dispose();
    }
  }
});
