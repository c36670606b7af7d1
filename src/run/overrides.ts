import type { Experiment } from '../experiment/validate.js';

/** Command-line values that replace the experiment file's, for quick looks. */
export interface Overrides {
  readonly trials?: number | undefined;
  readonly seed?: number | undefined;
  readonly samples?: readonly number[] | undefined;
}

export function applyOverrides(experiment: Experiment, overrides: Overrides): Experiment {
  return {
    ...experiment,
    trials: overrides.trials ?? experiment.trials,
    seed: overrides.seed ?? experiment.seed,
    samples: overrides.samples ? [...new Set(overrides.samples)] : experiment.samples,
  };
}

/** The overrides actually given, for metadata. */
export function givenOverrides(overrides: Overrides): Record<string, unknown> {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}
