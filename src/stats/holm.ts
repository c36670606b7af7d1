/**
 * Holm step-down adjusted p-values: sorted ascending, p_(i) becomes
 * max_{j <= i} min(1, (m - j + 1) p_(j)). Rejecting where the adjusted value is <= alpha
 * controls the family-wise error rate at alpha under any dependence between the tests
 * (here: the mean and variance tests of one cell share data). NaN p-values count as 1.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p: Number.isNaN(p) ? 1 : p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
