import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Tensor, tf } from '../../src/compute/tf.js';
import { initBackend } from '../../src/compute/backend.js';
import { Normal } from '../../src/distributions/normal.js';

await initBackend('wasm');

// Reference note 002: mu = 0.5, log-variance -1, eps = 0.8 and dL/dz = 2.
const close = (actual: number, expected: number, digits: number) =>
  assert.ok(Math.abs(actual - expected) < 0.5 * 10 ** -digits, `${actual} vs ${expected}`);

test('worked example through autodiff: dL/dmu = 2.0, dL/dsigma = 1.6, dL/dlogvar = 0.4852', () => {
  const eps = tf.tensor3d([[[0.8]]]);
  const loss = (z: Tensor) => z.mul(2).sum();
  const bySigma = tf.grad((theta: Tensor) => {
    const [mu, sigma] = theta.reshape([1, 1, 2]).split(2, -1) as [Tensor, Tensor];
    return loss(new Normal(mu, sigma).rsample(eps));
  })(tf.tensor1d([0.5, Math.exp(-0.5)]));
  const byLogVar = tf.grad((theta: Tensor) => {
    const [mu, logVar] = theta.reshape([1, 1, 2]).split(2, -1) as [Tensor, Tensor];
    return loss(new Normal(mu, logVar.mul(0.5).exp()).rsample(eps));
  })(tf.tensor1d([0.5, -1]));
  const [dMu, dSigma] = bySigma.dataSync();
  const [dMu2, dLogVar] = byLogVar.dataSync();
  close(dMu as number, 2.0, 5);
  close(dSigma as number, 1.6, 5);
  close(dMu2 as number, 2.0, 5);
  close(dLogVar as number, 0.4852, 4);
});
