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
 * xor4096's state for a string seed into state, as seedrandom's xor4096 seeds it (Brent's
 * xorgens initialization with the seed's UTF-16 code units mixed in, then 512 warm-up
 * steps; tests check the state against seedrandom's for thousands of seeds). Done here on
 * the typed array: seedrandom's constructor builds a generator object and five closures per
 * stream: seeding 8000 streams (a 40-cell grid's) took 64 ms on a fresh engine against 20-23
 * ms here, and its functions took ~30 ms more of TurboFan compiles in each engine.
 */
function seedXor4096(seed: string, state: Int32Array): void {
  const key = `${seed}\0`;
  const limit = Math.max(RING, key.length);
  let v = 0;
  let w = 0;
  let zeros = 0;
  state.fill(0, 0, RING);
  for (let j = -32; j < limit; j++) {
    v ^= key.charCodeAt((j + 32) % key.length);
    if (j === 0) w = v;
    v ^= v << 10;
    v ^= v >>> 15;
    v ^= v << 4;
    v ^= v >>> 13;
    if (j >= 0) {
      w = (w + 0x61c88647) | 0;
      const word = (state[j & (RING - 1)] as number) ^ (v + w);
      state[j & (RING - 1)] = word;
      zeros = word === 0 ? zeros + 1 : 0;
    }
  }
  // An all-zero ring would stay zero.
  if (zeros >= RING) state[key.length & (RING - 1)] = -1;
  let i = RING - 1;
  for (let j = 4 * RING; j > 0; j--) {
    let x = state[(i + 34) & (RING - 1)] as number;
    i = (i + 1) & (RING - 1);
    let t = state[i] as number;
    x ^= x << 13;
    t ^= t << 17;
    x ^= x >>> 15;
    t ^= t >>> 12;
    state[i] = x ^ t;
  }
  state[INDEX] = i;
  state[WEYL] = w;
}

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
 * here, with a long period), seeded and stepped as seedrandom does it, on a typed array of
 * its state (seedXor4096, fillXor4096Uniforms). Calling seedrandom's per-instance closures from a
 * loop over many streams (one per trial) kept the caller from being optimized (a new call
 * target each time): 6.8 ms per million uniforms against 3.0 ms here, same numbers
 * (test/random pins them). Every other noise kind is a transform of these (base-noise.ts).
 */
export class NoiseStream {
  private readonly state = new Int32Array(RING + 2);
  private readonly single = new Float32Array(1);

  constructor(seed: string) {
    seedXor4096(seed, this.state);
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
