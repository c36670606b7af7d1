import type { TensorInfo } from '@tensorflow/tfjs';
import { type WasmKernelRun, heapOffset, overrideWithWasmKernels } from './wasm-kernel-module.js';
import { tf } from './tf.js';

/** The op codes of arithmetic in wasm-kernels.wat. */
const OPS = { Add: 0, Sub: 1, Multiply: 2, RealDiv: 3 } as const;

/**
 * Below this many values in the innermost run that both operands read without
 * broadcasting, XNNPACK's per-run overhead dominates and the loop here is faster; above
 * it, XNNPACK's vectorized loop is.
 */
export const SHORT_RUN = 64;

/** Element strides of an operand of `shape` read along each axis of the output (0 where it broadcasts). */
function broadcastStrides(shape: readonly number[], out: readonly number[]): number[] {
  const offset = out.length - shape.length;
  const strides = new Array<number>(out.length).fill(0);
  let stride = 1;
  for (let axis = out.length - 1; axis >= offset; axis--) {
    const n = shape[axis - offset] as number;
    if (n !== 1) strides[axis] = stride;
    stride *= n;
  }
  return strides;
}

/**
 * The output's axes with length-1 axes dropped and neighbours merged wherever both
 * operands read the pair as one run (outer stride = inner stride x inner length), with
 * each operand's element strides.
 */
export function mergedAxes(out: readonly number[], aShape: readonly number[], bShape: readonly number[]) {
  const aStrides = broadcastStrides(aShape, out);
  const bStrides = broadcastStrides(bShape, out);
  const dims: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (let axis = 0; axis < out.length; axis++) {
    const n = out[axis] as number;
    if (n === 1) continue;
    const sa = aStrides[axis] as number;
    const sb = bStrides[axis] as number;
    const last = dims.length - 1;
    if (last >= 0 && a[last] === sa * n && b[last] === sb * n) {
      dims[last] = (dims[last] as number) * n;
      a[last] = sa;
      b[last] = sb;
    } else {
      dims.push(n);
      a.push(sa);
      b.push(sb);
    }
  }
  return { dims, a, b };
}

/**
 * tfjs-backend-wasm 4.22 runs float32 Add, Sub, Multiply and RealDiv through XNNPACK,
 * which broadcasts by calling its vector loop once per innermost run: over [T, c, K]
 * with an operand of shape [T, 1, K], [K] or [T, c, 1] (logits, rewards and per-sample
 * weights against K = 8 categories), one call per 8 values, 1.9-2.4 ms per million
 * values against 0.14-0.19 ms without broadcasting. Such broadcasts (at most three
 * merged axes, innermost run under SHORT_RUN) run in one loop here instead (arithmetic
 * in wasm-kernels.wat); each value is the same single IEEE float32 operation, so the
 * results are bit-identical. Everything else keeps tfjs's kernels.
 */
export function broadcastArithmeticOnWasm(): void {
  for (const [name, op] of Object.entries(OPS)) {
    const broadcastArithmetic: WasmKernelRun<TensorInfo | undefined> = (inputs, _attrs, backend, kernels) => {
      const a = inputs.a as TensorInfo;
      const b = inputs.b as TensorInfo;
      if (a.dtype !== 'float32' || b.dtype !== 'float32' || tf.util.arraysEqual(a.shape, b.shape)) return undefined;
      const shape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
      const { dims, a: aStrides, b: bStrides } = mergedAxes(shape, a.shape, b.shape);
      const rank = dims.length;
      if (rank === 0 || rank > 3 || (dims[rank - 1] as number) >= SHORT_RUN) return undefined;
      // The kernel always takes three axes: missing leading ones have length 1 and stride 0.
      const axis = (values: number[], i: number, missing: number) => (i < 3 - rank ? missing : (values[i - 3 + rank] as number));
      const out = backend.makeOutput(shape, 'float32');
      kernels.arithmetic(
        op,
        heapOffset(backend, a),
        heapOffset(backend, b),
        heapOffset(backend, out),
        axis(dims, 0, 1),
        axis(dims, 1, 1),
        axis(dims, 2, 1),
        4 * axis(aStrides, 0, 0),
        4 * axis(aStrides, 1, 0),
        4 * axis(aStrides, 2, 0),
        4 * axis(bStrides, 0, 0),
        4 * axis(bStrides, 1, 0),
        4 * axis(bStrides, 2, 0),
      );
      return out;
    };
    overrideWithWasmKernels(name, broadcastArithmetic);
  }
}
