import type { TensorInfo } from '@tensorflow/tfjs';
import { POLAR_TABLES } from '../random/polar.js';
import { type WasmBackend, heapBlockOn, heapOffset, registerWasmKernel } from './wasm-kernel-module.js';

/** The kernel's name: inputs { u: [rows, width] uniforms }, attrs { draws }; output [rows, draws] normals. */
export const NORMALS_ON_GRID = 'NormalsOnGrid';

const TABLE_VALUES = POLAR_TABLES.reduce((n, table) => n + table.length, 0);

/** polar.ts's tables, copied into the backend's heap once. */
function tablesOn(backend: WasmBackend): number {
  return heapBlockOn(backend, NORMALS_ON_GRID, 8 * TABLE_VALUES, (heap, at) => {
    const tables = new Float64Array(heap, at, TABLE_VALUES);
    let offset = 0;
    for (const table of POLAR_TABLES) {
      tables.set(table, offset);
      offset += table.length;
    }
  });
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
