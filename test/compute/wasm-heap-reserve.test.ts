import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tf } from '../../src/compute/tf.js';
import { RESERVED_HEAP_BYTES } from '../../src/compute/wasm-heap-reserve.js';
import type { WasmBackend } from '../../src/compute/wasm-kernel-module.js';
import '../helpers/estimates.js';

test('wasm: the backend starts with its heap grown to the reserve, and allocates from it', () => {
  assert.equal(tf.getBackend(), 'wasm');
  const memory = (tf.backend() as unknown as WasmBackend).wasm.asm?.memory as WebAssembly.Memory;
  const size = memory.buffer.byteLength;
  assert.ok(size >= RESERVED_HEAP_BYTES, `heap ${size} bytes`);
  const x = tf.zeros([(RESERVED_HEAP_BYTES / 4) * 0.5]);
  assert.equal(memory.buffer.byteLength, size, 'a tensor of half the reserve fits without growing the heap');
  x.dispose();
});
