import type { NoiseStream } from './noise-stream.js';
import { polarOnGrid } from './polar.js';

/**
 * The parameter-free base noise distributions are built from, each a fixed transform of
 * uniforms. These float64 definitions are the reference: the engine uses them for normals
 * and applies the others on the tfjs backend (compute/noise-transform.ts).
 */

export type NoiseKind = 'normal' | 'gumbel' | 'logistic' | 'uniform';

/**
 * Uniforms consumed for `draws` values of a kind. Box-Muller turns each pair of uniforms
 * into two normals, so an odd count rounds up and the last normal is dropped.
 */
export function uniformsFor(kind: NoiseKind, draws: number): number {
  return kind === 'normal' ? draws + (draws % 2) : draws;
}

export function gumbelOf(u: number): number {
  return -Math.log(-Math.log(u));
}

/** One logarithm instead of log(u) - log1p(-u): the same in float32 for u on the 2^-24 grid. */
export function logisticOf(u: number): number {
  return Math.log(u / (1 - u));
}

/**
 * Writes `draws` values of `kind` transformed from uniforms u[0, uniformsFor(kind, draws))
 * to out. Normals pair consecutive uniforms (u[2j], u[2j+1]): radius from the first,
 * angle from the second, the cosine value first.
 */
function transformUniforms(kind: NoiseKind, u: ArrayLike<number>, draws: number, out: Float64Array): void {
  switch (kind) {
    case 'uniform':
      for (let i = 0; i < draws; i++) out[i] = u[i] as number;
      return;
    case 'gumbel':
      for (let i = 0; i < draws; i++) out[i] = gumbelOf(u[i] as number);
      return;
    case 'logistic':
      for (let i = 0; i < draws; i++) out[i] = logisticOf(u[i] as number);
      return;
    case 'normal':
      // An odd count writes one value past draws, inside out's uniformsFor length.
      for (let i = 0; i < draws; i += 2) polarOnGrid(Math.sqrt(-2 * Math.log(u[i] as number)), u[i + 1] as number, out, i);
      return;
  }
}

/**
 * The next `draws` values of a kind from a stream, in float64: uniformsFor(kind, draws)
 * uniforms into scratch, transformed into out (both at least that long).
 */
export function drawFloat64(stream: NoiseStream, kind: NoiseKind, draws: number, scratch: Float32Array, out: Float64Array): void {
  stream.fillUniform(scratch, 0, uniformsFor(kind, draws));
  transformUniforms(kind, scratch, draws, out);
}
