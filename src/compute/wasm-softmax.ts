import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { type WasmBackend, heapOffset, overrideWasmKernel, wasmKernelsOn } from './wasm-kernel-module.js';

/**
 * tfjs-backend-wasm 4.22's Softmax runs XNNPACK's softmax, three microkernel calls per
 * row: over rows of K = 8 (relaxed categorical samples) 5.0 ms per million values here.
 * softmaxRows in wasm-kernels.wat computes each row by the same algorithm (XNNPACK's
 * rr2-p5 exp, its order of additions, the scale by 1 / sum) in one loop, 2.4 ms, with the
 * same bits (a test compares with a transcription of it that tfjs's kernel also matches).
 */
export function softmaxOnWasm(): void {
  overrideWasmKernel('Softmax', (original) => {
    const softmaxRows: KernelFunc = (args) => {
      const logits = args.inputs.logits as TensorInfo;
      const backend = args.backend as unknown as WasmBackend;
      const kernels = wasmKernelsOn(backend);
      const size = logits.shape.at(-1) ?? 0;
      const count = logits.shape.reduce((a, b) => a * b, 1);
      // tfjs's op only asks for the last axis; anything else keeps tfjs's own kernel.
      const lastAxis = args.attrs?.dim === undefined || args.attrs.dim === logits.shape.length - 1;
      if (!kernels || logits.dtype !== 'float32' || count === 0 || !lastAxis) return original(args);
      const out = backend.makeOutput([...logits.shape], 'float32');
      kernels.softmaxRows(heapOffset(backend, logits), count / size, size, heapOffset(backend, out));
      return out;
    };
    return softmaxRows;
  });
}
