import { bernoulliQuadratic } from './bernoulli-quadratic.js';
import { categoricalLinear } from './categorical-linear.js';
import { categoricalQuadratic } from './categorical-quadratic.js';
import { gaussianCos } from './gaussian-cos.js';
import { gaussianQuadratic } from './gaussian-quadratic.js';
import type { AnyObjectiveDefinition } from './objective.js';

/** Every objective kind, keyed by its YAML `kind`. A new objective is one file plus one line here. */
export const OBJECTIVES = [
  categoricalLinear,
  categoricalQuadratic,
  bernoulliQuadratic,
  gaussianQuadratic,
  gaussianCos,
] as const satisfies readonly AnyObjectiveDefinition[];

export type ObjectiveKind = (typeof OBJECTIVES)[number]['kind'];

export function findObjective(kind: string): AnyObjectiveDefinition | undefined {
  return (OBJECTIVES as readonly AnyObjectiveDefinition[]).find((o) => o.kind === kind);
}
