/**
 * One bench measurement in a fresh process (so peak RSS belongs to this configuration
 * alone). argv[2] is a JSON Measurement; prints one JSON line with the result.
 */
import { createHash } from 'node:crypto';
import type { BackendName } from '../src/compute/backend.js';
import { NoiseStream } from '../src/random/noise-stream.js';
import type { CellTask } from '../src/run/cell-task.js';

export type Measurement =
  | { readonly mode: 'cell'; readonly engine: 'hand' | BackendName; readonly task: CellTask }
  | { readonly mode: 'jobs'; readonly jobs: number; readonly experiment: string };

export interface CellResult {
  readonly ms: number;
  /** Time inside NoiseStream.fill during the measured cell. */
  readonly fillMs: number;
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

// Count the time spent generating noise, wherever it is called from.
let fillMs = 0;
const fill = NoiseStream.prototype.fill;
NoiseStream.prototype.fill = function timedFill(this: NoiseStream, ...args: Parameters<NoiseStream['fill']>) {
  const started = performance.now();
  fill.apply(this, args);
  fillMs += performance.now() - started;
};

const peakRssMB = () => process.resourceUsage().maxRSS / 1024;

// tfjs is imported only where used, so the hand loop's RSS and start-up are its own.
async function measureCell(engine: 'hand' | BackendName, task: CellTask): Promise<CellResult> {
  const { cell, trials } = task;
  let run: (samples: number) => Float64Array;
  let backend = 'hand';
  // Warm-up (JIT, wasm kernels, the engine's memory at full chunk size) is paid once per
  // worker in a real run, so it is left out of the time of a cell.
  let warmUp = Math.min(cell.samples, 1000);
  if (engine === 'hand') {
    const { handEstimates } = await import('./hand-loop.js');
    const job = { objective: cell.objective, estimator: cell.choice.name, temperature: cell.temperature, trials, seed: cell.seed };
    run = (samples) => handEstimates({ ...job, samples });
  } else {
    const { fromCellTask } = await import('../src/run/cell-task.js');
    const { estimateCell } = await import('../src/experiment/run-cell.js');
    const { initBackend } = await import('../src/compute/backend.js');
    const { chunkSamples, noiseSpecOf } = await import('../src/compute/estimate-gradients.js');
    const { findObjective } = await import('../src/objectives/registry.js');
    backend = (await initBackend(engine)).name;
    const rebuilt = fromCellTask(task);
    const definition = findObjective(cell.objective.kind);
    if (!definition) throw new Error(cell.objective.kind);
    const size = noiseSpecOf(definition.create(definition.schema.parse(cell.objective)), rebuilt.choice.estimator).size;
    warmUp = chunkSamples(trials, size, cell.samples);
    run = (samples) => estimateCell({ ...rebuilt, samples }, trials).estimates;
  }
  run(warmUp);
  fillMs = 0;
  const started = performance.now();
  const estimates = run(cell.samples);
  const ms = performance.now() - started;
  return { ms, fillMs, peakRssMB: peakRssMB(), backend, estimates: [...estimates] };
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
