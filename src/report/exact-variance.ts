import type { Experiment } from '../experiment/validate.js';
import { singleSampleVariances } from '../objectives/closed-forms/index.js';
import { findObjective } from '../objectives/registry.js';
import type { ResultRow } from '../results/result-row.js';

/** The exact single-sample variance of a row's estimator and parameter, where a closed form is known. */
export type ExactLookup = (row: Pick<ResultRow, 'estimator' | 'sweep' | 'param'>, fields?: Readonly<Record<string, number>>) => number | undefined;

/**
 * Closed forms for the rows of an experiment: the row's estimator label is resolved to its
 * registry name and options, and its objective is the experiment's with the row's sweep values
 * (and `fields`, to draw a curve between grid points) applied.
 */
export function exactVarianceLookup(experiment: Experiment): ExactLookup {
  const definition = findObjective(experiment.objective.kind);
  const cache = new Map<string, number | undefined>();
  return (row, fields = {}) => {
    const choice = experiment.estimators.find((e) => e.label === row.estimator);
    if (!choice || !definition) return undefined;
    const objective = { ...experiment.objective, ...row.sweep, ...fields };
    const key = JSON.stringify([row.estimator, objective, row.param]);
    if (!cache.has(key)) {
      const parsed = definition.schema.safeParse(objective);
      const variances = parsed.success ? singleSampleVariances(objective, choice.estimator.name, choice.options) : undefined;
      const index = parsed.success ? definition.create(parsed.data).paramNames.indexOf(row.param) : -1;
      cache.set(key, index < 0 ? undefined : variances?.[index]);
    }
    return cache.get(key);
  };
}
