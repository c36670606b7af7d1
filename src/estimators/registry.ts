import { arm } from './arm.js';
import { disarm } from './disarm.js';
import type { AnyEstimator } from './estimator.js';
import { gumbelSoftmax } from './gumbel-softmax.js';
import { measureValued } from './measure-valued.js';
import { pathwise } from './pathwise.js';
import { rebar } from './rebar.js';
import { reinforceBaseline } from './reinforce-baseline.js';
import { reinforce } from './reinforce.js';
import { stGumbelSoftmax } from './st-gumbel-softmax.js';
import { straightThrough } from './straight-through.js';

/** Every estimator by YAML name, in the order results are listed. A new one is one file plus one line here. */
export const ESTIMATORS: readonly AnyEstimator[] = [
  pathwise,
  reinforce,
  reinforceBaseline,
  gumbelSoftmax,
  stGumbelSoftmax,
  measureValued,
  straightThrough,
  arm,
  disarm,
  rebar,
];

export function findEstimator(name: string): AnyEstimator | undefined {
  return ESTIMATORS.find((e) => e.name === name);
}

export function estimatorNames(): string[] {
  return ESTIMATORS.map((e) => e.name);
}
