import type { ResultRow } from '../../src/results/result-row.js';

/** A row with variance c/n and a ±20% interval; overrides for the field under test. */
export function row(estimator: string, samples: number, variance: number, over: Partial<ResultRow> = {}): ResultRow {
  return {
    experiment: 'ex', objective: 'obj', estimator, temperature: undefined, samples, sweep: {}, trials: 100,
    param: 'theta[0]', trueGrad: 1, mean: 1, bias: 0, variance, varianceLo: variance * 0.8, varianceHi: variance * 1.2,
    mse: variance, seed: 1, ...over,
  };
}

/** Two estimators (one with two temperatures) over n = 1..10000, variance ~ c/n. */
export function exampleRows(param = 'theta[0]'): ResultRow[] {
  const ns = [1, 10, 100, 1000, 10000];
  return [
    ...ns.map((n) => row('reinforce', n, 4 / n, { param })),
    ...ns.map((n) => row('gumbel-softmax', n, 0.5 / n, { param, temperature: 0.5 })),
    ...ns.map((n) => row('gumbel-softmax', n, 0.1 / n, { param, temperature: 1 })),
  ];
}
