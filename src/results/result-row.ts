/** One CSV row: one cell (estimator x temperature x samples x swept fields) and one parameter. */
export interface ResultRow {
  readonly experiment: string;
  readonly objective: string;
  /** Estimator label, with options when the entry gave them: `reinforce-baseline(baseline=loo)`. */
  readonly estimator: string;
  /** Undefined for estimators that take no temperature. */
  readonly temperature: number | undefined;
  readonly samples: number;
  /** Swept objective fields by column name (e.g. `k`), in column order. */
  readonly sweep: Readonly<Record<string, number>>;
  readonly trials: number;
  readonly param: string;
  readonly trueGrad: number;
  readonly mean: number;
  readonly bias: number;
  readonly variance: number;
  readonly varianceLo: number;
  readonly varianceHi: number;
  readonly mse: number;
  readonly seed: number;
}
