import assert from 'node:assert/strict';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Cell, planCells } from '../../src/experiment/cells.js';
import { type LoadedExperiment, type LoadedSamplingCheck, loadAnyExperiment } from '../../src/experiment/load.js';
import { estimateCell, summarizeCell } from '../../src/experiment/run-cell.js';
import { varianceFigures } from '../../src/plot/figures.js';
import { exactVarianceLookup } from '../../src/report/exact-variance.js';
import { replotDirectory } from '../../src/report/replot.js';
import { formatCsv } from '../../src/results/csv.js';
import { parseResultsCsv } from '../../src/results/parse-csv.js';
import { formatFrequencyCsv, formatRelaxedCsv, formatReplicateCsv, SAMPLING_FILES } from '../../src/results/sampling-csv.js';
import { runSamplingCheck } from '../../src/sampling/sampling-check.js';
import '../helpers/estimates.js'; // starts the wasm backend
import { tempDir } from '../helpers/experiment-files.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCHEMA_LINE = '# yaml-language-server: $schema=../schema/experiment.schema.json';
const REPLOT_HINT = 'the committed results are stale: re-run `npx reparam-bench run experiments/*.yaml` (or `reparam-bench plot results/<name>` for figures only)';

const files = (await readdir(join(ROOT, 'experiments'))).filter((f) => f.endsWith('.yaml')).sort();
const loaded = await Promise.all(files.map((f) => loadAnyExperiment(join('experiments', f))));
const nameOf = (l: LoadedExperiment | LoadedSamplingCheck) => ('check' in l ? l.check.name : l.experiment.name);
const resultsDir = (l: LoadedExperiment | LoadedSamplingCheck) => join(ROOT, 'results', nameOf(l));
const read = (l: LoadedExperiment | LoadedSamplingCheck, file: string) => readFile(join(resultsDir(l), file), 'utf8');

test('every shipped experiment validates, names the editor schema and has committed results made from this very file', async () => {
  assert.ok(files.length >= 9, `expected the figure experiments, found ${files.join(', ')}`);
  for (const l of loaded) {
    assert.equal(l.text.split('\n')[0], SCHEMA_LINE, `${l.file}: first line`);
    const metadata = JSON.parse(await read(l, 'metadata.json'));
    assert.equal(metadata.experiment.sha256, l.hash, `${l.file}: results/${nameOf(l)} was made from another version of the file; ${REPLOT_HINT}`);
    const present = await readdir(resultsDir(l));
    const figures = 'check' in l ? ['frequencies', 'relaxed-draws', ...(l.check.replications > 0 ? ['p-values'] : [])] : l.experiment.plots.map((p) => p.file);
    for (const f of [...figures.flatMap((x) => [`${x}.vl.json`, `${x}.svg`, `${x}.png`]), 'index.html', 'metadata.json']) {
      assert.ok(present.includes(f), `${l.file}: results/${nameOf(l)}/${f} missing`);
    }
  }
});

/** A few cheap cells of a grid: the cheapest cell of each estimator entry, at most four. */
function sampleCells(cells: readonly Cell[], trials: number): Cell[] {
  const cheapest = new Map<string, Cell>();
  for (const cell of cells) {
    const best = cheapest.get(cell.choice.label);
    if (!best || cell.samples < best.samples) cheapest.set(cell.choice.label, cell);
  }
  return [...cheapest.values()].sort((a, b) => a.samples * trials - b.samples * trials).slice(0, 4);
}

