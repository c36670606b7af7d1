import { ESTIMATORS } from '../estimators/registry.js';
import { findObjective } from '../objectives/registry.js';
import { cellSeed } from '../random/seed.js';
import type { EstimatorChoice, Experiment } from './validate.js';

/** One point of the grid: an estimator at a temperature, sample count and sweep values. */
export interface Cell {
  readonly choice: EstimatorChoice;
  readonly temperature: number | undefined;
  readonly samples: number;
  /** Swept objective fields and their values here. */
  readonly sweep: Readonly<Record<string, number>>;
  /** The objective's fields for this cell (base fields with the sweep applied). */
  readonly objective: Readonly<Record<string, unknown>> & { readonly kind: string };
  /** Canonical description of what the cell computes; its seed derives from this alone. */
  readonly identity: string;
  readonly seed: number;
}

/** Cells left out of a grid, grouped by estimator and reason. */
export interface SkippedCells {
  readonly estimator: string;
  readonly reason: string;
  readonly count: number;
}

export interface CellPlan {
  readonly cells: readonly Cell[];
  readonly skipped: readonly SkippedCells[];
}

/** JSON with object keys sorted, so identities do not depend on key order in the file. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sweepCombos(experiment: Experiment): Record<string, number>[] {
  return experiment.sweeps.reduce<Record<string, number>[]>(
    (combos, sweep) => combos.flatMap((combo) => sweep.values.map((v) => ({ ...combo, [sweep.field]: v }))),
    [{}],
  );
}

/** Ascending, with undefined first (never NaN, which would break the sort). */
function compareNumbers(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a - b;
}

/** Canonical row order: estimator (registry order, then label), temperature, sweep values, samples. */
export function compareCells(a: Cell, b: Cell): number {
  const byEstimator = ESTIMATORS.indexOf(a.choice.estimator) - ESTIMATORS.indexOf(b.choice.estimator);
  if (byEstimator !== 0) return byEstimator;
  if (a.choice.label !== b.choice.label) return a.choice.label < b.choice.label ? -1 : 1;
  const byTemperature = compareNumbers(a.temperature, b.temperature);
  if (byTemperature !== 0) return byTemperature;
  for (const field of Object.keys(a.sweep)) {
    const bySweep = compareNumbers(a.sweep[field], b.sweep[field]);
    if (bySweep !== 0) return bySweep;
  }
  return a.samples - b.samples;
}

/** The sweep combinations one at a time, in sweepCombos' order, without holding them all. */
function* eachSweepCombo(experiment: Experiment): Generator<Record<string, number>> {
  const { sweeps } = experiment;
  const total = sweeps.reduce((product, sweep) => product * sweep.values.length, 1);
  for (let index = 0; index < total; index++) {
    const combo: Record<string, number> = {};
    let rest = index;
    for (let s = sweeps.length - 1; s >= 0; s--) {
      const { field, values } = sweeps[s] as Experiment['sweeps'][number];
      combo[field] = values[rest % values.length] as number;
      rest = Math.floor(rest / values.length);
    }
    yield combo;
  }
}

/**
 * How many cells planCells would build, counted without building them, so that the size
 * limit refuses a 10^7-cell grid at once (planning it took 90 s). Exact, unless counting
 * the cells of an estimator that skips some one by one passes `stopAbove`: then the count
 * is only known to exceed it (`exact: false`).
 */
export function countCells(experiment: Experiment, stopAbove = Number.POSITIVE_INFINITY): { count: number; exact: boolean } {
  const definition = findObjective(experiment.objective.kind);
  const family = definition?.family;
  const combos = experiment.sweeps.reduce((product, sweep) => product * sweep.values.length, 1);
  let count = 0;
  for (const choice of experiment.estimators) {
    const { estimator } = choice;
    if (family === undefined || !estimator.families.includes(family)) continue;
    const temperatures = estimator.takesTemperature ? experiment.temperatures.length : 1;
    const samples = experiment.samples.filter((n) => n >= estimator.minSamples);
    if (!definition || !estimator.unsupported) {
      count += temperatures * combos * samples.length;
      continue;
    }
    for (const sweep of eachSweepCombo(experiment)) {
      const objective = definition.create(definition.schema.parse({ ...experiment.objective, ...sweep }));
      for (const n of samples) {
        if (estimator.unsupported({ objective, options: choice.options, samples: n })) continue;
        count += temperatures;
        if (count > stopAbove) return { count, exact: false };
      }
    }
  }
  return { count, exact: true };
}

/**
 * Expands the grid into cells in canonical order. Pairs that cannot run (estimator not
 * defined for the objective family, too few samples, the estimator's own `unsupported`
 * reason) are skipped and counted.
 */
export function planCells(experiment: Experiment): CellPlan {
  const definition = findObjective(experiment.objective.kind);
  const family = definition?.family;
  const cells: Cell[] = [];
  const skipped = new Map<string, SkippedCells>();
  const skip = (estimator: string, reason: string) => {
    const key = `${estimator}|${reason}`;
    const count = (skipped.get(key)?.count ?? 0) + 1;
    skipped.set(key, { estimator, reason, count });
  };
  for (const choice of experiment.estimators) {
    const { estimator } = choice;
    const temperatures = estimator.takesTemperature ? experiment.temperatures : [undefined];
    for (const temperature of temperatures) {
      for (const sweep of sweepCombos(experiment)) {
        for (const samples of experiment.samples) {
          if (family === undefined || !estimator.families.includes(family)) {
            skip(choice.label, `does not apply to ${experiment.objective.kind} (applies to ${estimator.families.join(', ')})`);
            continue;
          }
          if (samples < estimator.minSamples) {
            skip(choice.label, `needs samples >= ${estimator.minSamples}`);
            continue;
          }
          const objective = { ...experiment.objective, ...sweep };
          const unsupported =
            definition &&
            estimator.unsupported?.({
              objective: definition.create(definition.schema.parse(objective)),
              options: choice.options,
              samples,
            });
          if (unsupported) {
            skip(choice.label, unsupported);
            continue;
          }
          const identity = canonicalJson({
            objective,
            estimator: estimator.name,
            options: choice.options,
            temperature,
            samples,
          });
          cells.push({
            choice,
            temperature,
            samples,
            sweep,
            objective,
            identity,
            seed: cellSeed(experiment.seed, identity),
          });
        }
      }
    }
  }
  return { cells: cells.sort(compareCells), skipped: [...skipped.values()] };
}
