import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tf } from '../../src/compute/tf.js';
import { UniformRows } from '../../src/compute/uniform-rows.js';
import { XOR4096_UNIFORMS } from '../../src/compute/wasm-uniforms.js';
import { NoiseStream } from '../../src/random/noise-stream.js';
import '../helpers/estimates.js';

const SEEDS = ['a', 'trial 7', '12345', ''];

/** Rows of uniforms from fresh streams of SEEDS, drawn in widths one after another, on the kernel or (unregistered) in JavaScript. */
function drawRows(kernel: boolean, widths: number[]): Float32Array[] {
  const config = tf.getKernel(XOR4096_UNIFORMS, 'wasm');
  assert.ok(config);
  if (!kernel) tf.unregisterKernel(XOR4096_UNIFORMS, 'wasm');
  try {
    const rows = new UniformRows(SEEDS.map((seed) => new NoiseStream(seed)));
    return widths.map((width) => {
      const uniforms = rows.next(width);
      assert.deepEqual(uniforms.shape, [SEEDS.length, width]);
      const values = uniforms.dataSync() as Float32Array;
      uniforms.dispose();
      return values;
    });
  } finally {
    if (!kernel) tf.registerKernel(config);
  }
}

test('wasm xor4096 uniforms equal the JavaScript streams bit for bit, chunk after chunk', () => {
  // Uneven widths: the ring index wraps at different points, and the state carries over.
  const widths = [1, 127, 128, 129, 5000, 3, 70_001];
  const onWasm = drawRows(true, widths);
  const inJs = drawRows(false, widths);
  widths.forEach((width, c) => {
    const first = (onWasm[c] as Float32Array).findIndex((v, i) => !Object.is(v, inJs[c]?.[i]));
    assert.equal(first, -1, `chunk ${c} (width ${width}): first difference at ${first}`);
  });
});

test('after the kernel, a stream continues in JavaScript exactly where the kernel left it', () => {
  const stream = new NoiseStream('continue');
  const twin = new NoiseStream('continue');
  new UniformRows([stream]).next(1001).dispose();
  const skipped = new Float32Array(1001);
  twin.fillUniform(skipped, 0, 1001);
  assert.equal(stream.uniform(), twin.uniform());
  assert.equal(stream.uniform(), twin.uniform());
});

test('wasm xor4096 uniforms leave no tensors behind', () => {
  const before = tf.memory().numTensors;
  const rows = new UniformRows([new NoiseStream('x'), new NoiseStream('y')]);
  rows.next(300).dispose();
  assert.equal(tf.memory().numTensors, before);
});
