import type { CommandModule } from 'yargs';

interface PlotArgs {
  dirs: string[];
}

export const plotCommand: CommandModule<object, PlotArgs> = {
  command: 'plot <dirs..>',
  describe: 'Re-render the figures and index.html of results directories from their CSV and metadata.json (no re-run)',
  builder: (y) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'results directories (<out>/<name>), or roots holding them (<out>)' })
      .example('$0 plot results/categorical-gs-vs-reinforce', 'redraw one experiment\'s figures')
      .example('$0 plot results', 'redraw every figure under results/') as never,
  handler: async (args) => {
    const [{ replotDirectory }, { findResultDirectories }] = await Promise.all([import('../../report/replot.js'), import('../../results/result-directories.js')]);
    for (const dir of await findResultDirectories(args.dirs)) {
      const files = await replotDirectory(dir);
      process.stdout.write(`${dir}: ${files.length} files\n`);
      for (const file of files) process.stdout.write(`  ${file}\n`);
    }
  },
};
