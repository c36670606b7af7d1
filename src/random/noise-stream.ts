import { createRequire } from 'node:module';
import type seedrandom from 'seedrandom';

/**
 * seedrandom's xor4096 alone: its index also loads five other generators and node:crypto
 * (13-20 ms of every thread's start here, for nothing this tool uses).
 */
const seedXor4096 = createRequire(import.meta.url)('seedrandom/lib/xor4096.js') as typeof seedrandom.xor4096;

/** Uniforms are multiples of 2^-UNIFORM_GRID_BITS: the top bits of each generator word. */
export const UNIFORM_GRID_BITS = 24;

// The hot loop reads these module-private constants: V8 keeps exported bindings in cells,
// and reading one inside the loop boxed every uniform (2.7x slower, measured).
const GRID_STEP = 2 ** -UNIFORM_GRID_BITS;
const DROPPED_BITS = 32 - UNIFORM_GRID_BITS;

/**
 * Smallest and largest uniforms a stream yields. Both are exact in float32 (1 - 1e-10
 * would round to 1 there), so -log(-log u) and log(u / (1 - u)) stay finite.
 */
export const UNIFORM_MIN = GRID_STEP;
export const UNIFORM_MAX = 1 - GRID_STEP;

/** xor4096's state ring, then the ring index and the Weyl sequence, in one Int32Array. */
const RING = 128;
const INDEX = RING;
const WEYL = RING + 1;

/** Words in a stream's whole state (the layout above), as saveState writes it. */
export const STREAM_STATE_LENGTH = RING + 2;

/**
 * The next count xor4096 words (Brent 2006: two xorshifts over the ring plus a Weyl
 * sequence, as seedrandom steps it), as uniforms into out[offset, offset + count). A
 * module-level function on typed arrays only, so the optimizer keeps every value unboxed.
 */
function fillXor4096Uniforms(state: Int32Array, out: Float32Array, offset: number, count: number): void {
  let i = state[INDEX] as number;
  let w = state[WEYL] as number;
  const end = offset + count;
  for (let k = offset; k < end; k++) {
    w = (w + 0x61c88647) | 0;
    let v = state[(i + 34) & (RING - 1)] as number;
    i = (i + 1) & (RING - 1);
    let t = state[i] as number;
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v ^= t;
    state[i] = v;
    // The top bits of the output word, few enough that every value is exact in float32.
    const u = (((v + (w ^ (w >>> 16))) | 0) >>> DROPPED_BITS) * GRID_STEP;
    out[k] = u < GRID_STEP ? GRID_STEP : u;
  }
  state[INDEX] = i;
  state[WEYL] = w;
}

/**
 * One seeded stream of uniforms on the 2^24 float32 grid, clamped to [UNIFORM_MIN,
 * UNIFORM_MAX]. The generator is seedrandom's xor4096 (the fastest of its generators
 * here, with a long period): seedrandom seeds it, and fillXor4096Uniforms steps the same
 * recurrence on a copy of its state. Calling seedrandom's per-instance closures from a
 * loop over many streams (one per trial) kept the caller from being optimized (a new call
 * target each time): 6.8 ms per million uniforms against 3.0 ms here, same numbers
 * (test/random pins them). Every other noise kind is a transform of these (base-noise.ts).
 */
export class NoiseStream {
  private readonly state = new Int32Array(RING + 2);
  private readonly single = new Float32Array(1);

  constructor(seed: string) {
    const { X, i, w } = seedXor4096(seed, { state: true }).state();
    this.state.set(X);
    this.state[INDEX] = i;
    this.state[WEYL] = w;
  }

  uniform(): number {
    fillXor4096Uniforms(this.state, this.single, 0, 1);
    return this.single[0] as number;
  }

  /** Fills out[offset, offset + count) with the next count uniforms. */
  fillUniform(out: Float32Array, offset: number, count: number): void {
    fillXor4096Uniforms(this.state, out, offset, count);
  }

  /**
   * Copies the whole state to out[offset, offset + STREAM_STATE_LENGTH), and restoreState
   * takes it back: for a copy of fillXor4096Uniforms that steps it elsewhere (the wasm
   * kernel in compute/wasm-uniforms.ts).
   */
  saveState(out: Int32Array, offset: number): void {
    out.set(this.state, offset);
  }

  restoreState(from: Int32Array, offset: number): void {
    this.state.set(from.subarray(offset, offset + STREAM_STATE_LENGTH));
  }
}
