import type { CommandModule } from 'yargs';
import { DEFAULT_ALPHA } from '../../check/alpha.js';
import { BACKENDS, type BackendName } from '../../compute/backend-names.js';
import { defaultJobs } from '../../run/default-jobs.js';
import { integerOption, openUnitIntervalOption } from '../option-values.js';
import { UsageError } from '../usage-error.js';

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
        requiresArg: true,
        describe: 'results directory to compare (default: re-run the baseline\'s recorded experiment in a temporary directory)',
      })
      .option('statistical', {
        type: 'boolean',
        default: false,
        describe: 'test variances and means instead of exact equality (automatic when seeds, trials or backends differ)',
      })
      .option('alpha', { ...openUnitIntervalOption('alpha', 'family-wise false-alarm rate (Holm) of statistical mode'), default: DEFAULT_ALPHA })
      .option('json', { type: 'boolean', default: false, describe: 'write the report as JSON' })
      .option('seed', integerOption('seed', 0, 're-run with this experiment seed (implies statistical mode)'))
      .option('backend', { choices: BACKENDS, requiresArg: true, describe: 're-run on this backend (default: the recorded one)' })
      .option('jobs', {
        ...integerOption('jobs', 1, 'cells of the re-run at once, on worker threads; results do not depend on it'),
        default: defaultJobs(),
        defaultDescription: 'number of cores',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress output while re-running' })
      .check((args) => {
        if (args.against !== undefined && (args.seed !== undefined || args.backend !== undefined)) {
          throw new UsageError('--seed and --backend apply to a re-run; they cannot be combined with --against');
        }
        return true;
      })
      .example('$0 check results/ci/ci-gaussian-quadratic', 're-run the recorded experiment: numbers must match')
      .example('$0 check results/ci/ci-gaussian-quadratic --seed 2', 're-run with another seed: variances and means must agree')
      .example('$0 check results/old --against results/new --json', 'compare two result directories') as never,
  handler: async (args) => {
    const { runCheck } = await import('../run-check.js');
    process.exitCode = await runCheck(args, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      githubActions: process.env.GITHUB_ACTIONS === 'true',
    });
  },
};
