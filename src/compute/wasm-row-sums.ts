import type { DataType, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { ROW_SUMS_WASM } from './row-sums-wasm.js';
import { tf } from './tf.js';

/** The parts of tfjs-backend-wasm's backend this kernel reads and writes. */
interface WasmBackend {
  readonly wasm: { readonly asm?: { readonly memory?: unknown } };
  readonly dataIdMap: { get(dataId: object): { readonly memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  disposeData(dataId: object): void;
}

type RowSums = (x: number, rows: number, size: number, out: number) => void;

/** row-sums.wat instantiated on each backend's memory (a backend started again has a new one). */
const instances = new WeakMap<WebAssembly.Memory, RowSums>();

function rowSumsOn(backend: WasmBackend): RowSums | undefined {
  const memory = backend.wasm.asm?.memory;
  // A shared memory (threaded wasm, not used in Node) cannot be imported as declared.
  if (!(memory instanceof WebAssembly.Memory) || memory.buffer instanceof SharedArrayBuffer) return undefined;
  let rowSums = instances.get(memory);
  if (!rowSums) {
    const module = new WebAssembly.Module(Buffer.from(ROW_SUMS_WASM, 'base64'));
    rowSums = new WebAssembly.Instance(module, { env: { memory } }).exports.rowSums as RowSums;
    instances.set(memory, rowSums);
  }
  return rowSums;
}

/** Our Sum kernels, so that installing twice does not wrap one in another. */
const installed = new WeakSet<KernelFunc>();

/**
 * The axes of x in the order that puts the summed ones last, as tfjs's Sum transposes
 * (kept axes as they are, then the summed ones as given, which sets the order of the
 * additions), or undefined when x's data already lies in that order: axes of length 1
 * move no data.
 */
function permutationToRows(shape: readonly number[], summed: readonly number[]): number[] | undefined {
  const kept = shape.map((_, axis) => axis).filter((axis) => !summed.includes(axis));
  const perm = [...kept, ...summed];
  const moving = perm.filter((axis) => shape[axis] !== 1);
  return moving.every((axis, i) => i === 0 || axis > (moving[i - 1] as number)) ? undefined : perm;
}

/**
 * tfjs-backend-wasm 4.22 sums each output with one chain of float32 additions, every
 * addition waiting on the one before (1.0-1.1 ms per million values at T = 200); reducing
 * over the sample axis of a [T, c, 1] tensor also copies it first, a transpose that moves
 * nothing. This Sum adds eight rows at once in row-sums.wat, each in the same order from
 * the same 0, so every output is bit-identical (0.3 ms per million), and reads [T, c, 1]
 * in place. Other types, and empty tensors, keep tfjs's kernel. Needs the backend's memory
 * unshared (single-threaded wasm, as in Node); otherwise Sum stays as it is. Idempotent.
 */
export function sumRowsOnWasm(): void {
  const original = tf.getKernel('Sum', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose || installed.has(original.kernelFunc)) return;
  const offsetOf = (backend: WasmBackend, x: TensorInfo) => backend.dataIdMap.get(x.dataId)?.memoryOffset as number;

  const sumRows: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    const backend = args.backend as unknown as WasmBackend;
    const size = x.shape.reduce((a, b) => a * b, 1);
    const rowSums = rowSumsOn(backend);
    if (x.dtype !== 'float32' || size === 0 || !rowSums) return original.kernelFunc(args);
    const summed = tf.util.parseAxisParam(args.attrs?.axis as number | number[], x.shape);
    const kept = x.shape.filter((_, axis) => !summed.includes(axis));
    const rows = kept.reduce((a, b) => a * b, 1);
    const perm = permutationToRows(x.shape, summed);
    const input = perm ? (transpose.kernelFunc({ inputs: { x }, attrs: { perm }, backend: args.backend }) as TensorInfo) : x;
    const out = backend.makeOutput(args.attrs?.keepDims === true ? x.shape.map((n, axis) => (summed.includes(axis) ? 1 : n)) : kept, 'float32');
    rowSums(offsetOf(backend, input), rows, size / rows, offsetOf(backend, out));
    if (perm) backend.disposeData(input.dataId);
    return out;
  };
  installed.add(sumRows);
  tf.unregisterKernel('Sum', 'wasm');
  tf.registerKernel({ ...original, kernelFunc: sumRows } satisfies KernelConfig);
}
