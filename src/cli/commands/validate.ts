import type { CommandModule } from 'yargs';
import { loadAll } from '../load-all.js';

interface ValidateArgs {
  files: string[];
  force: boolean;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <files..>',
  describe: 'Check experiment files without running them: every problem with file:line:column, exit 2 if any',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'experiment YAML files' })
      .option('force', { type: 'boolean', default: false, describe: 'accept grids beyond the size limits' })
      .example('$0 validate experiments/*.yaml', 'check every shipped experiment'),
  handler: async (args) => {
    const [{ planCells }, { loadAnyExperiment, resultsName }] = await Promise.all([import('../../experiment/cells.js'), import('../../experiment/load.js')]);
    const loaded = await loadAll(args.files, (file) => loadAnyExperiment(file, { force: args.force }), resultsName);
    for (const entry of loaded) {
      if ('check' in entry) {
        process.stdout.write(`${entry.file}: ok (sampling check, ${entry.check.draws} draws)\n`);
        continue;
      }
      const { file, experiment } = entry;
      const plan = planCells(experiment);
      process.stdout.write(`${file}: ok (${plan.cells.length} cells, ${experiment.trials} trials each)\n`);
    }
  },
};
