import { type Tensor, tf } from './tf.js';
import type { NoiseKind } from '../random/base-noise.js';

/**
 * Kinds whose transform runs on the backend. Gumbel and logistic noise are logarithms,
 * which wasm computes several times faster than a float64 loop; Box-Muller normals stay in
 * float64 JS, because wasm's cos and sin (and splitting the pairs) are slower than the loop.
 */
export type BackendNoiseKind = Exclude<NoiseKind, 'normal'>;

export function transformsOnBackend(kind: NoiseKind): kind is BackendNoiseKind {
  return kind !== 'normal';
}

/** random/base-noise.ts's transform of uniforms u (any shape) on the backend, in float32 (for 'uniform', u itself). */
export function noiseFromUniforms(kind: BackendNoiseKind, u: Tensor): Tensor {
  return tf.tidy(() => {
    switch (kind) {
      case 'uniform':
        // Returned as is: tidy keeps it, and a copy would be one more pass over the chunk.
        return u;
      case 'gumbel':
        return u.log().neg().log().neg();
      case 'logistic':
        return u.div(tf.sub(1, u)).log();
    }
  });
}
