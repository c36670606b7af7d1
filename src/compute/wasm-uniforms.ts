import type { TensorInfo } from '@tensorflow/tfjs';
import { STREAM_STATE_LENGTH } from '../random/noise-stream.js';
import { heapBlockOn, heapOffset, registerWasmKernel } from './wasm-kernel-module.js';

/**
 * The kernel's name: inputs { states: int32 [rows, STREAM_STATE_LENGTH] } (NoiseStream
 * states, as saveState writes them), attrs { count }; outputs the next count uniforms of
 * each [rows, count] (float32) and the states after them.
 */
export const XOR4096_UNIFORMS = 'Xor4096Uniforms';

/**
 * random/noise-stream.ts's xor4096 loop (xor4096Uniforms in wasm-kernels.wat): the same
 * integer steps, so the same uniforms, written straight into the chunk's tensor instead
 * of a JavaScript array that is then uploaded, four streams at a time in SIMD lanes
 * (UniformRows.next over 200 streams: 1.1 ms per million; one stream at a time 2.7 ms,
 * the JavaScript loop 3.2-5.2 ms).
 */
export function uniformsOnWasm(): void {
  registerWasmKernel(XOR4096_UNIFORMS, (inputs, attrs, backend, kernels) => {
    const states = inputs.states as TensorInfo;
    const count = attrs.count as number;
    const [rows, length] = states.shape as [number, number];
    if (states.dtype !== 'int32' || length !== STREAM_STATE_LENGTH) {
      throw new Error(`${XOR4096_UNIFORMS}: states must be int32 [rows, ${STREAM_STATE_LENGTH}], got [${states.shape}] ${states.dtype}`);
    }
    const uniforms = backend.makeOutput([rows, count], 'float32');
    const next = backend.makeOutput([rows, length], 'int32');
    // The heap may have grown while the outputs were allocated: view it afresh.
    const heap = new Int32Array((backend.wasm.asm?.memory as WebAssembly.Memory).buffer);
    const from = heapOffset(backend, states) / 4;
    heap.copyWithin(heapOffset(backend, next) / 4, from, from + rows * length);
    // Scratch for four rings interleaved (the kernel steps four streams in SIMD lanes).
    const ring = heapBlockOn(backend, XOR4096_UNIFORMS, 4 * 4 * 128);
    kernels.xor4096Uniforms(heapOffset(backend, next), rows, count, heapOffset(backend, uniforms), ring);
    return [uniforms, next];
  });
}
