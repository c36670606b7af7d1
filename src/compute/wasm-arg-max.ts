import type { TensorInfo } from '@tensorflow/tfjs';
import { type WasmKernelRun, heapOffset, overrideWithWasmKernels } from './wasm-kernel-module.js';
import { tf } from './tf.js';

/**
 * tfjs-backend-wasm 4.22's ArgMax keeps the row's winner with a branch, which mispredicts
 * on rows of noise (Gumbel-max sampling over K classes: 3.5 ms per million values here).
 * Over the last axis of float32 data this ArgMax runs argMaxRows in wasm-kernels.wat, the
 * same comparisons in the same order without the branch, so the same indices, NaN and
 * ties included. Other axes and types keep tfjs's kernel.
 */
export function argMaxOnWasm(): void {
  const argMaxRows: WasmKernelRun<TensorInfo | undefined> = (inputs, attrs, backend, kernels) => {
    const x = inputs.x as TensorInfo;
    const last = x.shape.length - 1;
    const size = x.shape[last] ?? 0;
    const [axis] = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
    if (x.dtype !== 'float32' || axis !== last || size === 0) return undefined;
    const out = backend.makeOutput(x.shape.slice(0, -1), 'int32');
    const rows = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
    kernels.argMaxRows(heapOffset(backend, x), rows, size, heapOffset(backend, out));
    return out;
  };
  overrideWithWasmKernels('ArgMax', argMaxRows);
}
