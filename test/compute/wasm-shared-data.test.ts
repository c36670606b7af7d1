import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Tensor, tf } from '../../src/compute/tf.js';
import '../helpers/estimates.js';

interface CountingBackend {
  refCount(dataId: object): number;
}
const references = (x: Tensor) => (tf.backend() as unknown as CountingBackend).refCount(x.dataId);

test('wasm: clone and same-type cast share the data by reference count; dispose frees only the last reference', () => {
  assert.equal(tf.getBackend(), 'wasm');
  const x = tf.tensor1d([1.5, -2.25, 3]);
  const copy = x.clone();
  const same = x.cast('float32');
  assert.equal(references(x), 3);
  copy.dispose();
  same.dispose();
  assert.equal(references(x), 1);
  assert.deepEqual(Array.from(x.dataSync()), [1.5, -2.25, 3]);
  x.dispose();
});

test('wasm: a cast to another type still converts', () => {
  const x = tf.tensor1d([1.5, -2.25, 3]);
  const ints = x.cast('int32');
  assert.equal(ints.dtype, 'int32');
  assert.deepEqual(Array.from(ints.dataSync()), [1, -2, 3]);
  assert.equal(references(x), 1);
  tf.dispose([x, ints]);
});

test('wasm: gradients through saved (shared) inputs are unchanged', () => {
  // d/dx sum(x^2 * y) = 2 x y and d/dy = x^2: Square and Multiply save their inputs.
  const x = tf.tensor1d([1, 2, 3]);
  const y = tf.tensor1d([0.5, -1, 4]);
  const [dx, dy] = tf.grads((a: Tensor, b: Tensor) => a.square().mul(b).sum())([x, y]);
  assert.deepEqual(Array.from((dx as Tensor).dataSync()), [1, -4, 24]);
  assert.deepEqual(Array.from((dy as Tensor).dataSync()), [1, 4, 9]);
});
