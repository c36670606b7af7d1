import type { TensorInfo } from '@tensorflow/tfjs';
import { POLAR_TABLES } from '../random/polar.js';
import { type WasmBackend, heapOffset, registerWasmKernel } from './wasm-kernel-module.js';

/** The kernel's name: inputs { u: [rows, width] uniforms }, attrs { draws }; output [rows, draws] normals. */
export const NORMALS_ON_GRID = 'NormalsOnGrid';

/** polar.ts's tables copied into each backend's heap, once. */
const tablesAt = new WeakMap<object, number>();

function tablesOn(backend: WasmBackend): number {
  let at = tablesAt.get(backend);
  if (at === undefined) {
    const length = POLAR_TABLES.reduce((n, table) => n + table.length, 0);
    at = backend.wasm._malloc(8 * length);
    const heap = new Float64Array((backend.wasm.asm?.memory as WebAssembly.Memory).buffer, at, length);
    let offset = 0;
    for (const table of POLAR_TABLES) {
      heap.set(table, offset);
      offset += table.length;
    }
    tablesAt.set(backend, at);
  }
  return at;
}

/**
 * Box-Muller normals on the backend: the float64 loop of random/base-noise.ts
 * (Math.log, Math.sqrt, polar.ts's tables) as normalsOnGrid in wasm-kernels.wat, with
 * fdlibm's logarithm as V8 computes Math.log, writing float32 straight into the chunk's
 * tensor: the same bits as drawing in JavaScript, converting and uploading (tests check
 * every point of the grid), with no float64 array, conversion or upload between (a
 * Gaussian pathwise cell at n = 10^4: 42.2 -> 34.0 ms, in-process A/B). Each row of u
 * holds a trial's uniforms, paired consecutively; an odd draws drops each row's last sine.
 */
export function normalsOnWasm(): void {
  registerWasmKernel(NORMALS_ON_GRID, (inputs, attrs, backend, kernels) => {
    const u = inputs.u as TensorInfo;
    const draws = attrs.draws as number;
    const [rows, width] = u.shape as [number, number];
    if (u.dtype !== 'float32' || width < draws + (draws % 2)) throw new Error(`${NORMALS_ON_GRID}: ${draws} normals need ${draws + (draws % 2)} float32 uniforms per row, got [${u.shape}] ${u.dtype}`);
    const out = backend.makeOutput([rows, draws], 'float32');
    kernels.normalsOnGrid(heapOffset(backend, u), rows, width, draws, tablesOn(backend), heapOffset(backend, out));
    return out;
  });
}
