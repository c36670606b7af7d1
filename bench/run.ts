/**
 * `npm run bench [-- --quick]`: time per cell, throughput and peak RSS of each estimator
 * on categorical-linear (K = 8), bernoulli-quadratic and gaussian-quadratic at T = 200
 * for each available tfjs backend and for a fused hand-written float64 loop (the
 * baseline), the fitted exponent of time in T * n, the share of time spent generating
 * noise, and the --jobs speed-up on two 40-cell grids. Every measurement runs in a fresh
 * child process; the hand loop and wasm twice (COMPARED_TWICE). Prints markdown tables
 * and writes bench/results.json (--quick: bench/results.quick.json).
 */
import { execFile } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tf } from '../src/compute/tf.js';
import type { BackendName } from '../src/compute/backend-names.js';
import { noiseSpecOf } from '../src/compute/estimate-gradients.js';
import { ESTIMATORS } from '../src/estimators/registry.js';
import { type Cell, planCells } from '../src/experiment/cells.js';
import { InputError } from '../src/experiment/input-error.js';
import { parseExperiment } from '../src/experiment/load.js';
import { findObjective } from '../src/objectives/registry.js';
import { toCellTask } from '../src/run/cell-task.js';
import { hasHandLoop } from './hand-loop.js';
import type { CellResult, JobsResult, Measurement } from './measure.js';

const quick = process.argv.includes('--quick');
const TRIALS = 200;
const SAMPLES = quick ? [100, 10000] : [10, 1000, 10000, 100000];
/** The cpu backend is several times slower than wasm: it is measured only up to here ... */
const CPU_MAX_SAMPLES = quick ? 100 : 10000;
/** ... and not where its time at the previous n, scaled linearly, projects past this. */
const CPU_BUDGET_MS = 30_000;
const TEMPERATURE = 0.5;
const FIT_FROM = quick ? 100 : 1000;
/** The asymptotic slope, from the largest n only. */
const FIT_LARGE_FROM = quick ? 100 : 10000;
const OBJECTIVES = [
  { kind: 'categorical-linear', probs: [0.05, 0.1, 0.15, 0.2, 0.1, 0.15, 0.15, 0.1], reward: [1, 2, 3, 4, 5, 6, 7, 8] },
  { kind: 'bernoulli-quadratic', logit: 0, target: 0.45 },
  { kind: 'gaussian-quadratic', mu: 1, sigma: 1.5, k: 0 },
];
// The bench runs compiled (build/bench/bench/run.js), as users run dist/: worker threads
// then start without a TypeScript loader, whose start-up would count against --jobs.
const MEASURE = fileURLToPath(new URL('./measure.js', import.meta.url));
// --quick writes beside the full run's record instead of over it, in the source tree.
const RESULTS = fileURLToPath(new URL(quick ? '../../../bench/results.quick.json' : '../../../bench/results.json', import.meta.url));

/**
 * Where a cell has a hand loop, the hand loop and wasm are measured again after the other
 * engines, in the opposite order (hand, wasm, cpu, ..., wasm, hand), and the faster of each
 * engine's two processes counts: this VM's speed drifts by up to a third over minutes, and a
 * ratio of two processes minutes apart took that drift for a difference between engines.
 */
const COMPARED_TWICE: readonly Engine[] = ['hand', 'wasm'];

type Engine = 'hand' | BackendName;

async function measure<R>(request: Measurement): Promise<R> {
  const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, MEASURE, JSON.stringify(request)], {
    maxBuffer: 64 << 20,
    timeout: 300_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as R;
}

