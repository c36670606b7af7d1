import type { TensorInfo } from '@tensorflow/tfjs';
import { tf } from './tf.js';
import { heapOffset, registerWasmKernel } from './wasm-kernel-module.js';

/**
 * The kernel's name: inputs { x: [T, c, D], loc: [T, 1, D], weights?: [T, c] } (float32);
 * outputs, sums over the c samples of d = x - loc: with weights [sum w [T, 1, 1],
 * sum w d, sum (w d) d], without [sum d, sum d d] ([T, 1, D] each).
 */
export const DEVIATION_MOMENTS = 'DeviationMoments';

/**
 * deviationMoments in wasm-kernels.wat: one pass over the samples where the tfjs ops
 * (a subtract, a square or two multiplies, and a sum for each moment) make four
 * (plain) or six (weighted), with the same float32 roundings and the same order of
 * additions, so the same bits (a test compares).
 */
export function deviationMomentsOnWasm(): void {
  registerWasmKernel(DEVIATION_MOMENTS, (inputs, _attrs, backend, kernels) => {
    const x = inputs.x as TensorInfo;
    const loc = inputs.loc as TensorInfo;
    const weights = inputs.weights as TensorInfo | undefined;
    const [rows, samples, size] = x.shape as [number, number, number];
    const expected = `x [T, c, D], loc [T, 1, D]${weights ? ', weights [T, c]' : ''}, float32`;
    const fits =
      x.shape.length === 3 &&
      tf.util.arraysEqual(loc.shape, [rows, 1, size]) &&
      (!weights || tf.util.arraysEqual(weights.shape, [rows, samples])) &&
      [x, loc, weights ?? x].every((t) => t.dtype === 'float32');
    if (!fits) throw new Error(`${DEVIATION_MOMENTS}: needs ${expected}, got x [${x.shape}], loc [${loc.shape}]${weights ? `, weights [${weights.shape}]` : ''}`);
    const sum = backend.makeOutput([rows, 1, size], 'float32');
    const sumOfSquares = backend.makeOutput([rows, 1, size], 'float32');
    const total = weights ? backend.makeOutput([rows, 1, 1], 'float32') : undefined;
    kernels.deviationMoments(
      heapOffset(backend, x), heapOffset(backend, loc), weights ? heapOffset(backend, weights) : 0,
      rows, samples, size,
      total ? heapOffset(backend, total) : 0, heapOffset(backend, sum), heapOffset(backend, sumOfSquares),
    );
    return total ? [total, sum, sumOfSquares] : [sum, sumOfSquares];
  });
}
