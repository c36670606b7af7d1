/** One outcome of a discrete sample: its probability and the per-parameter estimate it yields. */
export interface Outcome {
  readonly prob: number;
  readonly estimate: readonly number[];
}

/** Exact per-parameter mean and variance of a single-sample estimate, by enumerating its outcomes (float64). */
export function exactMoments(outcomes: readonly Outcome[]): { mean: number[]; variance: number[] } {
  const p = outcomes[0]?.estimate.length ?? 0;
  const mean = Array.from({ length: p }, (_, j) => outcomes.reduce((acc, o) => acc + o.prob * o.estimate[j], 0));
  const variance = mean.map((m, j) => outcomes.reduce((acc, o) => acc + o.prob * (o.estimate[j] - m) ** 2, 0));
  return { mean, variance };
}

/** Integral over (a, b) by the composite midpoint rule on `steps` cells (float64). */
export function integrate(g: (x: number) => number, a: number, b: number, steps = 20000): number {
  const h = (b - a) / steps;
  let total = 0;
  for (let i = 0; i < steps; i++) total += g(a + (i + 0.5) * h);
  return total * h;
}

/** E[g(eps)] for eps ~ N(0, 1), by quadrature on [-12, 12]. */
export function normalExpectation(g: (eps: number) => number): number {
  return integrate((e) => (g(e) * Math.exp(-0.5 * e * e)) / Math.sqrt(2 * Math.PI), -12, 12, 48000);
}
