import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Tensor, tf } from '../../src/compute/tf.js';
import { untaped } from '../../src/compute/tensor-ops.js';
import '../helpers/estimates.js';

test('untaped: its result is a constant to a gradient taken around it, and nothing is recorded', () => {
  const x = tf.tensor1d([1, 2, 3]);
  let recorded = -1;
  const gradient = tf.grad((v: Tensor) => {
    const tape = tf.engine().state.activeTape;
    const before = tape.length;
    const c = untaped(() => v.square().mul(5));
    recorded = tape.length - before;
    // d/dv sum(v * c) with c held constant is c = 5 v^2; through c it would be 15 v^2.
    return v.mul(c).sum();
  })(x);
  assert.equal(recorded, 0);
  assert.deepEqual(Array.from(gradient.dataSync()), [5, 20, 45]);
});

test('untaped restores the tape after a throw', () => {
  const x = tf.tensor1d([2]);
  const gradient = tf.grad((v: Tensor) => {
    assert.throws(() =>
      untaped(() => {
        throw new Error('inside');
      }),
    );
    return v.square().sum();
  })(x);
  assert.deepEqual(Array.from(gradient.dataSync()), [4]);
});
