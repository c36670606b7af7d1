import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UNIFORM_GRID_BITS } from '../../src/random/noise-stream.js';
import { polarOnGrid } from '../../src/random/polar.js';

test('polarOnGrid: r cos(2 pi u) and r sin(2 pi u) within 1e-15 r of Math.cos and Math.sin, for every u on the grid', () => {
  const grid = 2 ** UNIFORM_GRID_BITS;
  const out = new Float64Array(2);
  let worst = 0;
  let at = -1;
  // Math's values carry the rounding of 2 pi u (up to 4.4e-16 near 2 pi); the tables' up to 3 ulp.
  for (let k = 0; k < grid; k++) {
    const u = k / grid;
    polarOnGrid(1, u, out, 0);
    const angle = 2 * Math.PI * u;
    const error = Math.max(Math.abs((out[0] as number) - Math.cos(angle)), Math.abs((out[1] as number) - Math.sin(angle)));
    if (error > worst) {
      worst = error;
      at = k;
    }
  }
  assert.ok(worst <= 1e-15, `largest difference ${worst} at u = ${at} / 2^${UNIFORM_GRID_BITS}`);
  polarOnGrid(2.5, 0.375, out, 0);
  assert.ok(Math.abs((out[0] as number) - 2.5 * Math.cos(0.75 * Math.PI)) <= 2.5e-15 && Math.abs((out[1] as number) - 2.5 * Math.sin(0.75 * Math.PI)) <= 2.5e-15);
});
