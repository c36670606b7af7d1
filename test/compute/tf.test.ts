import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireTfjs, tf } from '../../src/compute/tf.js';

test('tf: ops and their gradients load without the model-building packages', () => {
  assert.equal(tf.version['tfjs-core'], tf.version.tfjs);
  assert.equal(tf.version['tfjs-layers'], undefined);
  const dx = tf.grad((x) => tf.softmax(x).mul(tf.tensor1d([1, 2, 3])).sum())(tf.tensor1d([0.1, -0.4, 0.3]));
  const p = tf.softmax(tf.tensor1d([0.1, -0.4, 0.3])).arraySync() as number[];
  const mean = p[0]! + 2 * p[1]! + 3 * p[2]!;
  const expected = p.map((pi, i) => pi * (i + 1 - mean));
  (dx.arraySync() as number[]).forEach((d, i) => assert.ok(Math.abs(d - expected[i]!) < 1e-6, `d/dx${i}: ${d} vs ${expected[i]}`));
});

test('tf: the packages left out of the load stay requirable for real by others in the process', () => {
  const layers = requireTfjs('@tensorflow/tfjs-layers') as { sequential?: unknown };
  assert.equal(typeof layers.sequential, 'function');
});
