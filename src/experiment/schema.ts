import { z } from 'zod';
import { sweepValues } from './sweep.js';

/** Experiment names become directory names: letters, digits, '.', '_', '-', starting with a letter or digit. */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const estimatorEntry = z
  .union([z.string(), z.looseObject({ name: z.string() })])
  .describe('an estimator name, or { name, ...options } to set its options');

export const gridSchema = z
  .looseObject({
    estimator: z.array(estimatorEntry).min(1, 'list at least one estimator'),
    temperature: sweepValues
      .optional()
      .describe('Gumbel-Softmax temperatures (> 0); crosses only the estimators that take one'),
    samples: sweepValues.describe('Monte Carlo samples n averaged into one estimate (integers >= 1)'),
  })
  .describe('the grid: estimator x temperature x samples x any `objective.<field>` sweep');

/**
 * The shape of an experiment file. Checks that need the registries (estimator names,
 * objective fields, sweeps) live in validate.ts and report on the same key paths.
 */
export const experimentSchema = z.strictObject({
  name: z
    .string()
    .regex(SAFE_NAME, 'must be a safe directory name: letters, digits, ".", "_", "-" (no "/", no leading ".")')
    .describe('results go to <out>/<name>/'),
  description: z.string().optional(),
  seed: z.int().min(0).max(Number.MAX_SAFE_INTEGER).default(1).describe('experiment seed; each cell derives its own'),
  trials: z.int().min(2).default(200).describe('independent gradient estimates per cell'),
  objective: z.looseObject({ kind: z.string() }).describe('the objective: `kind` plus that kind\'s fields'),
  grid: gridSchema,
  plot: z
    .strictObject({
      params: z.array(z.string()).min(1).optional().describe('parameters to plot (default: the first)'),
    })
    .optional(),
});

export type ExperimentFile = z.output<typeof experimentSchema>;
