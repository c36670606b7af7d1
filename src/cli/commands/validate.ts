import type { CommandModule } from 'yargs';
import { planCells } from '../../experiment/cells.js';
import { loadExperiment } from '../../experiment/load.js';
import { loadAll } from '../load-all.js';

interface ValidateArgs {
  files: string[];
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <files..>',
  describe: 'Check experiment files without running them (exit 2 on the first invalid file set)',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'experiment YAML files' })
      .example('$0 validate experiments/*.yaml', 'check every shipped experiment'),
  handler: async (args) => {
    const loaded = await loadAll(args.files, loadExperiment);
    for (const { file, experiment } of loaded) {
      const plan = planCells(experiment);
      process.stdout.write(`${file}: ok (${plan.cells.length} cells, ${experiment.trials} trials each)\n`);
    }
  },
};
