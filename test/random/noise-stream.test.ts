import assert from 'node:assert/strict';
import { test } from 'node:test';
import seedrandom from 'seedrandom';
import { NoiseStream, UNIFORM_MIN } from '../../src/random/noise-stream.js';
import { trialSeed } from '../../src/random/seed.js';

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
