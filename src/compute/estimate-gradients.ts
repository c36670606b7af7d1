import * as tf from '@tensorflow/tfjs';
import type { NoiseSpec } from '../distributions/distribution.js';
import type { AnyEstimator, SurrogateInput } from '../estimators/estimator.js';
import type { Objective } from '../objectives/objective.js';
import { NoiseStream } from '../random/noise-stream.js';
import { trialSeed } from '../random/seed.js';

/** One cell's work: T independent estimates, each the mean of n per-sample gradients. */
export interface GradientJob {
  readonly objective: Objective;
  readonly estimator: AnyEstimator;
  readonly options?: Record<string, unknown>;
  readonly temperature?: number | undefined;
  readonly samples: number;
  readonly trials: number;
  /** The cell's seed; trial t draws from its own stream seeded by (seed, t). */
  readonly seed: number;
}

/**
 * Elements in one chunk's noise tensor [T, c, size]. Bounds peak memory whatever n is;
 * it depends only on T and the noise size, so a cell's numbers do not depend on which
 * other cells run beside it.
 */
export const CHUNK_ELEMENTS = 1 << 20;

export function chunkSamples(trials: number, noiseSize: number, samples: number): number {
  return Math.max(1, Math.min(samples, Math.floor(CHUNK_ELEMENTS / (trials * noiseSize))));
}

/** The noise one sample of the job's estimator consumes. */
export function noiseSpecOf(objective: Objective, estimator: AnyEstimator): NoiseSpec {
  // Read the distribution's declared noise off a one-row instance: the spec is static.
  let base: NoiseSpec | undefined;
  tf.tidy(() => {
    base = objective.distribution(tf.zeros([1, objective.theta.length])).noise;
  });
  if (!base) throw new Error(`${objective.kind} declares no noise`);
  return estimator.noise ? estimator.noise(base) : base;
}

/** Calls visit with each chunk of seeded noise [T, c, size], in order; disposes it afterwards. */
function forEachNoiseChunk(job: GradientJob, spec: NoiseSpec, visit: (noise: tf.Tensor) => void): void {
  const { trials, samples } = job;
  const chunk = chunkSamples(trials, spec.size, samples);
  const streams = Array.from({ length: trials }, (_, t) => new NoiseStream(trialSeed(job.seed, t)));
  const buffer = new Float32Array(trials * chunk * spec.size);
  for (let done = 0; done < samples; done += chunk) {
    const count = Math.min(chunk, samples - done);
    const perTrial = count * spec.size;
    streams.forEach((stream, t) => stream.fill(spec.kind, buffer, t * perTrial, perTrial));
    const noise = tf.tensor3d(buffer.subarray(0, trials * perTrial), [trials, count, spec.size]);
    try {
      visit(noise);
    } finally {
      noise.dispose();
    }
  }
}

/**
 * Runs the estimator on its objective: returns the T x P per-trial gradient estimates
 * (row-major, trial t's estimate at [t * P, (t + 1) * P)). Each chunk is one backward
 * pass through the surrogate with the parameters tiled to [T, P], so row t of the
 * gradient is trial t's sum of per-sample estimates. Chunks accumulate in float64.
 */
export function estimateGradients(job: GradientJob): Float64Array {
  const { objective, estimator, trials, samples } = job;
  const p = objective.theta.length;
  const spec = noiseSpecOf(objective, estimator);
  // Parsing fills option defaults for callers that bypass experiment validation.
  const options = (estimator.options?.parse(job.options ?? {}) ?? job.options ?? {}) as Record<string, unknown>;
  const theta = tf.tidy(() => tf.tensor2d([...objective.theta], [1, p]).tile([trials, 1]) as tf.Tensor2D);
  const base = {
    objective,
    temperature: job.temperature,
    samples,
    options,
  };
  try {
    let trialStats: tf.Tensor | undefined;
    if (estimator.trialStatistic && estimator.usesTrialStatistic?.(options) !== false) {
      const sums = new Float64Array(trials);
      forEachNoiseChunk(job, spec, (noise) => {
        const chunkSums = tf.tidy(() => {
          const input: SurrogateInput = {
            ...base,
            theta,
            distribution: objective.distribution(theta),
            noise,
            trialStats: undefined,
          };
          return (estimator.trialStatistic as NonNullable<AnyEstimator['trialStatistic']>)(input).sum(1);
        });
        const values = chunkSums.dataSync();
        chunkSums.dispose();
        for (let t = 0; t < trials; t++) sums[t] = (sums[t] as number) + (values[t] as number);
      });
      trialStats = tf.tensor2d(Float32Array.from(sums), [trials, 1]);
    }
    const totals = new Float64Array(trials * p);
    try {
      forEachNoiseChunk(job, spec, (noise) => {
        const gradient = tf.tidy(() =>
          tf.grad((rows: tf.Tensor) =>
            estimator
              .surrogate({
                ...base,
                theta: rows as tf.Tensor2D,
                distribution: objective.distribution(rows as tf.Tensor2D),
                noise,
                trialStats,
              })
              .sum(),
          )(theta),
        );
        const values = gradient.dataSync();
        gradient.dispose();
        for (let i = 0; i < totals.length; i++) totals[i] = (totals[i] as number) + (values[i] as number);
      });
    } finally {
      trialStats?.dispose();
    }
    for (let i = 0; i < totals.length; i++) totals[i] = (totals[i] as number) / samples;
    return totals;
  } finally {
    theta.dispose();
  }
}

/** Column j of a row-major T x P matrix. */
export function parameterColumn(estimates: Float64Array, p: number, j: number): Float64Array {
  const column = new Float64Array(estimates.length / p);
  for (let t = 0; t < column.length; t++) column[t] = estimates[t * p + j] as number;
  return column;
}
