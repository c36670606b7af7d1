import assert from 'node:assert/strict';
import { test } from 'node:test';
import seedrandom from 'seedrandom';
import { NoiseStream, STREAM_STATE_LENGTH, UNIFORM_MIN } from '../../src/random/noise-stream.js';
import { trialSeed } from '../../src/random/seed.js';

test("a stream's state is seedrandom's xor4096 state for the same seed", () => {
  const state = new Int32Array(STREAM_STATE_LENGTH);
  // Trial seeds as the engine derives them, and seeds beyond them: empty, longer than the
  // 128-word ring (the mixing wraps around it), code units above 255.
  const seeds = [
    ...Array.from({ length: 2000 }, (_, t) => trialSeed(4_503_599_627_370_495 - 7919 * (t >> 4), t % 200)),
    '',
    '0',
    'x'.repeat(127),
    'y'.repeat(128),
    'z'.repeat(300),
    'é中🎲',
  ];
  for (const seed of seeds) {
    new NoiseStream(seed).saveState(state, 0);
    const { X, i, w } = seedrandom.xor4096(seed, { state: true }).state() as { X: number[]; i: number; w: number };
    assert.deepEqual([...state], [...X, i, w], `seed ${JSON.stringify(seed)}`);
  }
});

test("a stream's uniforms are seedrandom's xor4096 words, top 24 bits, clamped", () => {
  // Many ring turns (128 words each), and several trial seeds as the engine derives them.
  const count = 50_000;
  for (const seed of ['s', trialSeed(1, 0), trialSeed(1, 199), trialSeed(987_654, 3)]) {
    const reference = seedrandom.xor4096(seed);
    const expected = Float32Array.from({ length: count }, () => Math.max(UNIFORM_MIN, (reference.int32() >>> 8) * UNIFORM_MIN));
    const stream = new NoiseStream(seed);
    const drawn = new Float32Array(count);
    // Uneven pieces: the state must carry over between calls.
    for (let done = 0, size = 1; done < count; done += size, size = 2 * size + 1) {
      stream.fillUniform(drawn, done, Math.min(size, count - done));
    }
    assert.deepEqual(drawn, expected, `seed ${seed}`);
  }
});
