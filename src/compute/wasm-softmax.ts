import type { TensorInfo } from '@tensorflow/tfjs';
import { type WasmKernelRun, heapOffset, overrideWithWasmKernels } from './wasm-kernel-module.js';

/**
 * tfjs-backend-wasm 4.22's Softmax runs XNNPACK's softmax, three microkernel calls per
 * row: over rows of K = 8 (relaxed categorical samples) 5.0 ms per million values here.
 * softmaxRows in wasm-kernels.wat computes each row by the same algorithm (XNNPACK's
 * rr2-p5 exp, its order of additions, the scale by 1 / sum) in one loop, 2.4 ms, with the
 * same bits (a test compares with a transcription of it that tfjs's kernel also matches).
 */
export function softmaxOnWasm(): void {
  const softmaxRows: WasmKernelRun<TensorInfo | undefined> = (inputs, attrs, backend, kernels) => {
    const logits = inputs.logits as TensorInfo;
    const size = logits.shape.at(-1) ?? 0;
    const count = logits.shape.reduce((a, b) => a * b, 1);
    // tfjs's op only asks for the last axis; anything else keeps tfjs's own kernel.
    const lastAxis = attrs.dim === undefined || attrs.dim === logits.shape.length - 1;
    if (logits.dtype !== 'float32' || count === 0 || !lastAxis) return undefined;
    const out = backend.makeOutput([...logits.shape], 'float32');
    kernels.softmaxRows(heapOffset(backend, logits), count / size, size, heapOffset(backend, out));
    return out;
  };
  overrideWithWasmKernels('Softmax', softmaxRows);
}
