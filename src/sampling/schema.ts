import { z } from 'zod';
import { categoricalLogitsFields, probsSumProblem } from '../objectives/categorical-logits.js';
import { SAFE_NAME } from '../experiment/schema.js';

export const DEFAULT_RELAXED = { temperatures: [5, 1, 0.5, 0.1], draws: 5 };

/**
 * `kind: sampling-check`: no gradients, only samples. Checks that argmax(alpha + g) with
 * Gumbel g draws exactly from softmax(alpha) (chi-square goodness of fit), and shows a few
 * Gumbel-Softmax draws at several temperatures against the same softmax (note 004).
 */
export const samplingCheckSchema = z.strictObject({
  kind: z.literal('sampling-check').describe('a sampling check instead of a variance grid'),
  name: z
    .string()
    .regex(SAFE_NAME, 'must be a safe directory name: letters, digits, ".", "_", "-" (no "/", no leading ".")')
    .describe('results go to <out>/<name>/'),
  description: z.string().optional(),
  seed: z.int().min(0).max(Number.MAX_SAFE_INTEGER).default(1).describe('seed of the draws'),
  distribution: z
    .strictObject(categoricalLogitsFields)
    .superRefine((config, ctx) => {
      if ((config.logits === undefined) === (config.probs === undefined)) {
        ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of `logits` or `probs`' });
      }
      const problem = config.probs === undefined ? undefined : probsSumProblem(config.probs);
      if (problem) ctx.addIssue({ code: 'custom', path: ['probs'], message: problem });
    })
    .describe('the categorical softmax(alpha): `logits` alpha or `probs`'),
  draws: z.int().min(1).max(10_000_000).default(8000).describe('draws of argmax(alpha + g) for the frequency check'),
  replications: z
    .int()
    .min(0)
    .max(10_000)
    .default(0)
    .describe('independent repeats of the frequency check: their p-values are uniform on [0, 1] when the sampler is exact'),
  relaxed: z
    .strictObject({
      temperatures: z.array(z.number().positive()).min(1).describe('Gumbel-Softmax temperatures, one panel each'),
      draws: z.int().min(1).max(50).describe('Gumbel-Softmax draws per temperature'),
    })
    .default(DEFAULT_RELAXED)
    .describe('Gumbel-Softmax draws shown against the target softmax (default: tau = 5, 1, 0.5, 0.1; 5 draws)'),
});

export type SamplingCheckFile = z.output<typeof samplingCheckSchema>;
