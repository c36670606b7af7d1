import type { TensorInfo } from '@tensorflow/tfjs';
import { type WasmKernels, heapBlockOn, heapOffset, registerWasmKernel } from './wasm-kernel-module.js';

/** Kernel names: input { u } float32 uniforms, output of its shape. */
export const GUMBEL_FROM_UNIFORMS = 'GumbelFromUniforms';
export const LOGISTIC_FROM_UNIFORMS = 'LogisticFromUniforms';

const TRANSFORMS = [
  [GUMBEL_FROM_UNIFORMS, 'gumbels'],
  [LOGISTIC_FROM_UNIFORMS, 'logistics'],
] as const satisfies readonly (readonly [string, keyof WasmKernels])[];

/**
 * Gumbel noise -log(-log u) and logistic noise log(u / (1 - u)) from uniforms in one pass
 * each (gumbels and logistics in wasm-kernels.wat), where tfjs makes four and three passes
 * over the chunk, calling musl's logf through a function pointer for every value. The
 * kernels compute logf by the same algorithm, with the same table and roundings, so the
 * same bits (a test compares at every uniform of the grid).
 */
export function logNoiseOnWasm(): void {
  for (const [name, transform] of TRANSFORMS) {
    registerWasmKernel(name, (inputs, _attrs, backend, kernels) => {
      const u = inputs.u as TensorInfo;
      if (u.dtype !== 'float32') throw new Error(`${name}: uniforms must be float32, got ${u.dtype}`);
      const out = backend.makeOutput([...u.shape], 'float32');
      const table = heapBlockOn(backend, 'logf', 256, (_heap, at) => kernels.logfTable(at));
      const count = u.shape.reduce((a, b) => a * b, 1);
      kernels[transform](heapOffset(backend, u), count, table, heapOffset(backend, out));
      return out;
    });
  }
}
