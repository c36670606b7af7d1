import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { BackendName } from '../compute/backend-names.js';
import type { Cell, SkippedCells } from '../experiment/cells.js';
import { InputError } from '../experiment/input-error.js';
import type { LoadedExperiment } from '../experiment/load.js';
import type { Experiment } from '../experiment/validate.js';
import { varianceArtifacts } from '../report/artifacts.js';
import { replaceDirectory } from '../results/atomic-write.js';
import { formatCsv, nonFiniteRows } from '../results/csv.js';
import { isSamplingCheckMetadata, type RunMetadata } from '../results/metadata.js';
import { parseResultsMetadata } from '../results/read-metadata.js';
import {
  appendFinishedCell,
  clearPartialState,
  readPartialState,
  startPartialState,
} from '../results/partial-state.js';
import type { ResultRow } from '../results/result-row.js';
import { type Overrides, applyOverrides, givenOverrides } from './overrides.js';
import { type FinishedCell, runExperiment } from './run-experiment.js';
import type { Shard } from './shard-spec.js';
import type { CellWorkerPool } from './worker-pool.js';
import { gitCommit, toolInfo } from './tool-info.js';

export const RESULT_FILES = {
  csv: 'results.csv',
  metadata: 'metadata.json',
  spec: 'variance.vl.json',
  svg: 'variance.svg',
  png: 'variance.png',
} as const;

export interface RunToDirectoryOptions {
  /** Results go to <out>/<experiment name>/. */
  readonly out: string;
  readonly backend?: BackendName | undefined;
  readonly overrides?: Overrides | undefined;
  /** Reuse finished cells of an interrupted run of the same file and overrides. */
  readonly resume?: boolean | undefined;
  /** Overwrite results made from a different experiment file. */
  readonly force?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Cells run at once: this thread and jobs - 1 worker threads (default: the number of cores). */
  readonly jobs?: number | undefined;
  /** Run and write only this share of the cells; `merge` joins the shards. */
  readonly shard?: Shard | undefined;
  /** Worker threads reused across runs (see RunRequest.pool). */
  readonly pool?: CellWorkerPool | undefined;
  readonly onCellStart?: (cell: Cell, index: number, total: number) => void;
  readonly onCellDone?: (finished: FinishedCell, index: number, total: number, cell: Cell) => void;
}

export interface RunOutcome {
  readonly dir: string;
  readonly complete: boolean;
  /** --resume found the results of this very run already complete and left them as they were. */
  readonly alreadyComplete?: boolean | undefined;
  readonly cellsDone: number;
  readonly cellsTotal: number;
  readonly resumedCells: number;
  /** Cells an interrupted run had saved, dropped because this run did not --resume. */
  readonly discardedCells: number;
  readonly files: readonly string[];
  readonly skipped: readonly SkippedCells[];
  readonly nonFinite: readonly ResultRow[];
  readonly backend: string;
  readonly backendFallback?: string | undefined;
  readonly shard?: Shard | undefined;
}

