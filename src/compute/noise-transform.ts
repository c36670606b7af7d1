import { type Tensor, tf } from './tf.js';
import type { NoiseKind } from '../random/base-noise.js';
import { GUMBEL_FROM_UNIFORMS, LOGISTIC_FROM_UNIFORMS } from './wasm-log-noise.js';
import { NORMALS_ON_GRID } from './wasm-normals.js';

/**
 * Whether uniforms go to the backend to be transformed there. Gumbel and logistic noise
 * are logarithms, which wasm computes several times faster than a float64 loop (in float32).
 * Normals go where the backend has NORMALS_ON_GRID (wasm: the float64 loop in wasm, the
 * same bits); elsewhere they are drawn in float64 JS, because tfjs's cos and sin (and
 * splitting the pairs) are slower than that loop.
 */
export function transformsOnBackend(kind: NoiseKind): boolean {
  return kind !== 'normal' || tf.getKernel(NORMALS_ON_GRID, tf.getBackend()) !== undefined;
}

/** The backend's one-pass kernel `name` applied to u, where it has one (wasm: wasm-log-noise.ts). */
function onBackend(name: string, u: Tensor): Tensor | undefined {
  return tf.getKernel(name, tf.getBackend()) ? (tf.engine().runKernel(name, { u }) as Tensor) : undefined;
}

/**
 * random/base-noise.ts's transform of uniforms u [T, width] on the backend into [T, draws]
 * values (width = uniformsFor(kind, draws)); Gumbel and logistic in float32, normals as
 * in float64 JS, 'uniform' is u itself.
 */
export function noiseFromUniforms(kind: NoiseKind, u: Tensor, draws: number): Tensor {
  return tf.tidy(() => {
    switch (kind) {
      case 'uniform':
        // Returned as is: tidy keeps it, and a copy would be one more pass over the chunk.
        return u;
      case 'gumbel':
        return onBackend(GUMBEL_FROM_UNIFORMS, u) ?? u.log().neg().log().neg();
      case 'logistic':
        return onBackend(LOGISTIC_FROM_UNIFORMS, u) ?? u.div(tf.sub(1, u)).log();
      case 'normal':
        return tf.engine().runKernel(NORMALS_ON_GRID, { u }, { draws }) as Tensor;
    }
  });
}