for (const l of loaded.filter((x): x is LoadedExperiment => !('check' in x))) {
  test(`${l.file}: a subset of cells re-run here gives the committed CSV rows byte for byte`, async () => {
    const { experiment } = l;
    const committed = await read(l, 'results.csv');
    const lines = new Set(committed.trimEnd().split('\n').slice(1));
    const plan = planCells(experiment);
    const { rows } = parseResultsCsv(committed, 'results.csv');
    assert.equal(rows.length, plan.cells.length * new Set(rows.map((r) => r.param)).size, 'one row per planned cell and parameter');
    for (const cell of sampleCells(plan.cells, experiment.trials)) {
      const fresh = summarizeCell(experiment.name, cell, experiment.trials, estimateCell(cell, experiment.trials));
      for (const line of formatCsv(fresh, experiment.sweeps.map((s) => s.field)).trimEnd().split('\n').slice(1)) {
        assert.ok(lines.has(line), `${l.file}: re-run row not in the committed CSV: ${line}; ${REPLOT_HINT}`);
      }
    }
  });

  test(`${l.file}: the committed Vega-Lite specs are what the plot code makes from the committed CSV`, async () => {
    const { rows } = parseResultsCsv(await read(l, 'results.csv'), 'results.csv');
    for (const figure of varianceFigures(l.experiment, rows, exactVarianceLookup(l.experiment))) {
      assert.equal(await read(l, `${figure.file}.vl.json`), `${JSON.stringify(figure.spec, null, 2)}\n`, `${figure.file}.vl.json: ${REPLOT_HINT}`);
    }
  });
}

for (const l of loaded.filter((x): x is LoadedSamplingCheck => 'check' in x)) {
  test(`${l.file}: the sampling check re-run here gives the committed CSVs byte for byte`, async () => {
    const result = runSamplingCheck(l.check);
    assert.equal(await read(l, SAMPLING_FILES.frequencies), formatFrequencyCsv(l.check.name, result.classes), REPLOT_HINT);
    assert.equal(await read(l, SAMPLING_FILES.relaxed), formatRelaxedCsv(l.check.name, result.relaxed), REPLOT_HINT);
    assert.equal(await read(l, SAMPLING_FILES.replicates), formatReplicateCsv(l.check.name, result.replicates), REPLOT_HINT);
  });
}

test('`plot` re-renders a results directory from its CSV and metadata: the same specs and a self-contained index.html', async () => {
  const dir = await tempDir();
  try {
    for (const name of ['rebar-toy-t045', 'gumbel-max-sampling']) {
      const copy = join(dir, name);
      await cp(join(ROOT, 'results', name), copy, { recursive: true });
      const specs = (await readdir(copy)).filter((f) => f.endsWith('.vl.json'));
      for (const f of [...specs, 'index.html']) await rm(join(copy, f));
      await replotDirectory(copy);
      for (const f of specs) assert.equal(await readFile(join(copy, f), 'utf8'), await readFile(join(ROOT, 'results', name, f), 'utf8'), `${name}/${f}`);
      const html = await readFile(join(copy, 'index.html'), 'utf8');
      assert.equal((html.match(/<svg/g) ?? []).length, specs.length, `${name}: one inline SVG per figure`);
      assert.doesNotMatch(html, /<script|<link|src="http|href="http/, `${name}: index.html must work offline`);
      assert.match(html, /Headline numbers/);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the committed Fig. 2 overlay is the closed form: pathwise 4 sigma^2 and 4d^2 + 8 sigma^2, score function d^4/sigma^2 + 14d^2 + 15 sigma^2 and 2d^4/sigma^2 + 60d^2 + 74 sigma^2', async () => {
  const spec = JSON.parse(await readFile(join(ROOT, 'results', 'mohamed-fig2-gaussian-quadratic', 'variance-vs-k.vl.json'), 'utf8'));
  const floor = 0.01; // the file's yFloor: curves are clamped to it
  const expected: Record<string, (d: number) => number> = {
    'pathwise|mu': () => 4,
    'pathwise|sigma': (d) => 4 * d * d + 8,
    'reinforce|mu': (d) => d ** 4 + 14 * d * d + 15,
    'reinforce|sigma': (d) => 2 * d ** 4 + 60 * d * d + 74,
    'measure-valued|mu': (d) => (4 * d * d * (4 - Math.PI)) / Math.PI,
  };
  const exact = spec.data.values.filter((v: { kind: string }) => v.kind === 'exact');
  for (const [key, formula] of Object.entries(expected)) {
    const points = exact.filter((v: { series: string; param: string }) => `${v.series}|${v.param}` === key);
    assert.ok(points.length > 200, `${key}: a curve`);
    for (const p of points) {
      const want = Math.max(floor, formula(1 - p.x));
      assert.ok(Math.abs(p.value - want) <= 1e-12 * want, `${key} at k = ${p.x}: ${p.value} vs ${want}`);
    }
  }
});
