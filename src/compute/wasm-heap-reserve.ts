import type { WasmBackend } from './wasm-kernel-module.js';
import { tf } from './tf.js';

/**
 * Wasm heap grown to when the backend starts. Left to grow on demand, it grows in steps
 * through the first cells, and V8 takes each step as new external memory and collects
 * garbage for it: in a --jobs 2 run of the bench's 40-cell grid, 19 of 43 young and most
 * of 12 full collections (tracing GC), run partly on the threads the other engine needs.
 * A full chunk's tape takes 28-83 MB of heap here (REBAR 120-172 MB). Pages stay
 * untouched, so not resident, until tensors use them.
 */
export const RESERVED_HEAP_BYTES = 128 * 2 ** 20;

/** Grows the wasm backend's heap once, through its own allocator so that its views follow. */
export function reserveHeapOnWasm(bytes = RESERVED_HEAP_BYTES): void {
  const { wasm } = tf.backend() as unknown as WasmBackend;
  wasm._free(wasm._malloc(bytes));
}
