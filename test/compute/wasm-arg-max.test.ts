import assert from 'node:assert/strict';
import { test } from 'node:test';
import seedrandom from 'seedrandom';
import { tf } from '../../src/compute/tf.js';
import '../helpers/estimates.js';

/** tfjs-backend-wasm's ArgMax over the last axis, which the override must match: the first strictly larger value wins. */
function firstMaxima(values: Float32Array, size: number): Int32Array {
  return Int32Array.from({ length: values.length / size }, (_, r) => {
    let max = values[r * size] as number;
    let at = 0;
    for (let j = 1; j < size; j++) {
      const value = values[r * size + j] as number;
      if (value > max) {
        max = value;
        at = j;
      }
    }
    return at;
  });
}

/** Rows where the order of comparisons shows: ties, NaN first and later, infinities, signed zeros. */
const TRICKY = [
  [1, 3, 3, 2],
  [NaN, 5, 7, 1],
  [2, NaN, 1, 2],
  [-Infinity, -Infinity, -Infinity, -Infinity],
  [-0, 0, -0, 0],
  [0, -0, 0, -0],
  [Infinity, Infinity, 1, NaN],
  [-1, -Infinity, -0.5, -0.5],
];

test('wasm: ArgMax runs the kernel of wasm-kernels.wat', () => {
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(tf.getKernel('ArgMax', 'wasm')?.kernelFunc.name, 'argMaxRows');
});

for (const shape of [[TRICKY.length, 4], [203, 8], [16, 97, 8], [6, 3, 13], [5, 1], [4097], [9, 2]]) {
  test(`wasm: argMax over the last axis of [${shape}] picks tfjs's indices`, () => {
    const size = shape.at(-1) as number;
    const random = seedrandom(JSON.stringify(shape));
    const values =
      shape[0] === TRICKY.length && size === 4
        ? Float32Array.from(TRICKY.flat())
        : Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => Math.round(8 * random()) / 2 - 1);
    const indices = tf.tidy(() => tf.argMax(tf.tensor(values, shape), -1));
    assert.deepEqual(indices.shape, shape.slice(0, -1));
    assert.equal(indices.dtype, 'int32');
    assert.deepEqual(Array.from(indices.dataSync()), Array.from(firstMaxima(values, size)));
    indices.dispose();
  });
}

test('wasm: argMax over another axis, and of int32, keeps tfjs kernel', () => {
  const x = tf.tensor2d([1, 9, 3, 7, 2, 8], [2, 3]);
  assert.deepEqual(Array.from(tf.argMax(x, 0).dataSync()), [1, 0, 1]);
  assert.deepEqual(Array.from(tf.argMax(x.toInt(), 1).dataSync()), [1, 2]);
});
