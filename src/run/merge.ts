import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Cell, canonicalJson, planCells } from '../experiment/cells.js';
import { InputError, type InputProblem } from '../experiment/input-error.js';
import { parseExperiment } from '../experiment/load.js';
import { findObjective } from '../objectives/registry.js';
import type { Experiment } from '../experiment/validate.js';
import { findResultDirectories } from '../results/result-directories.js';
import { replaceDirectory } from '../results/atomic-write.js';
import { formatCsv } from '../results/csv.js';
import { isSamplingCheckMetadata, type MergedShard, type RunMetadata, recordedTextSource } from '../results/metadata.js';
import { parseResultsCsv } from '../results/parse-csv.js';
import { parseResultsMetadata } from '../results/read-metadata.js';
import type { ResultRow } from '../results/result-row.js';
import { applyOverrides, effectiveSettings } from './overrides.js';
import { assertOwnResults, RESULT_FILES, writeResults } from './run-to-directory.js';
import { toolInfo } from './tool-info.js';

/** One results directory as `run --out` (with or without --shard) left it. */
interface ShardInput {
  readonly dir: string;
  readonly metadata: RunMetadata;
  readonly rows: readonly ResultRow[];
}

export interface MergeOutcome {
  readonly experiment: string;
  /** ROOT/<name>; written only when no cell is missing. */
  readonly dir: string;
  readonly inputs: readonly string[];
  readonly cells: number;
  /** Cells of the plan no input has: nothing is written while there are any. */
  readonly missing: readonly Cell[];
  /** Cells more than one input has (with identical rows; differing rows are an error). */
  readonly duplicates: readonly Cell[];
  readonly files: readonly string[];
  /** A sampling check (not sharded: every shard ran all of it), copied from the first input. */
  readonly copied?: boolean;
}

/** What identifies a cell in a CSV row, a metadata entry and a plan alike. */
function cellKey(estimator: string, temperature: number | null | undefined, samples: number, sweep: object): string {
  return canonicalJson([estimator, temperature ?? null, samples, sweep]);
}

const keyOfCell = (cell: Cell) => cellKey(cell.choice.label, cell.temperature, cell.samples, cell.sweep);

/** The CSV's `param` of each row a cell writes, in order. */
function paramNames(cell: Cell): readonly string[] {
  const definition = findObjective(cell.objective.kind);
  return definition ? definition.create(definition.schema.parse(cell.objective)).paramNames : [];
}

async function readInput(dir: string): Promise<ShardInput> {
  const metadataFile = join(dir, RESULT_FILES.metadata);
  const csvFile = join(dir, RESULT_FILES.csv);
  const cannot = (error: unknown) =>
    new InputError([{ file: dir, message: `cannot read results: ${error instanceof Error ? error.message : String(error)}` }]);
  let text: string;
  try {
    text = await readFile(metadataFile, 'utf8');
  } catch (error) {
    throw cannot(error);
  }
  // A sampling check's metadata is of another shape; merge reads only its experiment (checked alike).
  const metadata = parseResultsMetadata(text, metadataFile) as RunMetadata;
  if (isSamplingCheckMetadata(metadata)) return { dir, metadata, rows: [] };
  try {
    return { dir, metadata, rows: parseResultsCsv(await readFile(csvFile, 'utf8'), csvFile).rows };
  } catch (error) {
    throw error instanceof InputError ? error : cannot(error);
  }
}

