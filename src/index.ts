/**
 * reparam-bench as a library: the same code the CLI runs, for notebooks and scripts.
 *
 *   import { initBackend, loadExperiment, runExperiment } from 'reparam-bench';
 */
export { BACKENDS, type BackendName } from './compute/backend-names.js';
export { initBackend } from './compute/backend.js';
export { estimateGradients, type GradientJob, parameterColumn } from './compute/estimate-gradients.js';
export type { Distribution, RelaxedDistribution } from './distributions/distribution.js';
export { Bernoulli } from './distributions/bernoulli.js';
export { Categorical } from './distributions/categorical.js';
export { Normal } from './distributions/normal.js';
export { RelaxedBernoulli } from './distributions/relaxed-bernoulli.js';
export { RelaxedOneHotCategorical } from './distributions/relaxed-one-hot-categorical.js';
export type { AnyEstimator, Estimator, SurrogateInput } from './estimators/estimator.js';
export { ESTIMATORS, findEstimator } from './estimators/registry.js';
export { type Cell, planCells } from './experiment/cells.js';
export { InputError } from './experiment/input-error.js';
export { loadAnyExperiment, loadExperiment, parseExperiment, parseSamplingCheck } from './experiment/load.js';
export { estimateCell, summarizeCell } from './experiment/run-cell.js';
export { type Experiment, validateExperiment } from './experiment/validate.js';
export type { Family, Objective, ObjectiveDefinition } from './objectives/objective.js';
export { singleSampleVariances } from './objectives/closed-forms/index.js';
export { OBJECTIVES, findObjective } from './objectives/registry.js';
export { replotDirectory } from './report/replot.js';
export { formatCsv } from './results/csv.js';
export type { ResultRow } from './results/result-row.js';
export { mergeResults } from './run/merge.js';
export { runExperiment } from './run/run-experiment.js';
export { samplingCheckToDirectory } from './run/sampling-check-to-directory.js';
export { runToDirectory, writeResults } from './run/run-to-directory.js';
export { type Shard, parseShard } from './run/shard-spec.js';
export { shardCells } from './run/shard.js';
export { runSamplingCheck, type SamplingCheck } from './sampling/sampling-check.js';
export { chiSquareSurvival } from './stats/chi-square.js';
export { fitLogLogSlope } from './stats/slope.js';
export { summarizeEstimates } from './stats/summary.js';
