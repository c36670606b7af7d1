import type { AnyEstimator } from './estimator.js';
import { gumbelSoftmax } from './gumbel-softmax.js';
import { pathwise } from './pathwise.js';
import { reinforceBaseline } from './reinforce-baseline.js';
import { reinforce } from './reinforce.js';
import { stGumbelSoftmax } from './st-gumbel-softmax.js';

/** Every estimator by YAML name, in the order results are listed. A new one is one file plus one line here. */
export const ESTIMATORS: readonly AnyEstimator[] = [
  pathwise,
  reinforce,
  reinforceBaseline,
  gumbelSoftmax,
  stGumbelSoftmax,
];

export function findEstimator(name: string): AnyEstimator | undefined {
  return ESTIMATORS.find((e) => e.name === name);
}

export function estimatorNames(): string[] {
  return ESTIMATORS.map((e) => e.name);
}
