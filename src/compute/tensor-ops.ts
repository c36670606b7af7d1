import * as tf from '@tensorflow/tfjs';

/** Wraps forward so that its output carries a zero gradient back to its input. */
function withZeroGradient(forward: (x: tf.Tensor) => tf.Tensor): (x: tf.Tensor) => tf.Tensor {
  const op = tf.customGrad((...inputs) => ({
    value: forward(inputs[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.zerosLike(dy as tf.Tensor),
  }));
  return (x) => op(x);
}

/** Identity forward, zero gradient backward (tfjs has no stop_gradient). */
export const stopGradient = withZeroGradient((x) => x.clone());

/** One-hot of the argmax over the last axis; a hard choice carries no gradient. */
export const oneHotArgmax = withZeroGradient((x) =>
  tf.oneHot(tf.argMax(x, -1), x.shape[x.shape.length - 1] as number).toFloat(),
);

/** 1 where x > 0, else 0; no gradient. */
export const heaviside = withZeroGradient((x) => tf.step(x));

/**
 * A copy of x that is not on the gradient tape at all (read back and uploaded again), so
 * no backward pass runs through what is computed from it. Meant for parameter tensors
 * ([T, 1, P], small); stopGradient still records its consumers on the tape.
 */
export function offTape(x: tf.Tensor): tf.Tensor {
  return tf.tensor(x.dataSync(), x.shape, x.dtype);
}
