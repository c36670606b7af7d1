import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs';
import { type WasmKernelRun, heapOffset, overrideWithWasmKernels } from './wasm-kernel-module.js';
import { tf } from './tf.js';

/**
 * The axes of x in the order that puts the summed ones last, as tfjs's Sum transposes
 * (kept axes as they are, then the summed ones as given, which sets the order of the
 * additions), or undefined when x's data already lies in that order: axes of length 1
 * move no data.
 */
function permutationToRows(shape: readonly number[], summed: readonly number[]): number[] | undefined {
  const kept = shape.map((_, axis) => axis).filter((axis) => !summed.includes(axis));
  const perm = [...kept, ...summed];
  const moving = perm.filter((axis) => shape[axis] !== 1);
  return moving.every((axis, i) => i === 0 || axis > (moving[i - 1] as number)) ? undefined : perm;
}

/**
 * Sizes [outer, middle, inner] of x read as [kept before, summed, kept after] when the
 * summed axes of length > 1 are consecutive in x and given in increasing order, with kept
 * axes of length > 1 after them: summing the middle in place then adds in tfjs's order
 * (the transpose it makes puts them last in that order). Else undefined.
 */
function middleBlock(shape: readonly number[], summed: readonly number[]): [number, number, number] | undefined {
  const moving = summed.filter((axis) => shape[axis] !== 1);
  const first = moving[0];
  const last = moving.at(-1);
  if (first === undefined || last === undefined || moving.some((axis, i) => i > 0 && axis !== (moving[i - 1] as number) + 1)) return undefined;
  const size = (from: number, to: number) => shape.slice(from, to).reduce((a, b) => a * b, 1);
  const inner = size(last + 1, shape.length);
  return inner > 1 ? [size(0, first), size(first, last + 1), inner] : undefined;
}

/**
 * tfjs-backend-wasm 4.22 sums each output with one chain of float32 additions, every
 * addition waiting on the one before (1.0-1.1 ms per million values at T = 200); reducing
 * over the sample axis of a [T, c, 1] tensor also copies it first, a transpose that moves
 * nothing. This Sum adds eight rows at once (rowSums in wasm-kernels.wat), each in the
 * same order from the same 0, so every output is bit-identical (0.3 ms per million), and
 * reads [T, c, 1] in place. Over a middle block of axes, such as the sample axis of
 * [T, c, K], it sums in place (middleSums) where tfjs transposes first (a categorical
 * Gumbel-Softmax cell at n = 10^4, these 15 Sums timed in the kernel: 18.8-27.7 -> 8.2-8.8
 * ms). Other types and empty tensors keep tfjs's kernel.
 */
export function sumRowsOnWasm(): void {
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!transpose) return;
  const sumRows: WasmKernelRun<TensorInfo | undefined> = (inputs, attrs, backend, kernels) => {
    const x = inputs.x as TensorInfo;
    const size = x.shape.reduce((a, b) => a * b, 1);
    if (x.dtype !== 'float32' || size === 0) return undefined;
    const summed = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const kept = x.shape.filter((_, axis) => !summed.includes(axis));
    const perm = permutationToRows(x.shape, summed);
    const out = backend.makeOutput(attrs.keepDims === true ? x.shape.map((n, axis) => (summed.includes(axis) ? 1 : n)) : kept, 'float32');
    const block = perm && middleBlock(x.shape, summed);
    if (block) {
      kernels.middleSums(heapOffset(backend, x), ...block, heapOffset(backend, out));
      return out;
    }
    const input = perm ? (transpose.kernelFunc({ inputs: { x }, attrs: { perm }, backend: backend as unknown as KernelBackend }) as TensorInfo) : x;
    const rows = kept.reduce((a, b) => a * b, 1);
    kernels.rowSums(heapOffset(backend, input), rows, size / rows, heapOffset(backend, out));
    if (perm) backend.disposeData(input.dataId);
    return out;
  };
  overrideWithWasmKernels('Sum', sumRows);
}
