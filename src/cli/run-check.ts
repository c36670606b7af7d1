import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CheckReport, checkRows } from '../check/check-rows.js';
import { type CheckContext, formatJson, formatReport, githubAnnotations } from '../check/format.js';
import { type CheckMetadata, parseMetadata } from '../check/metadata.js';
import { chooseMode, experimentMismatch } from '../check/mode.js';
import { tooFewTrials } from '../check/statistical.js';
import { BACKENDS, type BackendName } from '../compute/backend-names.js';
import { InputError } from '../experiment/input-error.js';
import { type LoadedExperiment, parseExperiment } from '../experiment/load.js';
import { assertDirectory } from '../results/assert-directory.js';
import { recordedTextSource } from '../results/metadata.js';
import { type ParsedResults, parseResultsCsv } from '../results/parse-csv.js';
import { RESULT_FILES, runToDirectory } from '../run/run-to-directory.js';
import { EXIT } from './exit-codes.js';
import { createProgress } from './progress.js';

export interface CheckRequest {
  readonly baseline: string;
  /** Compare with this results directory instead of re-running the baseline's experiment. */
  readonly against?: string | undefined;
  readonly statistical?: boolean | undefined;
  readonly alpha?: number | undefined;
  readonly json?: boolean | undefined;
  /** Re-run with this seed instead of the recorded one (then the check is statistical). */
  readonly seed?: number | undefined;
  /** Re-run on this backend instead of the recorded one. */
  readonly backend?: BackendName | undefined;
  /** Worker threads for the re-run (default: the number of cores). */
  readonly jobs?: number | undefined;
  readonly quiet?: boolean | undefined;
}

/** Where the command writes: stdout, stderr, and whether to add GitHub Actions annotations. */
export interface CheckOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly githubActions: boolean;
}

interface LoadedRun {
  readonly metadata: CheckMetadata;
  readonly results: ParsedResults;
  readonly csv: string;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError([{ file, message: code === 'ENOENT' ? `no ${what}` : `cannot read ${what}: ${String(error)}` }]);
  }
}

/** metadata.json and results.csv of a results directory; anything missing or malformed is bad input. */
async function readRun(dir: string): Promise<LoadedRun> {
  await assertDirectory(dir);
  const metadataFile = join(dir, RESULT_FILES.metadata);
  const csv = join(dir, RESULT_FILES.csv);
  const metadata = parseMetadata(await readText(metadataFile, 'metadata.json: not a reparam-bench results directory'), metadataFile);
  const results = parseResultsCsv(await readText(csv, 'results.csv'), csv);
  return { metadata, results, csv };
}

/** Warns when the experiment file on disk no longer matches the text the baseline recorded. */
async function warnIfStale(metadata: CheckMetadata, output: CheckOutput): Promise<void> {
  const { file, sha256 } = metadata.experiment;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return;
  }
  if (sha256 === undefined || createHash('sha256').update(text).digest('hex') === sha256) return;
  const message = `${file} changed since the baseline was made; check compares the recorded experiment, so re-run and commit the baseline to cover the change`;
  output.err(`warning: ${message}\n`);
  if (output.githubActions) output.err(`::warning file=${file}::${message}\n`);
}

/** Re-runs the experiment recorded in the baseline's metadata into a temporary directory and reads it back. */
async function rerun(baseline: LoadedRun, request: CheckRequest, output: CheckOutput): Promise<LoadedRun> {
  const { file, text } = baseline.metadata.experiment;
  const backend = request.backend ?? baseline.metadata.backend;
  if (!(BACKENDS as readonly string[]).includes(backend)) {
    throw new InputError([{ file: request.baseline, message: `recorded backend '${backend}' is unknown; pass --backend` }]);
  }
  // The baseline ran this text once, so grid-size limits are not re-imposed.
  const loaded: LoadedExperiment = {
    experiment: parseExperiment(recordedTextSource(join(request.baseline, RESULT_FILES.metadata)), text, { force: true }),
    file,
    text,
    hash: createHash('sha256').update(text).digest('hex'),
  };
  const overrides = { ...baseline.metadata.overrides, ...(request.seed === undefined ? {} : { seed: request.seed }) };
  const tmp = await mkdtemp(join(tmpdir(), 'reparam-bench-check-'));
  const progress = createProgress(request.quiet ?? false);
  // Nothing of a re-run is kept or resumed: Ctrl-C quits at once, without leaving it in the temp dir.
  const onInterrupt = () => {
    rmSync(tmp, { recursive: true, force: true });
    process.exit(EXIT.interrupted);
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  try {
    progress.start(`re-running ${loaded.experiment.name}`);
    const outcome = await runToDirectory(loaded, {
      out: tmp,
      backend: backend as BackendName,
      overrides,
      // A shard's baseline holds only its share of the cells: re-run that share.
      shard: baseline.metadata.shard,
      jobs: request.jobs,
      onCellStart: (cell, index, total) => progress.cellStart(cell, index, total),
      onCellDone: (finished, index, total, cell) => progress.cellDone(index, total, finished.milliseconds, cell),
    });
    progress.stop();
    if (outcome.backendFallback) output.err(`warning: re-ran on the cpu backend: ${outcome.backendFallback}\n`);
    return await readRun(outcome.dir);
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    progress.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Runs a check and writes its report; returns the exit code (bad input throws InputError). */
export async function runCheck(request: CheckRequest, output: CheckOutput): Promise<number> {
  const baseline = await readRun(request.baseline);
  await warnIfStale(baseline.metadata, output);
  // A re-run with another seed is compared statistically: refuse before spending it.
  const reseeded = request.against === undefined && (request.statistical || request.seed !== undefined);
  const early = reseeded ? tooFewTrials(baseline.metadata.trials) : undefined;
  if (early) throw new InputError([{ file: request.baseline, message: early }]);
  const candidate = request.against === undefined ? await rerun(baseline, request, output) : await readRun(request.against);
  const mismatch = experimentMismatch(baseline.metadata, candidate.metadata);
  if (mismatch) throw new InputError([{ file: request.against ?? request.baseline, message: mismatch }]);
  const { mode, reasons } = chooseMode(baseline.metadata, candidate.metadata, request.statistical ?? false);
  const few = mode === 'statistical' ? tooFewTrials(baseline.metadata.trials, candidate.metadata.trials) : undefined;
  if (few) throw new InputError([{ file: request.against ?? request.baseline, message: few }]);
  const report: CheckReport = checkRows(baseline.results, candidate.results, { mode, alpha: request.alpha });
  const context: CheckContext = {
    baseline: { label: request.baseline, metadata: baseline.metadata, csv: baseline.csv },
    candidate: {
      label: request.against ?? `re-run of ${request.baseline}`,
      metadata: candidate.metadata,
      csv: request.against === undefined ? undefined : candidate.csv,
    },
    reasons,
  };
  output.out(request.json ? formatJson(report, context) : formatReport(report, context));
  if (output.githubActions && !report.passed) {
    for (const line of githubAnnotations(report, context)) output.out(`${line}\n`);
  }
  return report.passed ? EXIT.ok : EXIT.failed;
}
