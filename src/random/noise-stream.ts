import seedrandom from 'seedrandom';

/**
 * Smallest and largest uniforms a stream yields. Both are exact in float32 (1 - 1e-10
 * would round to 1 there), so -log(-log u) and log(u / (1 - u)) stay finite.
 */
export const UNIFORM_MIN = 2 ** -24;
export const UNIFORM_MAX = 1 - 2 ** -24;

/**
 * One seeded stream of uniforms (xor4096 from seedrandom: the fastest of its generators
 * here, with a long period), on the 2^24 float32 grid clamped to [UNIFORM_MIN, UNIFORM_MAX].
 * Every other noise kind is a transform of these (see base-noise.ts).
 */
export class NoiseStream {
  private readonly prng: seedrandom.PRNG;

  constructor(seed: string) {
    this.prng = seedrandom.xor4096(seed);
  }

  uniform(): number {
    const u = (this.prng.int32() >>> 8) * UNIFORM_MIN;
    return u < UNIFORM_MIN ? UNIFORM_MIN : u;
  }

  /** Fills out[offset, offset + count) with the next count uniforms, in one tight loop. */
  fillUniform(out: Float32Array, offset: number, count: number): void {
    const prng = this.prng;
    const end = offset + count;
    for (let i = offset; i < end; i++) {
      const u = (prng.int32() >>> 8) * UNIFORM_MIN;
      out[i] = u < UNIFORM_MIN ? UNIFORM_MIN : u;
    }
  }
}
