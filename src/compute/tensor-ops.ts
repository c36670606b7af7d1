import { type Tensor, type TensorContainer, tf } from './tf.js';
import { DEVIATION_MOMENTS } from './wasm-deviation-moments.js';

/** Identity forward, zero gradient backward (tfjs has no stop_gradient). */
export const stopGradient: (x: Tensor) => Tensor = tf.customGrad((...inputs) => ({
  value: (inputs[0] as Tensor).clone(),
  gradFunc: (dy: Tensor | Tensor[]) => tf.zerosLike(dy as Tensor),
}));

// tfjs's own gradients of argMax, oneHot and step are zero: a hard choice carries no
// gradient without a customGrad wrapper, whose output copy costs a pass over [T, c, K].

/** One-hot (float32) of the argmax over the last axis; no gradient. */
export function oneHotArgmax(x: Tensor): Tensor {
  // Cast rather than oneHot(..., 'float32'): tfjs-wasm 4.22 writes int32 bits into a float32 output.
  return tf.oneHot(tf.argMax(x, -1), x.shape[x.shape.length - 1] as number).toFloat();
}

/** 1 where x > 0, else 0; no gradient. */
export function heaviside(x: Tensor): Tensor {
  return tf.step(x);
}

/**
 * Runs fn with tfjs's gradient tape paused: its kernels are not recorded (so none of their
 * inputs is copied for a backward pass, and no backward pass runs through them) and its
 * outputs are constants to a gradient taken around it. For what carries no gradient by
 * definition: exact samples and f evaluated at them. tfjs has no public switch for this;
 * EngineState.gradientDepth is the public field its isTapeOn() reads (test/compute pins it).
 */
export function untaped<T extends TensorContainer>(fn: () => T): T {
  const state = tf.engine().state;
  const depth = state.gradientDepth;
  state.gradientDepth = 0;
  try {
    return fn();
  } finally {
    state.gradientDepth = depth;
  }
}

/**
 * Sum over the last axis with tfjs's gradient of Sum (dy times ones of the input's shape),
 * but with the ones filled on the backend: tfjs builds them as a JavaScript array of the
 * input's size (4 MB per chunk at T = 200, K = 8, garbage that only a full collection
 * returns) and keeps a copy of the input to read its shape. (tf.broadcastTo instead of
 * the multiply measured 2x slower on wasm.)
 */
const sumOverLastAxis: (x: Tensor) => Tensor = tf.customGrad((...inputs) => {
  const x = inputs[0] as Tensor;
  const shape = x.shape;
  return {
    value: x.sum(-1),
    gradFunc: (dy: Tensor | Tensor[]) => (dy as Tensor).expandDims(-1).mul(tf.fill(shape, 1)),
  };
});

/**
 * Sum over the last axis. When that axis has one element (a Bernoulli or a scalar
 * Gaussian), a reshape: the same values without a pass over [T, c], and a backward
 * pass that is a reshape too instead of a broadcast.
 */
export function sumLastAxis(x: Tensor): Tensor {
  return x.shape[x.shape.length - 1] === 1 ? x.reshape(x.shape.slice(0, -1)) : sumOverLastAxis(x);
}

/**
 * Sums over the sample axis (1) of d = x - loc, x [T, c, D] and loc [T, 1, D], without
 * gradient: [sum d, sum d^2], or with weights [T, c] [sum w, sum w d, sum (w d) d], each
 * [T, 1, *]. In one pass where the backend has DEVIATION_MOMENTS (wasm), else by tfjs ops;
 * the same numbers either way.
 */
export function deviationMoments(x: Tensor, loc: Tensor, weights?: Tensor): Tensor[] {
  return untaped(() => {
    const [rows, , size] = x.shape;
    if (tf.getKernel(DEVIATION_MOMENTS, tf.getBackend()) && x.rank === 3 && tf.util.arraysEqual(loc.shape, [rows as number, 1, size as number])) {
      return tf.engine().runKernel(DEVIATION_MOMENTS, weights ? { x, loc, weights } : { x, loc }) as Tensor[];
    }
    const d = x.sub(loc);
    if (!weights) return [d.sum(1, true), d.square().sum(1, true)];
    const w = weights.expandDims(-1);
    const wd = w.mul(d);
    return [w.sum(1, true), wd.sum(1, true), wd.mul(d).sum(1, true)];
  });
}
