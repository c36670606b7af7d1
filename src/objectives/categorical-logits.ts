import { z } from 'zod';

/** The shared `logits` or `probs` fields of categorical objectives. */
export const categoricalLogitsFields = {
  logits: z.array(z.number()).min(2).optional().describe('unnormalized log-probabilities alpha (length K)'),
  probs: z
    .array(z.number().positive())
    .min(2)
    .optional()
    .describe('class probabilities (length K, positive, summing to 1); alpha = log(probs)'),
};

export interface CategoricalLogitsConfig {
  logits?: number[] | undefined;
  probs?: number[] | undefined;
}

// alpha = log(probs) goes through a softmax, which renormalizes: probs off by this much
// change the distribution by as little, relatively.
const PROBS_SUM_TOLERANCE = 1e-6;

/** The problem with `probs` that do not sum to 1, or undefined. */
export function probsSumProblem(probs: readonly number[]): string | undefined {
  const sum = probs.reduce((a, b) => a + b, 0);
  return Math.abs(sum - 1) > PROBS_SUM_TOLERANCE
    ? `probs must sum to 1 within ${PROBS_SUM_TOLERANCE.toExponential()} (they sum to ${sum}); give them more digits, or give logits`
    : undefined;
}

/** Adds the cross-field rules: exactly one of logits/probs, probs sum to 1, `vectorKey` has length K. */
export function refineCategorical<C extends CategoricalLogitsConfig>(vectorKey: keyof C & string) {
  return (config: C, ctx: z.RefinementCtx): void => {
    const { logits, probs } = config;
    if ((logits === undefined) === (probs === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of `logits` or `probs`' });
      return;
    }
    const problem = probs === undefined ? undefined : probsSumProblem(probs);
    if (problem) ctx.addIssue({ code: 'custom', path: ['probs'], message: problem });
    const k = (logits ?? probs ?? []).length;
    const vector = config[vectorKey] as unknown as number[];
    if (vector.length !== k) {
      ctx.addIssue({
        code: 'custom',
        path: [vectorKey],
        message: `\`${vectorKey}\` has length ${vector.length} but the distribution has K = ${k} classes`,
      });
    }
  };
}

export function resolveLogits(config: CategoricalLogitsConfig): number[] {
  if (config.logits) return [...config.logits];
  return (config.probs ?? []).map(Math.log);
}

export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((a) => Math.exp(a - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** E[r . z] for z ~ Cat(softmax(alpha)) and its gradient pi_j (r_j - pi . r). */
export function linearRewardMoments(logits: readonly number[], reward: readonly number[]) {
  const pi = softmax(logits);
  const mean = pi.reduce((acc, p, i) => acc + p * (reward[i] as number), 0);
  return { pi, mean, grad: pi.map((p, j) => p * ((reward[j] as number) - mean)) };
}

/**
 * Optimal constant baselines for the logits, b_j = E[f s_j^2] / E[s_j^2] with score
 * s_j = z_j - pi_j: exact sums over the K classes, given f at each class.
 */
export function optimalLogitBaselines(pi: readonly number[], values: readonly number[]): number[] {
  return pi.map((pj, j) => {
    const weighted = pi.reduce((acc, p, i) => acc + p * (values[i] as number) * ((i === j ? 1 : 0) - pj) ** 2, 0);
    return weighted / (pj * (1 - pj));
  });
}

export function alphaNames(k: number): string[] {
  return Array.from({ length: k }, (_, i) => `alpha[${i}]`);
}
