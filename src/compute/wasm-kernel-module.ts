import type { DataType, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';
import { WASM_KERNELS } from './wasm-kernels-binary.js';
import { tf } from './tf.js';

/** The parts of tfjs-backend-wasm's backend that kernels written here read and write. */
export interface WasmBackend {
  readonly wasm: { readonly asm?: { readonly memory?: unknown }; _malloc(bytes: number): number; _free(at: number): void };
  readonly dataIdMap: { get(dataId: object): { readonly memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  disposeData(dataId: object): void;
  incRef(dataId: object): void;
}

/** The exports of wasm-kernels.wat; pointers and strides in bytes. */
export interface WasmKernels {
  rowSums(x: number, rows: number, size: number, out: number): void;
  middleSums(x: number, outer: number, middle: number, inner: number, out: number): void;
  arithmetic(
    op: number, a: number, b: number, out: number,
    d0: number, d1: number, d2: number,
    a0: number, a1: number, a2: number,
    b0: number, b1: number, b2: number,
  ): void;
  normalsOnGrid(u: number, rows: number, width: number, draws: number, tables: number, out: number): void;
  log(x: number): number;
  xor4096Uniforms(states: number, rows: number, count: number, out: number, ring: number): void;
  argMaxRows(x: number, rows: number, size: number, out: number): void;
  softmaxRows(x: number, rows: number, size: number, out: number): void;
  logfTable(at: number): void;
  gumbels(u: number, count: number, table: number, out: number): void;
  logistics(u: number, count: number, table: number, out: number): void;
  deviationMoments(
    x: number, loc: number, w: number, rows: number, samples: number, size: number,
    out0: number, out1: number, out2: number,
  ): void;
}

/** wasm-kernels.wat instantiated on each backend's memory (a backend started again has a new one). */
const instances = new WeakMap<WebAssembly.Memory, WasmKernels>();

/** The kernels on the backend's heap; undefined where its memory is shared (threaded wasm, not used in Node). */
export function wasmKernelsOn(backend: WasmBackend): WasmKernels | undefined {
  const memory = backend.wasm.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory) || memory.buffer instanceof SharedArrayBuffer) return undefined;
  let kernels = instances.get(memory);
  if (!kernels) {
    const module = new WebAssembly.Module(Buffer.from(WASM_KERNELS, 'base64'));
    kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as WasmKernels;
    instances.set(memory, kernels);
  }
  return kernels;
}

/** Byte offset of a tensor's data in the backend's heap. */
export function heapOffset(backend: WasmBackend, x: TensorInfo): number {
  const data = backend.dataIdMap.get(x.dataId);
  if (!data) throw new Error('tensor data is not on the wasm backend');
  return data.memoryOffset;
}

/** Heap blocks kept for a backend's lifetime, by name. */
const blocks = new WeakMap<WasmBackend, Map<string, number>>();

/**
 * Byte offset of `bytes` of the backend's heap reserved for `name` (tables, scratch),
 * allocated and filled (`fill` gets the heap's buffer and the offset) on first use.
 */
export function heapBlockOn(backend: WasmBackend, name: string, bytes: number, fill?: (heap: ArrayBuffer, at: number) => void): number {
  let named = blocks.get(backend);
  if (!named) blocks.set(backend, (named = new Map()));
  let at = named.get(name);
  if (at === undefined) {
    at = backend.wasm._malloc(bytes);
    fill?.((backend.wasm.asm?.memory as WebAssembly.Memory).buffer, at);
    named.set(name, at);
  }
  return at;
}

/** Kernels installed here, so that installing twice does not wrap one in another. */
const installed = new WeakSet<KernelFunc>();

/** Replaces tfjs's wasm kernel `name` by what `replace` builds around it, once. */
export function overrideWasmKernel(name: string, replace: (original: KernelFunc) => KernelFunc): void {
  const config = tf.getKernel(name, 'wasm');
  if (!config || installed.has(config.kernelFunc)) return;
  const kernelFunc = replace(config.kernelFunc);
  installed.add(kernelFunc);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...config, kernelFunc });
}

/** What a kernel here computes from, as registerWasmKernel and overrideWithWasmKernels pass it. */
export type WasmKernelRun<Out> = (inputs: NamedTensorInfoMap, attrs: NamedAttrMap, backend: WasmBackend, kernels: WasmKernels) => Out;

/**
 * Replaces tfjs's wasm kernel `name`, once, by `run` on wasm-kernels.wat for the cases
 * `run` takes (it returns the output); where it returns undefined, or the backend cannot
 * run wasm-kernels.wat, tfjs's own kernel runs. The kernel is named after `run` (tests
 * check which kernel is installed by that name).
 */
export function overrideWithWasmKernels(name: string, run: WasmKernelRun<TensorInfo | undefined>): void {
  overrideWasmKernel(name, (original) => {
    const kernelFunc: KernelFunc = (args) => {
      const backend = args.backend as unknown as WasmBackend;
      const kernels = wasmKernelsOn(backend);
      return (kernels && run(args.inputs, args.attrs ?? {}, backend, kernels)) ?? original(args);
    };
    return Object.defineProperty(kernelFunc, 'name', { value: run.name });
  });
}

/**
 * Registers a kernel of this module's own on wasm, once, where the backend can run
 * wasm-kernels.wat (else there is no such kernel, and callers take their JavaScript path).
 */
export function registerWasmKernel(name: string, run: WasmKernelRun<TensorInfo | TensorInfo[]>): void {
  const wasm = tf.findBackend('wasm') as unknown as WasmBackend | undefined;
  if (tf.getKernel(name, 'wasm') || !wasm || !wasmKernelsOn(wasm)) return;
  const kernelFunc: KernelFunc = ({ inputs, attrs, backend }) => {
    const onWasm = backend as unknown as WasmBackend;
    return run(inputs, attrs ?? {}, onWasm, wasmKernelsOn(onWasm) as WasmKernels);
  };
  tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc });
}
