import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { type WasmBackend, overrideWasmKernel } from './wasm-kernel-module.js';

/** The output is the input's data under one more reference, as wasm's Reshape already does. */
function share(x: TensorInfo, backend: WasmBackend): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * tfjs core clones (Identity) every tensor it saves for a backward pass, and its
 * gradients cast float32 inputs to float32; tfjs-backend-wasm 4.22 copies the data for
 * both, one more pass over a whole [T, c, size] chunk per taped op (5 copies per chunk
 * of a Gaussian pathwise cell, 18% of its kernel time). Tensors are immutable and the
 * backend counts references to shared data (its Reshape shares), so Identity and
 * same-type Cast now share; other casts convert as before.
 */
export function shareDataOnWasm(): void {
  overrideWasmKernel('Identity', () => {
    const shareIdentity: KernelFunc = ({ inputs, backend }) => share(inputs.x as TensorInfo, backend as unknown as WasmBackend);
    return shareIdentity;
  });
  overrideWasmKernel('Cast', (convert) => {
    const castOrShare: KernelFunc = (args) => {
      const x = args.inputs.x as TensorInfo;
      return x.dtype === args.attrs?.dtype ? share(x, args.backend as unknown as WasmBackend) : convert(args);
    };
    return castOrShare;
  });
}