/** A sampling check has no cells to shard: each shard computed all of it, so one copy is the result. */
async function copySamplingCheck(inputs: readonly ShardInput[], out: string): Promise<MergeOutcome> {
  const first = inputs[0] as ShardInput;
  const problems = inputs
    .filter((input) => input.metadata.experiment.sha256 !== first.metadata.experiment.sha256)
    .map((input) => ({ file: join(input.dir, RESULT_FILES.metadata), message: `experiment file (sha256) differs from ${first.dir}` }));
  if (problems.length > 0) throw new InputError(problems);
  const names = (await readdir(first.dir)).filter((name) => !name.startsWith('.'));
  const files = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(join(first.dir, name))] as const)));
  const dir = join(out, first.metadata.experiment.name);
  await replaceDirectory(dir, files);
  return {
    experiment: first.metadata.experiment.name,
    dir,
    inputs: inputs.map((i) => i.dir),
    cells: 0,
    missing: [],
    duplicates: [],
    files: names.map((name) => join(dir, name)),
    copied: true,
  };
}

/** The experiment an input ran: its recorded text with its recorded overrides applied. */
function effectiveExperiment({ dir, metadata }: ShardInput): Experiment {
  const parsed = parseExperiment(recordedTextSource(join(dir, RESULT_FILES.metadata)), metadata.experiment.text, { force: true });
  return applyOverrides(parsed, metadata.overrides);
}

/**
 * What every input must share for their union to equal one run: the experiment text, the
 * settings as the runs used them (the overrides as given would refuse `--seed 1` beside a
 * file's `seed: 1`, though every number agrees) and the backend.
 */
function mismatches(first: ShardInput, other: ShardInput): string[] {
  const a = first.metadata;
  const b = other.metadata;
  const checks: [string, unknown, unknown][] = [['experiment file (sha256)', a.experiment.sha256, b.experiment.sha256]];
  // Within one text; different texts are refused above whatever else they say.
  if (a.experiment.sha256 === b.experiment.sha256) {
    const ours = effectiveSettings(effectiveExperiment(first));
    const theirs = effectiveSettings(effectiveExperiment(other));
    for (const key of Object.keys(ours) as (keyof typeof ours)[]) checks.push([key, canonicalJson(ours[key]), canonicalJson(theirs[key])]);
  }
  checks.push(['backend', a.backend, b.backend]);
  return checks
    .filter(([, x, y]) => x !== y)
    .map(([what, x, y]) => `${what} differs from ${first.dir}: ${String(y)} here, ${String(x)} there`);
}

function mergedShard(input: ShardInput): MergedShard {
  const m = input.metadata;
  return {
    dir: input.dir,
    shard: m.shard,
    cells: m.cells.length,
    node: m.node,
    platform: m.platform,
    gitCommit: m.gitCommit,
    started: m.started,
    finished: m.finished,
  };
}

