import assert from 'node:assert/strict';
import { test } from 'node:test';
import seedrandom from 'seedrandom';
import { tf } from '../../src/compute/tf.js';
import '../helpers/estimates.js';

const f = Math.fround;
const bits = new DataView(new ArrayBuffer(4));

/** A float32 from its bits, as XNNPACK writes its constants (hexadecimal floats). */
function fromBits(word: number): number {
  bits.setUint32(0, word);
  return bits.getFloat32(0);
}
const LOG2E = fromBits(0x3fb8aa3b);
const MAGIC = fromBits(0x4b40007f);
const MINUS_LN2_HI = fromBits(0xbf317200);
const MINUS_LN2_LO = fromBits(0xb5bfbe8e);
const [C5, C4, C3, C2, C1] = [0x3c07cfce, 0x3d2b9d0d, 0x3e2aad40, 0x3efffee3, 0x3f7ffffb].map(fromBits) as [number, number, number, number, number];
const CUTOFF = fromBits(0xc2aeac4f);

/** XNNPACK's rr2-p5 exp of x <= 0 in float32, without fused multiply-adds, 0 below its cutoff. */
function xnnExp(x: number): number {
  let n = f(f(x * LOG2E) + MAGIC);
  bits.setFloat32(0, n);
  bits.setInt32(0, bits.getInt32(0) << 23);
  const s = bits.getFloat32(0);
  n = f(n - MAGIC);
  let t = f(f(n * MINUS_LN2_HI) + x);
  t = f(f(n * MINUS_LN2_LO) + t);
  let p = f(f(C5 * t) + C4);
  p = f(f(p * t) + C3);
  p = f(f(p * t) + C2);
  p = f(f(p * t) + C1);
  t = f(t * s);
  return x < CUTOFF ? 0 : f(f(t * p) + s);
}

/**
 * XNNPACK's softmax of one row as tfjs-backend-wasm 4.22 runs it: exps of x - max; their sum
 * over whole groups of four in four lanes, the lanes added as (0 + 2) + (1 + 3), then the
 * rest one by one; each exp times 1 / sum.
 */
function xnnSoftmax(row: Float32Array): number[] {
  const max = row.reduce((m, v) => (Number.isNaN(v) || v > m ? v : m), -Infinity);
  const e = Array.from(row, (v) => xnnExp(f(v - max)));
  const whole = row.length - (row.length % 4);
  const lanes = [0, 0, 0, 0];
  for (let i = 0; i < whole; i++) lanes[i % 4] = f((lanes[i % 4] as number) + (e[i] as number));
  let sum = f(f((lanes[0] as number) + (lanes[2] as number)) + f((lanes[1] as number) + (lanes[3] as number)));
  for (let i = whole; i < row.length; i++) sum = f(sum + (e[i] as number));
  const inverse = f(1 / sum);
  return e.map((v) => f(v * inverse));
}

test('wasm: Softmax runs the kernel of wasm-kernels.wat', () => {
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(tf.getKernel('Softmax', 'wasm')?.kernelFunc.name, 'softmaxRows');
});

const SPECIAL = [NaN, Infinity, -Infinity, -0, 1e30, -1e30, 88, -104, 1e-40];

for (const size of [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 31]) {
  test(`wasm: softmax over rows of ${size} is XNNPACK's, bit for bit`, () => {
    const rows = 600;
    const random = seedrandom(`softmax ${size}`);
    const values = Float32Array.from({ length: rows * size }, (_, i) =>
      i % 97 === 5 ? (SPECIAL[(i / 97) % SPECIAL.length] as number) : (random() - 0.5) * 40 * random(),
    );
    const out = tf.tidy(() => tf.softmax(tf.tensor2d(values, [rows, size])).dataSync());
    for (let r = 0; r < rows; r++) {
      const expected = xnnSoftmax(values.subarray(r * size, (r + 1) * size));
      expected.forEach((v, j) => assert.ok(Object.is(out[r * size + j], v) || (Number.isNaN(v) && Number.isNaN(out[r * size + j] as number)), `row ${r}, column ${j}: ${out[r * size + j]} vs ${v}`));
    }
  });
}

test('wasm: the transcription tells orders apart (adding the lanes as (0 + 1) + (2 + 3) changes some sums)', () => {
  const random = seedrandom('order');
  let differ = 0;
  for (let r = 0; r < 200; r++) {
    const e = Array.from({ length: 8 }, () => f(random()));
    const lanes = [0, 1, 2, 3].map((i) => f((e[i] as number) + (e[i + 4] as number)));
    const used = f(f((lanes[0] as number) + (lanes[2] as number)) + f((lanes[1] as number) + (lanes[3] as number)));
    const other = f(f((lanes[0] as number) + (lanes[1] as number)) + f((lanes[2] as number) + (lanes[3] as number)));
    if (used !== other) differ++;
  }
  assert.ok(differ > 0);
});
