import type { CommandModule } from 'yargs';
import { EXIT } from '../exit-codes.js';
import { cellLabel } from '../progress.js';

interface MergeArgs {
  dirs: string[];
  out: string;
  force: boolean;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs..>',
  describe: 'Join the results of `run --shard` runs into one CSV, metadata and plot per experiment',
  builder: (y) =>
    y
      .positional('dirs', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'shard results: <out>/<name> directories, or the <out> roots holding them',
      })
      .option('out', { type: 'string', requiresArg: true, default: 'results', describe: 'results root: each experiment writes <out>/<name>/' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite <out>/<name>/ even when it holds results of a different experiment file' })
      .example('$0 merge shard-1 shard-2 shard-3 --out results', 'join three `run --out shard-i --shard i/3` runs')
      .example('$0 merge shards/*/my-grid --out results', 'join one experiment\'s shard directories') as never,
  handler: async (args) => {
    const { mergeResults } = await import('../../run/merge.js');
    const outcomes = await mergeResults(args.dirs, args.out, { force: args.force });
    for (const outcome of outcomes) {
      for (const cell of outcome.duplicates) {
        process.stderr.write(`warning: ${outcome.experiment}: cell ${cellLabel(cell)} is in more than one input (identical rows; kept once)\n`);
      }
      if (outcome.missing.length > 0) {
        process.stderr.write(
          `${outcome.experiment}: ${outcome.missing.length} cell(s) missing from ${outcome.inputs.length} input(s); nothing written:\n`,
        );
        for (const cell of outcome.missing) process.stderr.write(`  missing: ${cellLabel(cell)}\n`);
        process.exitCode = EXIT.invalidInput;
        continue;
      }
      const what = outcome.copied
        ? `sampling check (not sharded), copied from ${outcome.inputs[0]}`
        : `${outcome.cells} cells from ${outcome.inputs.length} input(s)`;
      process.stdout.write(`${outcome.dir}: ${what}\n`);
      for (const file of outcome.files) process.stdout.write(`  ${file}\n`);
    }
  },
};
