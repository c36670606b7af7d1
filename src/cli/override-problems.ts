import { checkPlan } from '../experiment/limits.js';
import type { InputProblem } from '../experiment/input-error.js';
import type { LoadedExperiment } from '../experiment/load.js';
import { type Overrides, applyOverrides, givenOverrides } from '../run/overrides.js';

/**
 * The file's grid checks (something can run, the size limits) redone with --trials and
 * --samples applied: a file that passes them can fail them with the overrides. Unchecked,
 * `--samples 1` on a leave-one-out-only grid wrote an empty CSV with exit 0, and
 * `--trials 100000000` ran out of memory minutes into the run instead of exit 2, and
 * `--samples 2` under a plot pinned to `samples: 4` drew that plot empty.
 */
export function overrideProblems(loaded: LoadedExperiment, overrides: Overrides, force: boolean): InputProblem[] {
  const flags = Object.keys(givenOverrides(overrides)).filter((flag) => flag !== 'seed');
  if (flags.length === 0) return [];
  const given = flags.map((flag) => `--${flag}`).join(' and ');
  const experiment = applyOverrides(loaded.experiment, overrides);
  const problems: InputProblem[] = checkPlan(experiment, force).map((issue) => ({
    file: loaded.file,
    path: issue.path.join('.'),
    message: `with ${given}: ${issue.message}`,
  }));
  // A plot pinned to one sample count (temperature-tradeoff, variance-vs-field) that --samples
  // leaves out would be drawn empty.
  experiment.plots.forEach((plot, i) => {
    if (plot.samples === undefined || experiment.samples.includes(plot.samples)) return;
    problems.push({
      file: loaded.file,
      path: experiment.plots.length === 1 ? 'plot.samples' : `plot[${i}].samples`,
      message: `with --samples: ${plot.samples} is not among the sample counts (${experiment.samples.join(', ')}); add it to --samples`,
    });
  });
  return problems;
}
