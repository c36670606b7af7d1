import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { type CheckReport, checkRows } from '../../check/check-rows.js';
import { type CheckContext, formatJson, formatReport, githubAnnotations } from '../../check/format.js';
import { type CheckMetadata, parseMetadata } from '../../check/metadata.js';
import { chooseMode, experimentMismatch } from '../../check/mode.js';
import { DEFAULT_ALPHA } from '../../check/statistical.js';
import { BACKENDS, type BackendName } from '../../compute/backend.js';
import { InputError, type LoadedExperiment, parseExperiment } from '../../experiment/load.js';
import { type ParsedResults, parseResultsCsv } from '../../results/parse-csv.js';
import { defaultJobs } from '../../run/run-experiment.js';
import { RESULT_FILES, runToDirectory } from '../../run/run-to-directory.js';
import { EXIT } from '../exit-codes.js';
import { createProgress } from '../progress.js';

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
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new InputError([{ file: dir, message: 'no such results directory' }]);
  if (!info.isDirectory()) throw new InputError([{ file: dir, message: 'not a directory' }]);
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
    experiment: parseExperiment(file, text, { force: true }),
    file,
    text,
    hash: createHash('sha256').update(text).digest('hex'),
  };
  const overrides = { ...baseline.metadata.overrides, ...(request.seed === undefined ? {} : { seed: request.seed }) };
  const tmp = await mkdtemp(join(tmpdir(), 'reparam-bench-check-'));
  const progress = createProgress(request.quiet ?? false);
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
    progress.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Runs a check and writes its report; returns the exit code (bad input throws InputError). */
export async function runCheck(request: CheckRequest, output: CheckOutput): Promise<number> {
  const baseline = await readRun(request.baseline);
  await warnIfStale(baseline.metadata, output);
  const candidate = request.against === undefined ? await rerun(baseline, request, output) : await readRun(request.against);
  const mismatch = experimentMismatch(baseline.metadata, candidate.metadata);
  if (mismatch) throw new InputError([{ file: request.against ?? request.baseline, message: mismatch }]);
  const { mode, reasons } = chooseMode(baseline.metadata, candidate.metadata, request.statistical ?? false);
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

interface CheckArgs {
  baseline: string;
  against: string | undefined;
  statistical: boolean;
  alpha: number;
  json: boolean;
  seed: number | undefined;
  backend: BackendName | undefined;
  jobs: number;
  quiet: boolean;
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check <baseline>',
  describe: 'Compare results with a baseline directory: exact when reproducible, else variance/mean tests (exit 1 on a regression)',
  builder: (y) =>
    y
      .positional('baseline', { type: 'string', demandOption: true, describe: 'baseline results directory (with metadata.json)' })
      .option('against', {
        type: 'string',
        describe: 'results directory to compare (default: re-run the baseline\'s recorded experiment in a temporary directory)',
      })
      .option('statistical', {
        type: 'boolean',
        default: false,
        describe: 'test variances and means instead of exact equality (automatic when seeds, trials or backends differ)',
      })
      .option('alpha', { type: 'number', default: DEFAULT_ALPHA, describe: 'family-wise false-alarm rate (Holm) of statistical mode' })
      .option('json', { type: 'boolean', default: false, describe: 'write the report as JSON' })
      .option('seed', { type: 'number', describe: 're-run with this experiment seed (implies statistical mode)' })
      .option('backend', { choices: BACKENDS, describe: 're-run on this backend (default: the recorded one)' })
      .option('jobs', {
        type: 'number',
        default: defaultJobs(),
        defaultDescription: 'number of cores',
        describe: 'cells of the re-run at once, on worker threads; results do not depend on it',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress output while re-running' })
      .check((args) => {
        if (!(args.alpha > 0 && args.alpha < 1)) throw new Error(`--alpha must be in (0, 1) (got ${args.alpha})`);
        if (!(Number.isInteger(args.jobs) && args.jobs >= 1)) throw new Error(`--jobs must be an integer >= 1 (got ${args.jobs})`);
        if (args.seed !== undefined && !(Number.isInteger(args.seed) && args.seed >= 0)) {
          throw new Error(`--seed must be an integer >= 0 (got ${args.seed})`);
        }
        if (args.against !== undefined && (args.seed !== undefined || args.backend !== undefined)) {
          throw new Error('--seed and --backend apply to a re-run; they cannot be combined with --against');
        }
        return true;
      })
      .example('$0 check results/ci/ci-gaussian-quadratic', 're-run the recorded experiment: numbers must match')
      .example('$0 check results/ci/ci-gaussian-quadratic --seed 2', 're-run with another seed: variances and means must agree')
      .example('$0 check results/old --against results/new --json', 'compare two result directories') as never,
  handler: async (args) => {
    process.exitCode = await runCheck(args, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      githubActions: process.env.GITHUB_ACTIONS === 'true',
    });
  },
};
