import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Tensor, tf } from '../../src/compute/tf.js';
import { sumLastAxis } from '../../src/compute/tensor-ops.js';
import '../helpers/estimates.js';

type Sum = (v: Tensor) => Tensor;
const tfjsSum: Sum = (v) => v.sum(-1);

test("sumLastAxis: the values and gradient of tfjs's sum over the last axis, bit for bit", () => {
  // A gradient path through a product after the sum, as in an objective times a weight.
  const w = tf.randomNormal([3, 5], 0, 1, 'float32', 8);
  const surrogate = (sum: Sum) => (v: Tensor) => sum(v.square().mul(v.add(1))).mul(w);
  const value = (sum: Sum, x: Tensor) => Array.from(surrogate(sum)(x).dataSync());
  const gradient = (sum: Sum, x: Tensor) => Array.from(tf.grad(surrogate(sum))(x, tf.ones([3, 5])).dataSync());
  // [T, c, K], and a one-element last axis (a reshape there).
  for (const x of [tf.randomNormal([3, 5, 4], 0, 1, 'float32', 7), tf.randomNormal([3, 5, 1], 0, 1, 'float32', 9)]) {
    assert.deepEqual(value(sumLastAxis, x), value(tfjsSum, x));
    assert.deepEqual(gradient(sumLastAxis, x), gradient(tfjsSum, x));
  }
});
