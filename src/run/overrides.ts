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

/**
 * Everything the overrides can change, as a run used it, whether from the file or the command
 * line: two runs of one experiment text that agree on this computed every cell alike. The
 * mapped type makes a new override fail to compile until it is listed here. Samples are a
 * set: cells run and are written in canonical order whatever order they were given in.
 */
export function effectiveSettings(experiment: Experiment): { readonly [K in keyof Overrides]-?: unknown } {
  return {
    trials: experiment.trials,
    seed: experiment.seed,
    samples: [...experiment.samples].sort((a, b) => a - b),
  };
}