/** The bench grid of one objective: every registered estimator that applies, at each n. */
function benchCells(objective: (typeof OBJECTIVES)[number]): { cells: Cell[]; left: string[] } {
  const cells: Cell[] = [];
  const left: string[] = [];
  const family = findObjective(objective.kind)?.family;
  for (const estimator of ESTIMATORS) {
    if (family === undefined || !estimator.families.includes(family)) continue;
    const text = JSON.stringify({
      name: `bench-${objective.kind}`,
      seed: 1,
      trials: TRIALS,
      objective,
      grid: { estimator: [estimator.name], temperature: [TEMPERATURE], samples: SAMPLES },
    });
    try {
      const planned = planCells(parseExperiment('bench.yaml', text, { force: true })).cells;
      if (planned.length === 0) continue;
      cells.push(...planned);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      left.push(`${estimator.name} on ${objective.kind}: ${error.problems.map((p) => p.message).join('; ')}`);
    }
  }
  return { cells, left };
}

function noiseSize(cell: Cell): number {
  const definition = findObjective(cell.objective.kind);
  if (!definition) throw new Error(cell.objective.kind);
  return noiseSpecOf(definition.create(definition.schema.parse(cell.objective)), cell.choice.estimator).size;
}

/** Least-squares slope of log(time) against log(T * n). */
function logLogSlope(points: readonly { x: number; y: number }[]): number | undefined {
  if (points.length < 2) return undefined;
  const xs = points.map((p) => Math.log(p.x));
  const ys = points.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  const sxy = xs.reduce((acc, x, i) => acc + (x - mx) * ((ys[i] as number) - my), 0);
  const sxx = xs.reduce((acc, x) => acc + (x - mx) ** 2, 0);
  return sxy / sxx;
}

const fmt = (x: number | undefined, digits = 2) => (x === undefined ? '—' : x.toFixed(digits));
const fmtMs = (ms: number | undefined) => (ms === undefined ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

/** Alternating --jobs 1 / --jobs 2 runs of each 40-cell grid; the best of each counts. */
const JOBS_REPEATS = 3;

interface JobsGrid {
  readonly label: string;
  readonly samples: readonly number[];
}

/**
 * The --jobs grids: 4 categorical estimators x 10 sample counts at T = 200. Study-sized: n
 * log-spaced up to 10^5, as the studies the tool is for (one job ~20 s here). Small: the grid
 * first chosen when its one-job run took 17.6 s, 3 s since the kernels got faster; it shows
 * what each engine's fixed cost (worker start, its own JIT compiles) does to a short run.
 */
const JOBS_GRIDS: readonly JobsGrid[] = [
  { label: 'study-sized', samples: logSpaced(quick ? 100 : 1000, quick ? 10_000 : 100_000, 10) },
  { label: 'small', samples: quick ? [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000] : [1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5500] },
];

function logSpaced(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.round(from * (to / from) ** (i / (count - 1))));
}

type JobsRun = JobsResult & { readonly jobs: number };

interface JobsSpeedup extends JobsGrid {
  /** The experiment, as JSON text. */
  readonly grid: string;
  readonly runs: readonly JobsRun[];
  readonly one: JobsRun;
  readonly two: JobsRun;
  readonly speedup: number;
  readonly identical: boolean;
}

async function measureJobsSpeedup({ label, samples }: JobsGrid, log: (line: string) => void): Promise<JobsSpeedup> {
  const grid = JSON.stringify({
    name: 'bench-jobs',
    seed: 1,
    trials: TRIALS,
    objective: OBJECTIVES[0],
    grid: { estimator: ['reinforce', 'reinforce-baseline', 'gumbel-softmax', 'st-gumbel-softmax'], temperature: [TEMPERATURE], samples },
  });
  // Alternating repeats, best of each: other processes on the machine (and on this VM's
  // host: single runs here vary by 10%) only ever add time.
  const runs: JobsRun[] = [];
  for (let repeat = 0; repeat < JOBS_REPEATS; repeat++) {
    for (const jobs of [1, 2]) {
      const result = await measure<JobsResult>({ mode: 'jobs', jobs, experiment: grid });
      runs.push({ ...result, jobs });
      log(`${label} 40-cell grid, --jobs ${jobs}: ${fmtMs(result.ms)} (${result.cells} cells)`);
    }
  }
  const best = (jobs: number) => runs.filter((r) => r.jobs === jobs).sort((a, b) => a.ms - b.ms)[0] as JobsRun;
  const one = best(1);
  const two = best(2);
  return { label, samples, grid, runs, one, two, speedup: one.ms / two.ms, identical: runs.every((r) => r.csvSha256 === one.csvSha256) };
}

