import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tf } from '../../src/compute/tf.js';
import { UniformRows } from '../../src/compute/uniform-rows.js';
import { XOR4096_UNIFORMS } from '../../src/compute/wasm-uniforms.js';
import { NoiseStream } from '../../src/random/noise-stream.js';
import '../helpers/estimates.js';

const SEEDS = ['a', 'trial 7', '12345', ''];

/**
 * Rows of uniforms from fresh streams of `seeds`, drawn in widths one after another, on
 * the kernel or (unregistered) in JavaScript; the streams at `ahead` first draw one
 * uniform alone, so their ring index differs from the others'.
 */
function drawRows(kernel: boolean, widths: number[], seeds = SEEDS, ahead: number[] = []): Float32Array[] {
  const config = tf.getKernel(XOR4096_UNIFORMS, 'wasm');
  assert.ok(config);
  if (!kernel) tf.unregisterKernel(XOR4096_UNIFORMS, 'wasm');
  try {
    const streams = seeds.map((seed) => new NoiseStream(seed));
    for (const index of ahead) streams[index]?.uniform();
    const rows = new UniformRows(streams);
    return widths.map((width) => {
      const uniforms = rows.next(width);
      assert.deepEqual(uniforms.shape, [seeds.length, width]);
      const values = uniforms.dataSync() as Float32Array;
      uniforms.dispose();
      return values;
    });
  } finally {
    if (!kernel) tf.registerKernel(config);
  }
}

function assertSameChunks(onWasm: Float32Array[], inJs: Float32Array[], widths: number[]): void {
  widths.forEach((width, c) => {
    const first = (onWasm[c] as Float32Array).findIndex((v, i) => !Object.is(v, inJs[c]?.[i]));
    assert.equal(first, -1, `chunk ${c} (width ${width}): first difference at ${first}`);
  });
}

test('wasm xor4096 uniforms equal the JavaScript streams bit for bit, chunk after chunk', () => {
  // Uneven widths: the ring index wraps at different points, and the state carries over.
  const widths = [1, 127, 128, 129, 5000, 3, 70_001];
  const onWasm = drawRows(true, widths);
  const inJs = drawRows(false, widths);
  assertSameChunks(onWasm, inJs, widths);
});

test('wasm xor4096 uniforms equal the JavaScript streams when rows are not in fours or their ring indices differ', () => {
  // Nine streams, the third one step ahead: rows 0-2 go one at a time (each group of four
  // from them holds row 2), rows 3-6 in SIMD lanes, rows 7-8 one at a time.
  const seeds = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
  const widths = [5, 130, 1];
  const onWasm = drawRows(true, widths, seeds, [2]);
  const inJs = drawRows(false, widths, seeds, [2]);
  assertSameChunks(onWasm, inJs, widths);
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
