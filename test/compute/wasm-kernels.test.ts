import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import seedrandom from 'seedrandom';
import { compileWasmKernels } from '../../scripts/wasm-kernels-wat.js';
import { SHORT_RUN, mergedAxes } from '../../src/compute/wasm-broadcast-arithmetic.js';
import { WASM_KERNELS } from '../../src/compute/wasm-kernels-binary.js';
import { type Tensor, tf } from '../../src/compute/tf.js';
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

test('wasm-kernels-binary.ts is wasm-kernels.wat as compiled now (run `npm run wasm` after editing the .wat)', async () => {
  const source = readFileSync(new URL('../../src/compute/wasm-kernels.wat', import.meta.url), 'utf8');
  assert.equal(Buffer.from(await compileWasmKernels(source)).toString('base64'), WASM_KERNELS);
});

test('wasm: Sum and the four arithmetic kernels run the kernels of wasm-kernels.wat', () => {
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(tf.getKernel('Sum', 'wasm')?.kernelFunc.name, 'sumRows');
  for (const name of ['Add', 'Sub', 'Multiply', 'RealDiv']) assert.equal(tf.getKernel(name, 'wasm')?.kernelFunc.name, 'broadcastArithmetic');
});

const cases: { shape: number[]; axis: number | number[]; keepDims?: boolean }[] = [
  { shape: [203, 517], axis: 1 }, // rows not a multiple of 8
  { shape: [200, 431, 1], axis: 1, keepDims: true }, // the sample axis of a Gaussian chunk, read in place
  { shape: [16, 97, 8], axis: 1, keepDims: true }, // the sample axis of a categorical chunk: summed in place
  { shape: [6, 37, 5], axis: 1 }, // a middle axis with inner runs in vectors and not
  { shape: [4, 9, 2, 3], axis: [1, 2] }, // a middle block of two axes, inner run of 3
  { shape: [30, 8], axis: 0 }, // nothing outside the block
  { shape: [4, 9, 1, 3, 5], axis: [1, 3] }, // a kept axis of length 1 between: tfjs's transpose path
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

test('broadcast axes merge where both operands read two axes as one run', () => {
  assert.deepEqual(mergedAxes([2, 3, 4], [2, 3, 4], [2, 1, 4]), { dims: [2, 3, 4], a: [12, 4, 1], b: [4, 0, 1] });
  assert.deepEqual(mergedAxes([2, 3, 4], [2, 3, 4], [4]), { dims: [6, 4], a: [4, 1], b: [0, 1] });
  assert.deepEqual(mergedAxes([2, 3, 4], [2, 3, 4], [2, 3, 1]), { dims: [6, 4], a: [4, 1], b: [1, 0] });
  assert.deepEqual(mergedAxes([2, 1, 3, 1], [2, 1, 3, 1], [1]), { dims: [6], a: [1], b: [0] });
  assert.deepEqual(mergedAxes([5, 6], [5, 1], [1, 6]), { dims: [5, 6], a: [1, 0], b: [0, 1] });
});

/** Values with both zeros, infinities, NaN, subnormals and a wide spread of magnitudes. */
function awkward(size: number, seed: string): Float32Array {
  const special = [0, -0, Infinity, -Infinity, NaN, 1e-45, -3e-39, 3.4e38];
  const values = spread(size, seed);
  for (let i = 0; i < size; i += 7) values[i] = special[(i / 7) % special.length] as number;
  return values;
}

const IEEE: Record<string, (x: number, y: number) => number> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
};

/** a op b elementwise with numpy broadcasting, in float64 and rounded: the IEEE float32 result of one op. */
function reference(op: string, a: Float32Array, aShape: number[], b: Float32Array, bShape: number[], out: number[]): Float32Array {
  const index = (shape: number[], at: number[]) =>
    shape.reduce((flat, n, i) => flat * n + (n === 1 ? 0 : (at[i + out.length - shape.length] as number)), 0);
  const size = out.reduce((x, y) => x * y, 1);
  const result = new Float32Array(size);
  for (let flat = 0; flat < size; flat++) {
    const at = out.map((_, i) => Math.floor(flat / out.slice(i + 1).reduce((x, y) => x * y, 1)) % (out[i] as number));
    result[flat] = (IEEE[op] as (x: number, y: number) => number)(a[index(aShape, at)] as number, b[index(bShape, at)] as number);
  }
  return result;
}

const broadcasts: [number[], number[]][] = [
  [[13, 7, 8], [13, 1, 8]], // logits against a chunk's samples
  [[13, 7, 5], [13, 1, 5]], // runs not in whole f32x4 vectors: the scalar loop
  [[13, 7, 12], [13, 7, 1]], // three vectors a run, one operand repeated
  [[13, 7, 1], [13, 7, 8]], // the repeated operand first (dy of a per-sample f against K)
  [[13, 7, 8], [8]], // rewards
  [[13, 7, 8], [13, 7, 1]], // per-sample weights against K
  [[13, 1, 8], [13, 7, 8]], // the broadcast operand first
  [[3, 5, 2, 8], [3, 1, 2, 8]], // four axes that merge into three
  [[3, 5, 2, 8], [3, 1, 1, 8]], // axes 1 and 2 merge
  [[3, 5, 2, 8], [3, 1, 2, 1]], // four axes that do not merge: tfjs's kernel
  [[13, 7, SHORT_RUN], [13, 1, SHORT_RUN]], // runs long enough for tfjs's kernel
  [[13, 700, 1], [13, 1, 1]], // one value per row: tfjs's kernel
];

for (const [aShape, bShape] of broadcasts) {
  test(`wasm: add, sub, mul, div of [${aShape}] and [${bShape}] are IEEE float32 bit for bit`, () => {
    const a = awkward(aShape.reduce((x, y) => x * y, 1), `a${aShape}`);
    const b = awkward(bShape.reduce((x, y) => x * y, 1), `b${bShape}`);
    const out = tf.backend_util.assertAndGetBroadcastShape(aShape, bShape);
    for (const op of Object.keys(IEEE)) {
      const result = tf.tidy(() => {
        const x = tf.tensor(a, aShape);
        return (x[op as 'add'] as (y: Tensor) => Tensor).call(x, tf.tensor(b, bShape));
      });
      assert.deepEqual(result.shape, out);
      const expected = reference(op, a, aShape, b, bShape, out);
      // Object.is tells -0 from 0 and takes any NaN for any other.
      const mismatch = Array.from(result.dataSync()).findIndex((v, i) => !Object.is(v, expected[i]));
      assert.equal(mismatch, -1, `${op}: first difference at ${mismatch}`);
      result.dispose();
    }
  });
}