/** Each repeat's one-job time over its two-job time. */
function pairSpeedups(runs: readonly JobsRun[]): number[] {
  const ones = runs.filter((r) => r.jobs === 1);
  const twos = runs.filter((r) => r.jobs === 2);
  return ones.map((one, i) => one.ms / (twos[i] as JobsRun).ms);
}

interface Row {
  objective: string;
  estimator: string;
  samples: number;
  noiseSize: number;
  engine: Engine;
  /** Median of `runs`, the timed runs in ms. */
  ms: number;
  runs: readonly number[];
  noiseMs: number;
  noiseShare: number;
  peakRssMB: number;
  /** T * n * noise size per second. */
  sampleDimsPerSecond: number;
  /** max |estimate - hand estimate| / max |hand estimate| over the T x P estimates. */
  relDiffFromHand?: number | undefined;
}

async function main(): Promise<void> {
  tf.enableProdMode();
  const started = performance.now();
  // Other processes on the machine skew timings: record the load around the run.
  const loadBefore = loadavg()[0] as number;
  const log = (line: string) => process.stderr.write(`${line}\n`);

  // tensorflow (tfjs-node) only when it loads here.
  const engines: Engine[] = ['hand', 'wasm', 'cpu'];
  const probeTask = toCellTask('probe', 2, benchCells(OBJECTIVES[1] as (typeof OBJECTIVES)[number]).cells[0] as Cell);
  let tensorflow: string;
  try {
    await measure<CellResult>({ mode: 'cell', engine: 'tensorflow', task: { ...probeTask, cell: { ...probeTask.cell, samples: 1 } } });
    engines.push('tensorflow');
    tensorflow = 'measured';
  } catch (error) {
    tensorflow = `not measured: @tensorflow/tfjs-node does not load here (${String((error as { stderr?: string }).stderr ?? error).split('\n').find((l) => l.startsWith('Error: ')) ?? 'failed'})`;
  }
  log(`engines: ${engines.join(', ')}; tensorflow ${tensorflow}`);

  const rows: Row[] = [];
  const notes: string[] = [];
  const cpuSkipped: string[] = [];
  for (const objective of OBJECTIVES) {
    const { cells, left } = benchCells(objective);
    notes.push(...left);
    for (const cell of cells) {
      const size = noiseSize(cell);
      const handJob = {
        objective: cell.objective,
        estimator: cell.choice.estimator.name,
        temperature: cell.temperature,
        samples: cell.samples,
        trials: TRIALS,
        seed: cell.seed,
      };
      const hasHand = hasHandLoop(handJob);
      const order = hasHand ? [...engines, ...COMPARED_TWICE.filter((e) => engines.includes(e)).reverse()] : engines.filter((e) => e !== 'hand');
      const best = new Map<Engine, CellResult>();
      for (const engine of order) {
        if (engine === 'cpu' && cell.samples > CPU_MAX_SAMPLES) continue;
        if (engine === 'cpu') {
          const previous = rows.filter((r) => r.engine === 'cpu' && r.objective === objective.kind && r.estimator === cell.choice.label).at(-1);
          if (previous && (previous.ms * cell.samples) / previous.samples > CPU_BUDGET_MS) {
            cpuSkipped.push(`${objective.kind} ${cell.choice.label} n=${cell.samples}`);
            continue;
          }
        }
        const result = await measure<CellResult>({ mode: 'cell', engine, task: toCellTask(`bench-${objective.kind}`, TRIALS, cell) });
        const earlier = best.get(engine);
        const faster = earlier && earlier.ms <= result.ms ? earlier : result;
        best.set(engine, { ...faster, peakRssMB: Math.max(result.peakRssMB, earlier?.peakRssMB ?? 0) });
      }
      const handEstimates = best.get('hand')?.estimates;
      for (const [engine, result] of [...best].sort(([a], [b]) => engines.indexOf(a) - engines.indexOf(b))) {
        let relDiffFromHand: number | undefined;
        if (engine !== 'hand' && handEstimates) {
          const scale = Math.max(...handEstimates.map(Math.abs));
          const diff = Math.max(...result.estimates.map((v, i) => Math.abs(v - (handEstimates[i] as number))));
          relDiffFromHand = diff / scale;
        }
        const row: Row = {
          objective: objective.kind,
          estimator: cell.choice.label,
          samples: cell.samples,
          noiseSize: size,
          engine,
          ms: result.ms,
          runs: result.runs,
          noiseMs: result.noiseMs,
          noiseShare: result.noiseMs / result.ms,
          peakRssMB: result.peakRssMB,
          sampleDimsPerSecond: (TRIALS * cell.samples * size) / (result.ms / 1000),
          relDiffFromHand,
        };
        rows.push(row);
        log(
          `${objective.kind} ${row.estimator} n=${row.samples} ${engine}: ${fmtMs(row.ms)} (median of ${row.runs.length}${hasHand && COMPARED_TWICE.includes(engine) ? ', faster of 2 processes' : ''}), noise ${(100 * row.noiseShare).toFixed(0)}%, peak RSS ${row.peakRssMB.toFixed(0)} MB`,
        );
      }
    }
  }

  // Time vs T * n: fitted over n >= FIT_FROM (below that, fixed per-cell costs dominate).
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.objective}|${row.estimator}|${row.engine}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const exponents = [...groups.entries()].map(([key, group]) => {
    const [objective, estimator, engine] = key.split('|') as [string, string, string];
    const fit = (from: number) => logLogSlope(group.filter((r) => r.samples >= from).map((r) => ({ x: TRIALS * r.samples, y: r.ms })));
    return { objective, estimator, engine, exponent: fit(FIT_FROM), largeExponent: fit(FIT_LARGE_FROM) };
  });

  const jobs: JobsSpeedup[] = [];
  for (const grid of JOBS_GRIDS) jobs.push(await measureJobsSpeedup(grid, log));

  // Tables.
  const out: string[] = [];
  const find = (o: string, e: string, n: number, engine: Engine) =>
    rows.find((r) => r.objective === o && r.estimator === e && r.samples === n && r.engine === engine);
  const backends = engines.filter((e) => e !== 'hand');
  out.push(
    `T = ${TRIALS}, temperature ${TEMPERATURE}; time = median of a cell's timed runs (as many as fit in 1 s, at most 7, after warm-up); ratio = backend time / hand-loop time (below 1: faster than the hand loop).`,
  );
  out.push('');
  out.push(
    `| objective | estimator | n | hand | ${backends.map((b) => `${b} | ${b}/hand`).join(' | ')} | wasm Msd/s | wasm peak RSS | noise share (wasm) |`,
  );
  out.push(`|---|---|---:|---:|${backends.map(() => '---:|---:').join('|')}|---:|---:|---:|`);
  const cellsSeen = new Set<string>();
  for (const row of rows) {
    const key = `${row.objective}|${row.estimator}|${row.samples}`;
    if (cellsSeen.has(key)) continue;
    cellsSeen.add(key);
    const hand = find(row.objective, row.estimator, row.samples, 'hand');
    const wasm = find(row.objective, row.estimator, row.samples, 'wasm');
    const cols = backends.map((b) => {
      const r = find(row.objective, row.estimator, row.samples, b);
      return `${fmtMs(r?.ms)} | ${hand && r ? fmt(r.ms / hand.ms) : '—'}`;
    });
    out.push(
      `| ${row.objective} | ${row.estimator} | ${row.samples} | ${fmtMs(hand?.ms)} | ${cols.join(' | ')} | ${fmt(wasm ? wasm.sampleDimsPerSecond / 1e6 : undefined, 1)} | ${fmt(wasm?.peakRssMB, 0)} MB | ${wasm ? `${(100 * wasm.noiseShare).toFixed(0)}%` : '—'} |`,
    );
  }
  out.push('');
  out.push(
    `Fitted exponent of time in T * n (log-log slope at T = ${TRIALS}; 1 = linear), over n >= ${FIT_FROM} / over n >= ${FIT_LARGE_FROM} (fixed per-cell costs pull the first below 1):`,
  );
  out.push('');
  out.push(`| objective | estimator | ${engines.join(' | ')} |`);
  out.push(`|---|---|${engines.map(() => '---:').join('|')}|`);
  const pairs = [...new Set(exponents.map((e) => `${e.objective}|${e.estimator}`))];
  for (const pair of pairs) {
    const [objective, estimator] = pair.split('|') as [string, string];
    const cols = engines.map((engine) => {
      const found = exponents.find((e) => e.objective === objective && e.estimator === estimator && e.engine === engine);
      return found?.exponent === undefined ? '—' : `${fmt(found.exponent)} / ${fmt(found.largeExponent)}`;
    });
    out.push(`| ${objective} | ${estimator} | ${cols.join(' | ')} |`);
  }
  out.push('');
  for (const { label, samples, runs, one, two, speedup, identical } of jobs) {
    out.push(
      `--jobs on the ${label} 40-cell grid (categorical-linear K = 8, 4 estimators x n = ${samples[0]}..${samples.at(-1)}, T = ${TRIALS}; best of ${JOBS_REPEATS} alternating runs, wall time including worker start-up): ` +
        `jobs=1 ${fmtMs(one.ms)}, jobs=2 ${fmtMs(two.ms)}, speed-up ${speedup.toFixed(2)}x on ${availableParallelism()} cores ` +
        `(pairs ${pairSpeedups(runs).map((x) => x.toFixed(2)).join(', ')}); CSVs ${identical ? 'byte-identical' : 'DIFFER'}.`,
    );
  }
  const worstDiff = Math.max(...rows.map((r) => r.relDiffFromHand ?? 0));
  out.push(`Largest relative difference between a backend's estimates and the hand loop's (same noise): ${worstDiff.toExponential(1)}.`);
  if (!engines.includes('tensorflow')) out.push(`tensorflow: ${tensorflow}.`);
  out.push(`cpu measured only for n <= ${CPU_MAX_SAMPLES}.`);
  if (cpuSkipped.length > 0) out.push(`cpu also skipped where it would take over ${CPU_BUDGET_MS / 1000} s: ${cpuSkipped.join(', ')}.`);
  const loadAfter = loadavg()[0] as number;
  out.push(`Load average (1 min) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${availableParallelism()} cores.`);
  for (const note of notes) out.push(`left out: ${note}`);
  const totalSeconds = (performance.now() - started) / 1000;
  out.push(`Bench wall time ${totalSeconds.toFixed(0)} s${quick ? ' (--quick)' : ''}.`);
  process.stdout.write(`${out.join('\n')}\n`);

  await writeFile(
    RESULTS,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        quick,
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpu: cpus()[0]?.model,
        cores: availableParallelism(),
        trials: TRIALS,
        temperature: TEMPERATURE,
        cpuMaxSamples: CPU_MAX_SAMPLES,
        cpuBudgetMs: CPU_BUDGET_MS,
        cpuSkipped,
        loadAverage: { before: loadBefore, after: loadAfter },
        tensorflow,
        cells: rows,
        exponents,
        jobs: jobs.map(({ label, grid, runs, speedup, identical }) => ({ label, grid: JSON.parse(grid), runs, speedup, identical })),
        notes,
        wallSeconds: totalSeconds,
      },
      null,
      2,
    )}\n`,
  );
  log(`wrote ${RESULTS}`);
}

await main();