/** Joins the inputs of one experiment; writes ROOT/<name>/ unless cells are missing. */
async function mergeExperiment(inputs: readonly ShardInput[], out: string): Promise<MergeOutcome> {
  const first = inputs[0] as ShardInput;
  const problems: InputProblem[] = inputs.flatMap((input) =>
    mismatches(first, input).map((message) => ({ file: join(input.dir, RESULT_FILES.metadata), message })),
  );
  if (problems.length > 0) throw new InputError(problems);

  const { metadata } = first;
  const experiment = effectiveExperiment(first);
  const plan = planCells(experiment);
  const planned = new Set(plan.cells.map(keyOfCell));

  // Per input: its rows and metadata entries by cell.
  const rowsByInput = inputs.map((input) => {
    const byCell = new Map<string, ResultRow[]>();
    for (const row of input.rows) {
      const key = cellKey(row.estimator, row.temperature, row.samples, row.sweep);
      if (!planned.has(key)) {
        problems.push({ file: join(input.dir, RESULT_FILES.csv), message: `a row (${row.estimator}, n=${row.samples}) is not a cell of ${experiment.name}` });
      }
      byCell.set(key, [...(byCell.get(key) ?? []), row]);
    }
    return byCell;
  });
  const cellEntries = new Map(
    inputs.flatMap((input) => input.metadata.cells.map((c) => [cellKey(c.estimator, c.temperature, c.samples, c.sweep), c] as const)),
  );

  const sweepFields = experiment.sweeps.map((s) => s.field);
  const rows: ResultRow[] = [];
  const missing: Cell[] = [];
  const duplicates: Cell[] = [];
  for (const cell of plan.cells) {
    const key = keyOfCell(cell);
    const sources = inputs.flatMap((input, i) => {
      const found = rowsByInput[i]?.get(key);
      return found ? [{ input, rows: found }] : [];
    });
    const [chosen, ...others] = sources;
    if (!chosen) {
      missing.push(cell);
      continue;
    }
    if (others.length > 0) {
      duplicates.push(cell);
      const text = formatCsv(chosen.rows, sweepFields);
      for (const other of others.filter((o) => formatCsv(o.rows, sweepFields) !== text)) {
        problems.push({ file: other.input.dir, message: `cell ${key} differs from the same cell in ${chosen.input.dir}` });
      }
    }
    // A row deleted from (or repeated in) a shard's CSV would otherwise pass into the merge unseen.
    const expected = paramNames(cell);
    const params = chosen.rows.map((row) => row.param);
    if (params.join('\n') !== expected.join('\n')) {
      problems.push({
        file: join(chosen.input.dir, RESULT_FILES.csv),
        message: `cell ${key} has rows for ${params.join(', ')}; one run writes one per parameter: ${expected.join(', ')}`,
      });
    }
    rows.push(...chosen.rows);
  }
  if (problems.length > 0) throw new InputError(problems);

  const dir = join(out, experiment.name);
  const outcome = {
    experiment: experiment.name,
    dir,
    inputs: inputs.map((i) => i.dir),
    cells: plan.cells.length - missing.length,
    missing,
    duplicates,
  };
  if (missing.length > 0) return { ...outcome, files: [] };

  const times = (pick: (m: RunMetadata) => string) => inputs.map((i) => pick(i.metadata)).sort();
  const merged: RunMetadata = {
    ...metadata,
    tool: toolInfo(),
    shard: undefined,
    started: times((m) => m.started)[0] as string,
    finished: times((m) => m.finished).at(-1) as string,
    cells: plan.cells.flatMap((cell) => cellEntries.get(keyOfCell(cell)) ?? []),
    mergedFrom: inputs.map(mergedShard),
  };
  const files = await writeResults(dir, experiment, rows, merged);
  return { ...outcome, files };
}

export interface MergeOptions {
  /** Overwrite ROOT/<name>/ even when it holds results of a different experiment file. */
  readonly force?: boolean | undefined;
}

/**
 * Joins shard results (directories as `run --out --shard` left them, or roots holding
 * them) into ROOT/<name>/ per experiment: the CSV is byte-identical to one run of the
 * whole grid. Refuses inputs of different experiment files, effective settings (seed,
 * trials, samples) or backends; reports cells no input has (and then writes nothing for that
 * experiment) and cells more than one has. Like `run`, refuses to replace results of a
 * different experiment file unless forced.
 */
export async function mergeResults(paths: readonly string[], out: string, options: MergeOptions = {}): Promise<MergeOutcome[]> {
  const dirs = await findResultDirectories(paths);
  const inputs = await Promise.all(dirs.map(readInput));
  const byExperiment = new Map<string, ShardInput[]>();
  for (const input of inputs) {
    const name = input.metadata.experiment.name;
    byExperiment.set(name, [...(byExperiment.get(name) ?? []), input]);
  }
  // As `run` does, and for every experiment before any is written.
  for (const [name, group] of byExperiment) {
    await assertOwnResults(join(out, name), (group[0] as ShardInput).metadata.experiment, options.force);
  }
  const outcomes: MergeOutcome[] = [];
  for (const group of byExperiment.values()) {
    const samplingCheck = isSamplingCheckMetadata(group[0]?.metadata);
    outcomes.push(samplingCheck ? await copySamplingCheck(group, out) : await mergeExperiment(group, out));
  }
  return outcomes;
}
