import type { CommandModule } from 'yargs';
import { BACKENDS, type BackendName } from '../../compute/backend-names.js';
import { defaultJobs } from '../../run/default-jobs.js';
import type { RunOutcome } from '../../run/run-to-directory.js';
import { type Shard, parseShard } from '../../run/shard-spec.js';
import { CellWorkerPool } from '../../run/worker-pool.js';
import { defaultExperimentFile } from '../default-experiment.js';
import { EXIT } from '../exit-codes.js';
import { loadAll } from '../load-all.js';
import { integerListOption, integerOption } from '../option-values.js';
import { createProgress } from '../progress.js';

interface RunArgs {
  files: string[] | undefined;
  out: string;
  trials: number | undefined;
  seed: number | undefined;
  samples: number[] | undefined;
  backend: BackendName;
  resume: boolean;
  force: boolean;
  quiet: boolean;
  jobs: number;
  shard: Shard | undefined;
}

function report(outcome: RunOutcome): void {
  const err = (line: string) => process.stderr.write(`${line}\n`);
  if (outcome.backendFallback) err(`warning: using the cpu backend: ${outcome.backendFallback}`);
  if (outcome.discardedCells > 0) err(`note: started over; the ${outcome.discardedCells} cell(s) an interrupted run had saved were dropped (--resume reuses them)`);
  for (const s of outcome.skipped) err(`skipped ${s.count} cell(s) of ${s.estimator}: ${s.reason}`);
  for (const row of outcome.nonFinite) {
    err(
      `warning: non-finite statistics in ${row.estimator}${row.temperature === undefined ? '' : ` tau=${row.temperature}`} n=${row.samples} ${row.param} (mean=${row.mean}, variance=${row.variance})`,
    );
  }
  if (!outcome.complete) {
    err(
      `stopped after ${outcome.cellsDone} of ${outcome.cellsTotal} cells; finished cells are saved: rerun with --resume to finish`,
    );
    return;
  }
  if (outcome.alreadyComplete) {
    process.stdout.write(`${outcome.dir}: already complete (${outcome.cellsDone} cells on ${outcome.backend}); left as it was\n`);
    return;
  }
  const resumed = outcome.resumedCells > 0 ? ` (${outcome.resumedCells} resumed)` : '';
  const shard = outcome.shard ? ` (shard ${outcome.shard.index}/${outcome.shard.count})` : '';
  process.stdout.write(`${outcome.dir}: ${outcome.cellsDone} cells${shard}${resumed} on ${outcome.backend}\n`);
  for (const file of outcome.files) process.stdout.write(`  ${file}\n`);
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [files..]',
  describe: 'Run experiment grids and write results.csv, metadata.json and log-log variance plots',
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        describe: 'experiment YAML files (default: the bundled categorical-gs-vs-reinforce experiment)',
      })
      .option('out', { type: 'string', requiresArg: true, default: 'results', describe: 'results root: each experiment writes <out>/<name>/' })
      .option('trials', integerOption('trials', 2, 'override the file: independent estimates per cell'))
      .option('seed', integerOption('seed', 0, 'override the file: experiment seed'))
      .option('samples', integerListOption('samples', 1, 'override the file: sample counts, e.g. 1,10,100'))
      .option('backend', { choices: BACKENDS, requiresArg: true, default: 'wasm' as BackendName, describe: 'tfjs backend (cpu is the fallback)' })
      .option('resume', { type: 'boolean', default: false, describe: 'finish an interrupted run, reusing its saved cells; experiments it had finished are left as they are' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite results made from a different experiment file, and run grids beyond the size limits' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' })
      .option('jobs', {
        ...integerOption('jobs', 1, 'cells run at once, each on its own tfjs engine (this thread plus N-1 worker threads); results do not depend on it'),
        default: defaultJobs(),
        defaultDescription: 'number of cores',
      })
      .option('shard', {
        type: 'string',
        requiresArg: true,
        describe: 'run only shard i of N (e.g. 2/4), balanced by cost; join the shard directories with `merge`',
        coerce: (value: string | undefined) => (value === undefined ? undefined : parseShard(value)),
      })
      .example('$0 run', 'run the bundled default experiment into results/')
      .example('$0 run experiments/x.yaml --trials 50 --samples 1,10', 'a quick look at a smaller grid')
      .example('$0 run experiments/x.yaml --resume', 'finish a run stopped with Ctrl-C')
      // yargs puts the command name only for the $0 that starts an example: merge gets its own line.
      .example('$0 run experiments/x.yaml --out part2 --shard 2/3', 'one machine\'s third of the grid')
      .example('$0 merge part1 part2 part3 --out results', 'then join the three machines\' parts') as never,
  handler: async (args) => {
    // One set of worker threads for every experiment of the command, started first: they
    // load tfjs on the other cores while this thread loads the rest of the tool.
    const pool = args.jobs > 1 ? new CellWorkerPool(args.jobs - 1) : undefined;
    pool?.prestart(args.backend);
    const controller = new AbortController();
    const onInterrupt = () => {
      if (controller.signal.aborted) process.exit(EXIT.interrupted);
      process.stderr.write('\nstopping after the current cell (Ctrl-C again to quit at once)\n');
      controller.abort();
    };
    try {
      const [{ loadAnyExperiment, resultsName }, { runToDirectory }, { samplingCheckToDirectory }, { overrideProblems }, { InputError }] = await Promise.all([
        import('../../experiment/load.js'),
        import('../../run/run-to-directory.js'),
        import('../../run/sampling-check-to-directory.js'),
        import('../override-problems.js'),
        import('../../experiment/input-error.js'),
      ]);
      const files = args.files && args.files.length > 0 ? args.files : [defaultExperimentFile()];
      const loaded = await loadAll(files, (file) => loadAnyExperiment(file, { force: args.force }), resultsName);
      // Every file's grid with the overrides applied is checked before the first one runs.
      const overrides = { trials: args.trials, seed: args.seed, samples: args.samples };
      const problems = loaded.flatMap((entry) => ('check' in entry ? [] : overrideProblems(entry, overrides, args.force)));
      if (problems.length > 0) throw new InputError(problems);
      process.on('SIGINT', onInterrupt);
      process.on('SIGTERM', onInterrupt);
      for (const experiment of loaded) {
        if ('check' in experiment) {
          // No cells: the draws take a moment, and --trials/--samples/--seed/--shard do not apply.
          const ignored = (['trials', 'samples', 'seed', 'shard'] as const).filter((flag) => args[flag] !== undefined);
          if (ignored.length > 0) process.stderr.write(`warning: ${experiment.file}: --${ignored.join(', --')} do not apply to a sampling check; ignored\n`);
          const outcome = await samplingCheckToDirectory(experiment, { out: args.out, force: args.force });
          const { fit } = outcome.result;
          process.stdout.write(`${outcome.dir}: sampling check, chi-square ${fit.statistic.toFixed(2)} on ${fit.dof} dof, p = ${fit.pValue.toPrecision(3)}\n`);
          // The usual rule for the chi-square approximation: every expected count at least 5.
          if (fit.minExpected < 5) {
            process.stderr.write(`warning: ${experiment.file}: a class expects only ${fit.minExpected.toPrecision(2)} draws; below 5 the chi-square p-value is unreliable: raise draws\n`);
          }
          for (const file of outcome.files) process.stdout.write(`  ${file}\n`);
          continue;
        }
        const progress = createProgress(args.quiet);
        progress.start(experiment.experiment.name);
        let outcome: RunOutcome;
        try {
          outcome = await runToDirectory(experiment, {
            out: args.out,
            backend: args.backend,
            overrides,
            resume: args.resume,
            force: args.force,
            signal: controller.signal,
            onCellStart: (cell, index, total) => progress.cellStart(cell, index, total),
            jobs: args.jobs,
            shard: args.shard,
            pool,
            onCellDone: (finished, index, total, cell) => progress.cellDone(index, total, finished.milliseconds, cell),
          });
        } finally {
          progress.stop();
        }
        report(outcome);
        if (!outcome.complete) {
          process.exitCode = EXIT.interrupted;
          return;
        }
      }
    } finally {
      await pool?.close();
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
    }
  },
};
