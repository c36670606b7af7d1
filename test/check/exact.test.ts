import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRows } from '../../src/check/check-rows.js';
import { rowLabel } from '../../src/check/match.js';
import { parseExperiment } from '../../src/experiment/load.js';
import { formatCsv } from '../../src/results/csv.js';
import { parseResultsCsv } from '../../src/results/parse-csv.js';
import type { ResultRow } from '../../src/results/result-row.js';
import { NoiseStream, UNIFORM_MIN } from '../../src/random/noise-stream.js';
import { tf } from '../../src/compute/tf.js';
import { XOR4096_UNIFORMS } from '../../src/compute/wasm-uniforms.js';
import { CI_EXPERIMENTS, loadCiExperiment, runRows } from './runs.js';

const cellOf = (row: ResultRow) => rowLabel({ ...row, param: '' }).trimEnd();

test('an identical re-run passes exact mode with every number bit-identical', () => {
  for (const file of Object.values(CI_EXPERIMENTS)) {
    const experiment = loadCiExperiment(file);
    const [first, second] = [runRows(experiment), runRows(experiment)];
    assert.deepEqual(second, first);
    const report = checkRows({ rows: first }, { rows: second }, { mode: 'exact' });
    assert.ok(report.passed && report.compared === first.length && report.differences.length === 0, file);
  }
});

test('exact mode flags a single number changed by 1e-5 relative, and passes 1e-8 (float32 noise)', () => {
  const rows = runRows(loadCiExperiment(CI_EXPERIMENTS.gaussian));
  // Through the CSV text, as check reads it.
  const text = formatCsv(rows, []);
  const baseline = parseResultsCsv(text, 'base.csv');
  const target = rows[5] as ResultRow;
  for (const [relative, flagged] of [[1e-5, true], [1e-8, false]] as const) {
    const changed = rows.map((r) => (r === target ? { ...r, variance: r.variance * (1 + relative) } : r));
    const candidate = parseResultsCsv(formatCsv(changed, []), 'new.csv');
    const report = checkRows(baseline, candidate, { mode: 'exact' });
    assert.equal(report.passed, !flagged, `relative ${relative}`);
    if (flagged) {
      assert.deepEqual(report.differences.map((d) => [rowLabel(d.pair.baseline.row), d.column, d.pair.baseline.line]), [
        [rowLabel(target), 'variance', 7],
      ]);
    }
  }
});

/**
 * The clamp moved by one step of the uniform grid (UNIFORM_MIN = 2^-24 -> 2^-23), as a
 * test-only patch of NoiseStream.fillUniform that also records whether it changed a draw.
 * The wasm copy of the stream's loop is unregistered meanwhile, so that every draw goes
 * through the patch.
 */
function withShiftedClamp<T>(run: (changedDraws: () => number) => T): T {
  const original = Object.getOwnPropertyDescriptor(NoiseStream.prototype, 'fillUniform')?.value as NoiseStream['fillUniform'];
  const onWasm = tf.getKernel(XOR4096_UNIFORMS, 'wasm');
  if (onWasm) tf.unregisterKernel(XOR4096_UNIFORMS, 'wasm');
  const clamp = 2 * UNIFORM_MIN;
  let changed = 0;
  NoiseStream.prototype.fillUniform = function fillUniform(this: NoiseStream, out, offset, count) {
    original.call(this, out, offset, count);
    for (let i = offset; i < offset + count; i++) {
      if ((out[i] as number) >= clamp) continue;
      out[i] = clamp;
      changed++;
    }
  };
  try {
    return run(() => changed);
  } finally {
    NoiseStream.prototype.fillUniform = original;
    if (onWasm) tf.registerKernel(onWasm);
  }
}

test('exact mode catches a one-step change of the noise clamp exactly where it changes the numbers', (t) => {
  // Box-Muller radii from u = 2^-24 are the largest normals, and REINFORCE on (x - k)^2 weighs
  // them heavily, so a moved clamp shows in the cells that drew such a u (one draw in 2^23).
  // Draws that hit it by chance; seeds are tried in turn until some cells change and some do not.
  const grid = (seed: number) => `name: clamp
seed: ${seed}
trials: 250
objective: { kind: gaussian-quadratic, mu: 1, sigma: 1, k: 2 }
grid:
  estimator: [reinforce]
  samples: [20000]
  objective.k: [1, 2, 3, 4, 5, 6, 7, 8]
`;
  for (let seed = 1; seed <= 4; seed++) {
    const experiment = parseExperiment('clamp.yaml', grid(seed));
    const hit = new Set<string>();
    const shifted = withShiftedClamp((changedDraws) => {
      let seen = 0;
      return runRows(experiment, {}, (rows) => {
        if (changedDraws() > seen) hit.add(cellOf(rows[0] as ResultRow));
        seen = changedDraws();
      });
    });
    const cells = new Set(shifted.map(cellOf));
    if (hit.size === 0 || hit.size === cells.size) continue;
    const baseline = runRows(experiment);
    const report = checkRows({ rows: baseline }, { rows: shifted }, { mode: 'exact' });
    const flagged = new Set(report.differences.map((d) => cellOf(d.pair.baseline.row)));
    if (flagged.size === 0) continue;
    t.diagnostic(`seed ${seed}: clamp changed draws in ${hit.size} of ${cells.size} cells; exact mode flagged ${flagged.size}`);
    const moved = checkRows({ rows: baseline }, { rows: shifted }, { mode: 'exact', tolerance: 0 }).differences;
    t.diagnostic(`cells whose numbers moved at all: ${[...new Set(moved.map((d) => cellOf(d.pair.baseline.row)))].join(', ')}`);
    assert.equal(report.passed, false);
    for (const cell of flagged) assert.ok(hit.has(cell), `${cell} flagged, but no draw there changed`);
    // Where no draw changed, every number is bit-identical (and so not flagged).
    const untouched = (rows: readonly ResultRow[]) => rows.filter((r) => !hit.has(cellOf(r)));
    assert.deepEqual(untouched(shifted), untouched(baseline));
    return;
  }
  assert.fail('no seed gave both cells with and without a clamped draw: enlarge the grid');
});