export function partialDir(dir: string): string {
  return join(dirname(dir), `.${dir.split(/[\\/]/).pop()}.partial`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** What <out>/<name> holds before a run replaces it. */
type PreviousResults =
  | { readonly kind: 'none' }
  | { readonly kind: 'results'; readonly file: string; readonly sha256: unknown }
  | { readonly kind: 'other' };

async function previousResults(dir: string): Promise<PreviousResults> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Nothing there to lose (a file higher up the path is --out's own error, reported at the first write).
    if (code === 'ENOENT' || (code === 'ENOTDIR' && !(await exists(dir)))) return { kind: 'none' };
    return { kind: 'other' };
  }
  if (entries.length === 0) return { kind: 'none' };
  try {
    const metadata = JSON.parse(await readFile(join(dir, RESULT_FILES.metadata), 'utf8')) as Partial<RunMetadata> | null;
    const file = metadata?.experiment?.file;
    if (typeof file === 'string') return { kind: 'results', file, sha256: metadata?.experiment?.sha256 };
  } catch {
    // Not our metadata: below.
  }
  return { kind: 'other' };
}

/** Why --out cannot hold results, for the errors that are the path's fault. */
const UNWRITABLE: Readonly<Record<string, string>> = {
  ENOTDIR: 'part of the path is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
};

/** The run's first write under --out: a path that cannot take it is bad input, not a failed run. */
async function startPartialStateUnder(out: string, partial: string, fingerprint: string, done: ReadonlyMap<string, FinishedCell>): Promise<void> {
  try {
    await startPartialState(partial, fingerprint, done.values());
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    // mkdir of the state's own directory: something that is not a directory holds its name.
    if (code === 'EEXIST') throw new InputError([{ file: partial, message: 'not a directory: a run keeps its finished cells here; move it away' }]);
    const why = UNWRITABLE[code];
    if (why) throw new InputError([{ file: out, message: `cannot write results under --out: ${why}` }]);
    throw error;
  }
}

/** The experiment file a run or merge writes results of: its path as given and the sha256 of its bytes. */
export interface ExperimentSource {
  readonly file: string;
  readonly sha256: string;
}

/**
 * Refuses to overwrite results made from a different experiment file, or a path that holds
 * something other than results (an experiment named like a folder of the user's, with --out
 * above it, would otherwise replace that folder), unless forced. Results of the same text
 * count as the file's own: metadata records the path as it was typed, so the same file run
 * from another directory (`../exp.yaml`) has another path, and the results are the same.
 */
export async function assertOwnResults(dir: string, { file, sha256 }: ExperimentSource, force: boolean | undefined): Promise<void> {
  const previous = await previousResults(dir);
  if (force || previous.kind === 'none') return;
  if (previous.kind === 'other') {
    throw new InputError([
      {
        file,
        path: 'name',
        message: `${dir} exists and is not a reparam-bench results directory (no readable metadata.json); rename the experiment, choose another --out, or pass --force to replace it`,
      },
    ]);
  }
  if (resolve(previous.file) === resolve(file) || previous.sha256 === sha256) return;
  throw new InputError([
    {
      file,
      path: 'name',
      message: `${dir} holds results of a different experiment file (${previous.file}); rename the experiment or pass --force to overwrite`,
    },
  ]);
}

/**
 * What makes two runs of an experiment the same run, as a hash: the experiment text, the
 * overrides given, the backend and the shard. An interrupted run's saved cells carry it, and
 * finished results are compared by it.
 */
function runFingerprint(text: string, overrides: Record<string, unknown>, backend: string | undefined, shard: Shard | undefined): string {
  return createHash('sha256')
    .update(text)
    .update(JSON.stringify(overrides))
    .update(backend ?? '')
    .update(shard ? `${shard.index}/${shard.count}` : '')
    .digest('hex');
}

/**
 * The results in `dir`, when they are those of this very run, finished (a backend fallback
 * records another backend, so such results are run again). Undefined when anything differs
 * or cannot be read, so the run goes ahead.
 */
async function finishedResults(dir: string, fingerprint: string): Promise<RunMetadata | undefined> {
  let metadata: RunMetadata;
  try {
    const file = join(dir, RESULT_FILES.metadata);
    metadata = parseResultsMetadata(await readFile(file, 'utf8'), file) as RunMetadata;
    await lstat(join(dir, RESULT_FILES.csv));
  } catch {
    return undefined;
  }
  if (isSamplingCheckMetadata(metadata)) return undefined;
  const { experiment, overrides, backend, shard } = metadata;
  return runFingerprint(experiment.text, overrides, backend, shard) === fingerprint ? metadata : undefined;
}

/**
 * Runs one loaded experiment and writes its CSV, metadata and plot under out/<name>/.
 * Finished cells are saved as they complete, so a stopped run can --resume; the
 * results directory is replaced only when every cell is done.
 */
export async function runToDirectory(loaded: LoadedExperiment, options: RunToDirectoryOptions): Promise<RunOutcome> {
  const overrides = options.overrides ?? {};
  const experiment = applyOverrides(loaded.experiment, overrides);
  const dir = join(options.out, experiment.name);
  await assertOwnResults(dir, { file: loaded.file, sha256: loaded.hash }, options.force);
  const partial = partialDir(dir);
  const fingerprint = runFingerprint(loaded.text, givenOverrides(overrides), options.backend, options.shard);
  const saved = await readPartialState(partial);
  const done = options.resume && saved?.fingerprint === fingerprint ? saved.cells : new Map<string, FinishedCell>();
  if (options.resume && saved && saved.fingerprint !== fingerprint) {
    throw new InputError([
      {
        file: loaded.file,
        message: 'cannot --resume: the experiment file, the overrides or the shard changed since the interrupted run; run without --resume to start over',
      },
    ]);
  }
  // Several files under one --resume: those the interrupted command had finished are left as they are.
  const finished = options.resume && !saved ? await finishedResults(dir, fingerprint) : undefined;
  if (finished) {
    const cells = finished.cells.length;
    const backend = finished.backend;
    return { dir, complete: true, alreadyComplete: true, cellsDone: cells, cellsTotal: cells, resumedCells: cells, discardedCells: 0, files: [], skipped: [], nonFinite: [], backend, shard: options.shard };
  }
  const discardedCells = !options.resume && saved ? saved.cells.size : 0;
  await startPartialStateUnder(options.out, partial, fingerprint, done);

  const started = new Date();
  let appended = 0;
  const result = await runExperiment({
    experiment,
    backend: options.backend,
    done,
    jobs: options.jobs,
    shard: options.shard,
    pool: options.pool,
    hooks: {
      shouldStop: () => options.signal?.aborted ?? false,
      onCellStart: options.onCellStart,
      onCellDone: (finished, index, total, cell) => {
        appendFinishedCell(partial, finished);
        appended++;
        options.onCellDone?.(finished, index, total, cell);
      },
    },
  }).catch(async (error: unknown) => {
    // Failed before any cell was saved (a backend that cannot start): nothing to resume.
    if (done.size === 0 && appended === 0) await clearPartialState(partial);
    throw error;
  });
  const outcome = {
    dir,
    discardedCells,
    complete: result.complete,
    cellsDone: result.cells.length,
    cellsTotal: result.totalCells,
    resumedCells: done.size,
    skipped: result.skipped,
    nonFinite: nonFiniteRows(result.rows),
    backend: result.backend.name,
    backendFallback: result.backend.fallbackReason,
    shard: options.shard,
  };
  if (!result.complete) return { ...outcome, files: [] };

  const metadata: RunMetadata = {
    tool: toolInfo(),
    backend: result.backend.name,
    backendFallback: result.backend.fallbackReason,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    experiment: { name: experiment.name, file: loaded.file, sha256: loaded.hash, text: loaded.text },
    seed: experiment.seed,
    trials: experiment.trials,
    overrides: givenOverrides(overrides),
    shard: options.shard,
    started: started.toISOString(),
    finished: new Date().toISOString(),
    gitCommit: await gitCommit(dirname(resolve(loaded.file))),
    cells: result.cells.map(cellMetadata),
    skipped: result.skipped,
  };
  const files = await writeResults(dir, experiment, result.rows, metadata);
  await clearPartialState(partial);
  return { ...outcome, files };
}

/** A finished cell's entry in metadata.json. */
export function cellMetadata(cell: FinishedCell): RunMetadata['cells'][number] {
  const row = cell.rows[0] as ResultRow;
  return {
    estimator: row.estimator,
    temperature: row.temperature ?? null,
    samples: row.samples,
    sweep: row.sweep,
    seed: row.seed,
    milliseconds: Math.round(cell.milliseconds),
  };
}

/**
 * Writes the final results of an experiment (CSV, metadata, each plot's Vega-Lite spec, SVG
 * and PNG, index.html) from its rows in canonical order, replacing dir atomically. Returns the paths.
 */
export async function writeResults(
  dir: string,
  experiment: Experiment,
  rows: readonly ResultRow[],
  metadata: RunMetadata,
): Promise<string[]> {
  const files = {
    [RESULT_FILES.csv]: formatCsv(rows, experiment.sweeps.map((s) => s.field)),
    [RESULT_FILES.metadata]: `${JSON.stringify(metadata, null, 2)}\n`,
    ...(await varianceArtifacts(experiment, rows, metadata, [RESULT_FILES.csv, RESULT_FILES.metadata])),
  };
  await replaceDirectory(dir, files);
  return Object.keys(files).map((name) => join(dir, name));
}
