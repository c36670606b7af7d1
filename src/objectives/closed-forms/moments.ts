/**
 * Exact single-sample variances from moments, in float64. A score-function estimate with a
 * constant baseline b_j, (f - b_j) s_j, has variance E[f^2 s^2] - 2 b E[f s^2] + b^2 E[s^2] - g^2,
 * so three moments per parameter give REINFORCE (b = 0), the mean baseline (b = E[f]) and
 * the optimal one (b = E[f s^2] / E[s^2]) alike.
 */
export interface ScoreMoments {
  /** E[f^2 s_j^2] per parameter. */
  readonly fSquaredScoreSquared: readonly number[];
  /** E[f s_j^2]. */
  readonly fScoreSquared: readonly number[];
  /** E[s_j^2]. */
  readonly scoreSquared: readonly number[];
  /** The exact gradient g_j = E[f s_j]. */
  readonly grad: readonly number[];
  /** E[f]. */
  readonly expectation: number;
}

/** Baselines the closed forms know: none (REINFORCE), the oracle mean E[f], the oracle optimal constant. */
export type ConstantBaseline = 'none' | 'mean' | 'optimal';

/** Per-parameter variance of (f - b_j) s_j for one sample. */
export function scoreFunctionVariance(m: ScoreMoments, baseline: ConstantBaseline): number[] {
  return m.grad.map((g, j) => {
    const a = m.fSquaredScoreSquared[j] as number;
    const b = m.fScoreSquared[j] as number;
    const c = m.scoreSquared[j] as number;
    const base = baseline === 'none' ? 0 : baseline === 'mean' ? m.expectation : b / c;
    return a - 2 * base * b + base * base * c - g * g;
  });
}

/** One outcome of a discrete sample: its probability and the per-parameter estimate it yields. */
export interface Outcome {
  readonly prob: number;
  readonly estimate: readonly number[];
}

/** Per-parameter variance of an estimate that takes finitely many values. */
export function outcomeVariance(outcomes: readonly Outcome[]): number[] {
  const p = outcomes[0]?.estimate.length ?? 0;
  return Array.from({ length: p }, (_, j) => {
    const mean = outcomes.reduce((acc, o) => acc + o.prob * (o.estimate[j] as number), 0);
    return outcomes.reduce((acc, o) => acc + o.prob * ((o.estimate[j] as number) - mean) ** 2, 0);
  });
}
