/**
 * Complementary error function, erfc(x) = 1 - erf(x), by the Chebyshev fit of Numerical
 * Recipes (erfcc): fractional error below 1.2e-7 for every x, including the far tail,
 * which is what p-values of large z need (1 - erf(x) would cancel to 0).
 */
export function erfc(x: number): number {
  const a = Math.abs(x);
  const t = 1 / (1 + 0.5 * a);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(-a * a + poly);
  return x >= 0 ? value : 2 - value;
}

/** Two-sided p-value of a standard normal statistic: P(|Z| >= |z|). NaN stays NaN. */
export function twoSidedNormalP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}
