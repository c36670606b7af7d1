import { z } from 'zod';
import { sweepValues } from './sweep.js';

/** Experiment names become directory names: letters, digits, '.', '_', '-', starting with a letter or digit. */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const estimatorEntry = z
  // A number or a list here matches neither shape: say what does, not "Invalid input".
  .union([z.string(), z.looseObject({ name: z.string() })], { error: 'expected an estimator name or { name, ...options } (names: reparam-bench list)' })
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

/** What a plot of a variance experiment shows; each kind writes its own files beside the CSV. */
export const PLOT_KINDS = ['variance-vs-samples', 'temperature-tradeoff', 'variance-vs-field', 'snr-vs-samples'] as const;

export type PlotKind = (typeof PLOT_KINDS)[number];

export const plotSchema = z
  .strictObject({
    kind: z
      .enum(PLOT_KINDS)
      .default('variance-vs-samples')
      .describe(
        'variance-vs-samples (log-log, 1/n reference); temperature-tradeoff (bias^2, variance, MSE against tau); variance-vs-field (per-sample variance against a swept objective field, closed forms as lines); snr-vs-samples (|true gradient| / sd against n)',
      ),
    params: z.array(z.string()).min(1).optional().describe('parameters to plot, one facet each (default: the first)'),
    field: z.string().optional().describe('variance-vs-field: the swept objective field on x (default: the only swept field)'),
    samples: z
      .int()
      .min(1)
      .optional()
      .describe('temperature-tradeoff, variance-vs-field: the sample count shown (default: the largest in the grid)'),
    logX: z.boolean().optional().describe('variance-vs-field: log x axis (default false)'),
    yFloor: z
      .number()
      .positive()
      .optional()
      .describe('lowest value on the log y axis; values at or below it (zero variances) are drawn as markers on the floor'),
  })
  .describe('one figure');

/**
 * The shape of an experiment file. Checks that need the registries (estimator names,
 * objective fields, sweeps) live in validate.ts and report on the same key paths.
 */
export const experimentSchema = z.strictObject({
  kind: z
    .literal('variance', { error: 'kind must be variance (the default) or sampling-check' })
    .default('variance')
    .describe('variance (default): a grid of gradient-variance cells; sampling-check: Gumbel-max and Gumbel-Softmax draws'),
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
    // null or a number matches neither shape: name them, not "Invalid input".
    .union([plotSchema, z.array(plotSchema).min(1)], { error: 'expected one plot ({ kind, params, ... }) or a list of plots' })
    .optional()
    .describe('the figures: one plot or a list (default: variance-vs-samples; variance-vs-field when the grid sweeps one objective field)'),
});

export type ExperimentFile = z.output<typeof experimentSchema>;

export type PlotFile = z.output<typeof plotSchema>;
