import { checkPlan } from '../experiment/limits.js';
import type { InputProblem } from '../experiment/input-error.js';
import type { LoadedExperiment } from '../experiment/load.js';
import { type Overrides, applyOverrides, givenOverrides } from '../run/overrides.js';

/**
 * The file's grid checks (something can run, the size limits) redone with --trials and
 * --samples applied: a file that passes them can fail them with the overrides. Unchecked,
 * `--samples 1` on a leave-one-out-only grid wrote an empty CSV with exit 0, and
 * `--trials 100000000` ran out of memory minutes into the run instead of exit 2.
 */
export function overrideProblems(loaded: LoadedExperiment, overrides: Overrides, force: boolean): InputProblem[] {
  const flags = Object.keys(givenOverrides(overrides)).filter((flag) => flag !== 'seed');
  if (flags.length === 0) return [];
  const given = flags.map((flag) => `--${flag}`).join(' and ');
  return checkPlan(applyOverrides(loaded.experiment, overrides), force).map((issue) => ({
    file: loaded.file,
    path: issue.path.join('.'),
    message: `with ${given}: ${issue.message}`,
  }));
}
