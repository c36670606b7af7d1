import { CHUNK_ELEMENTS } from '../compute/chunking.js';
import { findObjective } from '../objectives/registry.js';
import { countCells, planCells } from './cells.js';
import type { Experiment, ValidationIssue } from './validate.js';

/** Beyond these a grid is almost certainly a typo (a logspace count, an extra zero); --force runs it anyway. */
export const LIMITS = {
  cells: 20_000,
  /** Noise values in flight for one chunk: trials x max(1, chunk) x noise size. */
  chunkElements: 64 * CHUNK_ELEMENTS,
  /** Noise values drawn over the whole run: sum of trials x samples x noise size. */
  totalElements: 2e11,
};

/** Float32 tensors alive per noise element during a backward pass (measured order of magnitude). */
const BYTES_PER_CHUNK_ELEMENT = 4 * 24;

function format(value: number): string {
  return value >= 1e6 ? value.toExponential(1) : String(Math.round(value));
}

/**
 * Problems found only once the grid is planned: nothing applies, or it is too large
 * (skipped with `force`). The noise size per sample is taken as the parameter count,
 * an upper bound for every objective here.
 */
export function checkPlan(experiment: Experiment, force = false): ValidationIssue[] {
  // Counted before anything is planned: a grid far over the limit is refused at once.
  const counted = force ? undefined : countCells(experiment, LIMITS.cells);
  if (counted && counted.count > LIMITS.cells) {
    const size = counted.exact ? `${counted.count}` : `more than ${LIMITS.cells}`;
    return [{ path: ['grid'], message: `the grid has ${size} cells (limit ${LIMITS.cells}); shrink it or pass --force` }];
  }
  const plan = planCells(experiment);
  if (plan.cells.length === 0) {
    const reasons = plan.skipped.map((s) => `${s.estimator} ${s.reason}`).join('; ');
    return [{ path: ['grid'], message: `no cell of the grid can run: ${reasons}` }];
  }
  if (force) return [];
  const definition = findObjective(experiment.objective.kind);
  const size = definition ? definition.create(definition.schema.parse(experiment.objective)).theta.length : 1;
  const issues: ValidationIssue[] = [];
  const chunk = experiment.trials * size;
  if (chunk > LIMITS.chunkElements) {
    const gib = (chunk * BYTES_PER_CHUNK_ELEMENT) / 2 ** 30;
    issues.push({
      path: ['trials'],
      message: `trials x noise size = ${format(chunk)} values per sample step needs about ${gib.toFixed(1)} GiB; lower trials or pass --force`,
    });
  }
  const total = plan.cells.reduce((acc, cell) => acc + experiment.trials * cell.samples * size, 0);
  if (total > LIMITS.totalElements) {
    issues.push({
      path: ['grid', 'samples'],
      message: `the grid draws ${format(total)} noise values (limit ${format(LIMITS.totalElements)}), hours of compute; shrink it or pass --force`,
    });
  }
  return issues;
}
