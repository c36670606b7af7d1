/**
 * One bench measurement in a fresh process (so peak RSS belongs to this configuration
 * alone). argv[2] is a JSON Measurement; prints one JSON line with the result.
 */
import { createHash } from 'node:crypto';
import type { BackendName } from '../src/compute/backend-names.js';
import type { CellTask } from '../src/run/cell-task.js';

export type Measurement =
  | { readonly mode: 'cell'; readonly engine: 'hand' | BackendName; readonly task: CellTask }
  | { readonly mode: 'jobs'; readonly jobs: number; readonly experiment: string };

export interface CellResult {
  /** Median of the timed runs. */
  readonly ms: number;
  readonly runs: readonly number[];
  /** Time to draw the cell's noise alone (uniforms and transform), measured after the cell. */
  readonly noiseMs: number;
  readonly peakRssMB: number;
  readonly backend: string;
  readonly estimates: number[];
}

export interface JobsResult {
  readonly ms: number;
  readonly cells: number;
  readonly csvSha256: string;
  readonly peakRssMB: number;
}

const peakRssMB = () => process.resourceUsage().maxRSS / 1024;

/** Warm-up runs before the timed ones (one chunk each; the hand loop's 1000 samples). */
const WARM_UP_RUNS = 8;
/**
 * A cell is timed again until its runs add up to this budget (at most MAX_TIMED_RUNS
 * runs) and the median counts: single runs of a 50 ms cell here differ by up to a third
 * (a Bernoulli leave-one-out hand loop at n = 10^4: 70.9 ms in one bench, 51.9 ms in the next).
 */
const TIMED_BUDGET_MS = 1000;
const MAX_TIMED_RUNS = 7;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

// tfjs is imported only where used, so the hand loop's RSS and start-up are its own.
async function measureCell(engine: 'hand' | BackendName, task: CellTask): Promise<CellResult> {
  const { cell, trials } = task;
  let run: (samples: number) => Float64Array;
  let drawNoise: () => void;
  let backend = 'hand';
  // Warm-up (JIT, wasm kernels, the engine's memory at full chunk size) is paid once per
  // worker in a real run, so it is left out of the time of a cell. One chunk was not enough:
  // V8 optimizes tfjs's per-op JavaScript only after several calls, and a wasm cell of two
  // chunks timed 99 ms after one warm-up chunk, 77-89 ms from its third run on.
  let warmUp = Math.min(cell.samples, 1000);
  if (engine === 'hand') {
    const { handEstimates, handNoise } = await import('./hand-loop.js');
    const job = { objective: cell.objective, estimator: cell.choice.name, temperature: cell.temperature, trials, seed: cell.seed };
    run = (samples) => handEstimates({ ...job, samples });
    drawNoise = () => handNoise({ ...job, samples: cell.samples });
  } else {
    const { fromCellTask } = await import('../src/run/cell-task.js');
    const { estimateCell } = await import('../src/experiment/run-cell.js');
    const { initBackend } = await import('../src/compute/backend.js');
    const { forEachNoiseChunk, noiseSpecOf } = await import('../src/compute/estimate-gradients.js');
    const { chunkSamples } = await import('../src/compute/chunking.js');
    const { findObjective } = await import('../src/objectives/registry.js');
    backend = (await initBackend(engine)).name;
    const rebuilt = fromCellTask(task);
    const definition = findObjective(cell.objective.kind);
    if (!definition) throw new Error(cell.objective.kind);
    const spec = noiseSpecOf(definition.create(definition.schema.parse(cell.objective)), rebuilt.choice.estimator);
    warmUp = chunkSamples(trials, spec.size, cell.samples);
    // wasm and cpu run each op when it is called, so no read-back is needed to time them.
    drawNoise = () => forEachNoiseChunk({ trials, samples: cell.samples, seed: cell.seed }, spec, () => undefined);
    run = (samples) => estimateCell({ ...rebuilt, samples }, trials).estimates;
  }
  for (let i = 0; i < WARM_UP_RUNS; i++) run(warmUp);
  const timed = (): { ms: number; estimates: Float64Array } => {
    const started = performance.now();
    const estimates = run(cell.samples);
    return { ms: performance.now() - started, estimates };
  };
  const first = timed();
  const runs = [first.ms];
  while (runs.length < MAX_TIMED_RUNS && runs.reduce((a, b) => a + b, 0) < TIMED_BUDGET_MS) runs.push(timed().ms);
  const { estimates } = first;
  const ms = median(runs);
  const noiseStarted = performance.now();
  drawNoise();
  const noiseMs = performance.now() - noiseStarted;
  return { ms, runs, noiseMs, peakRssMB: peakRssMB(), backend, estimates: [...estimates] };
}

async function measureJobs(jobs: number, text: string): Promise<JobsResult> {
  const { parseExperiment } = await import('../src/experiment/load.js');
  const { runExperiment } = await import('../src/run/run-experiment.js');
  const { formatCsv } = await import('../src/results/csv.js');
  const experiment = parseExperiment('bench-grid.yaml', text, { force: true });
  const started = performance.now();
  const result = await runExperiment({ experiment, jobs });
  const ms = performance.now() - started;
  const csv = formatCsv(result.rows, experiment.sweeps.map((s) => s.field));
  return { ms, cells: result.cells.length, csvSha256: createHash('sha256').update(csv).digest('hex'), peakRssMB: peakRssMB() };
}

const request = JSON.parse(process.argv[2] ?? '{}') as Measurement;
const result = request.mode === 'cell' ? await measureCell(request.engine, request.task) : await measureJobs(request.jobs, request.experiment);
process.stdout.write(`${JSON.stringify(result)}\n`);
