import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import seedrandom from 'seedrandom';
import { compileRowSumsWat } from '../../scripts/row-sums-wat.js';
import { ROW_SUMS_WASM } from '../../src/compute/row-sums-wasm.js';
import { tf } from '../../src/compute/tf.js';
import '../helpers/estimates.js';

/**
 * tfjs-backend-wasm's Sum, which the override must match bit for bit: per output, float32
 * additions from 0 over the summed axes in the order the permutation [kept..., axes as
 * given...] lays them out.
 */
function sequentialSums(values: Float32Array, shape: number[], axes: number[]): Float32Array {
  const kept = shape.map((_, axis) => axis).filter((axis) => !axes.includes(axis));
  const perm = [...kept, ...axes];
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  const rows = kept.reduce((n, axis) => n * (shape[axis] as number), 1);
  const size = values.length / rows;
  const out = new Float32Array(rows);
  const index = new Array<number>(perm.length).fill(0);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < size; j++) {
      sum = Math.fround(sum + (values[perm.reduce((at, axis, i) => at + (index[i] as number) * (strides[axis] as number), 0)] as number));
      // Next index of the permuted layout, last axis fastest.
      for (let i = perm.length - 1; i >= 0; i--) {
        index[i] = (index[i] as number) + 1;
        if ((index[i] as number) < (shape[perm[i] as number] as number)) break;
        index[i] = 0;
      }
    }
    out[r] = sum;
  }
  return out;
}

/** Values spread over many binades with both signs, so the order of the additions shows in the last bits. */
function spread(size: number, seed: string): Float32Array {
  const random = seedrandom(seed);
  return Float32Array.from({ length: size }, () => (random() - 0.4) * Math.exp(12 * random()));
}

test('row-sums-wasm.ts is row-sums.wat as compiled now (run `npm run wasm` after editing the .wat)', async () => {
  const source = readFileSync(new URL('../../src/compute/row-sums.wat', import.meta.url), 'utf8');
  assert.equal(Buffer.from(await compileRowSumsWat(source)).toString('base64'), ROW_SUMS_WASM);
});

test('wasm: Sum runs the row-sums kernel', () => {
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(tf.getKernel('Sum', 'wasm')?.kernelFunc.name, 'sumRows');
});

const cases: { shape: number[]; axis: number | number[]; keepDims?: boolean }[] = [
  { shape: [203, 517], axis: 1 }, // rows not a multiple of 8
  { shape: [200, 431, 1], axis: 1, keepDims: true }, // the sample axis of a Gaussian chunk, read in place
  { shape: [16, 97, 8], axis: 1, keepDims: true }, // the sample axis of a categorical chunk: a real transpose
  { shape: [9, 31, 8], axis: [1, 2] },
  { shape: [9, 31, 8], axis: [2, 1] }, // the same sums in the other order of additions
  { shape: [5, 7, 3], axis: [0, 2] },
  { shape: [3, 1, 4, 1, 5], axis: [1, 3, 4] },
  { shape: [11, 13], axis: -1 },
  { shape: [4097], axis: 0 },
  { shape: [6, 1], axis: 1 },
];

for (const { shape, axis, keepDims = false } of cases) {
  test(`wasm: Sum of [${shape}] over ${JSON.stringify(axis)}${keepDims ? ' (keepDims)' : ''} is tfjs's float32 order, bit for bit`, () => {
    const values = spread(shape.reduce((a, b) => a * b, 1), JSON.stringify(shape));
    const axes = tf.util.parseAxisParam(axis, shape);
    const expected = sequentialSums(values, shape, axes);
    const sum = tf.tidy(() => tf.tensor(values, shape).sum(axis, keepDims));
    const kept = shape.filter((_, i) => !axes.includes(i));
    assert.deepEqual(sum.shape, keepDims ? shape.map((n, i) => (axes.includes(i) ? 1 : n)) : kept);
    assert.deepEqual(Array.from(sum.dataSync()), Array.from(expected));
    sum.dispose();
  });
}

test('wasm: summing in another order changes the last bits of these values (the test above can tell orders apart)', () => {
  const shape = [9, 31, 8];
  const values = spread(9 * 31 * 8, JSON.stringify(shape));
  const inOrder = sequentialSums(values, shape, [1, 2]);
  const swapped = sequentialSums(values, shape, [2, 1]);
  assert.ok(inOrder.some((v, i) => v !== swapped[i]));
});

test('wasm: int32 and empty sums keep tfjs kernel; gradients of Sum are unchanged', () => {
  const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
  const intSums = ints.sum(1);
  assert.equal(intSums.dtype, 'int32');
  assert.deepEqual(Array.from(intSums.dataSync()), [6, 15]);
  const empty = tf.zeros([3, 0]).sum(0);
  assert.deepEqual(empty.shape, [0]);
  const x = tf.tensor3d([1, 2, 3, 4, 5, 6], [2, 3, 1]);
  const dx = tf.grad((a) => a.sum(1).mul(tf.tensor2d([[2], [3]])).sum())(x);
  assert.deepEqual(Array.from(dx.dataSync()), [2, 2, 2, 3, 3, 3]);
  tf.dispose([ints, intSums, empty, x, dx]);
});
