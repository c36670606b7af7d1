#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { BackendUnavailableError } from '../compute/backend-names.js';
import { InputError } from '../experiment/input-error.js';
import { checkCommand } from './commands/check.js';
import { listCommand } from './commands/list.js';
import { mergeCommand } from './commands/merge.js';
import { plotCommand } from './commands/plot.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { EXIT } from './exit-codes.js';
import { checkOptionValuesMiddleware } from './option-values.js';
import { UsageError } from './usage-error.js';

async function main(): Promise<void> {
  await yargs(hideBin(process.argv))
    .scriptName('reparam-bench')
    // Numeric options are read as typed and checked by their own coerce (option-values.ts).
    .parserConfiguration({ 'parse-numbers': false })
    .usage(
      '$0 <command>\n\nMeasure the variance and bias of gradient estimators (pathwise, REINFORCE, Gumbel-Softmax, ...)\nover a YAML grid of estimator x temperature x samples x objective parameters.',
    )
    .command(runCommand)
    .command(validateCommand)
    .command(listCommand)
    .command(checkCommand)
    .command(mergeCommand)
    .command(plotCommand)
    // Registered before the commands' own coerce functions, so it runs ahead of them.
    .middleware(checkOptionValuesMiddleware, true)
    // Options declare requiresArg; yargs' own wording ('Not enough arguments following: out') reads as a count.
    .updateStrings({ 'Not enough arguments following: %s': '--%s needs a value' })
    .demandCommand(1, 'name a command: run, validate, list, check, merge or plot')
    .strict()
    .recommendCommands()
    .fail((message, error) => {
      // Bad arguments come as a message, a throwing `coerce` (--shard, the numeric options) as a YError.
      if (error && error.name !== 'YError') throw error;
      reportUsageError(message ?? error?.message);
    })
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .parseAsync();
}

// A reader that stops early (`reparam-bench run x.yaml | head`) ends the output, not the
// run: results still reach the disk. Writes after the first EPIPE fail as destroyed.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

function reportUsageError(message: string): never {
  process.stderr.write(`error: ${message}\nRun with --help for usage.\n`);
  process.exit(EXIT.invalidInput);
}

main().catch((error: unknown) => {
  // A command's own argument checks throw UsageError; --backend tensorflow without tfjs-node is as bad an argument.
  if (error instanceof UsageError || error instanceof BackendUnavailableError) reportUsageError(error.message);
  if (error instanceof InputError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = EXIT.invalidInput;
    return;
  }
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = EXIT.failed;
});
