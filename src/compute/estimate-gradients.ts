import { type Tensor, type Tensor2D, tf } from './tf.js';
import type { NoiseSpec } from '../distributions/distribution.js';
import type { AnyEstimator, SurrogateInput } from '../estimators/estimator.js';
import type { Objective } from '../objectives/objective.js';
import { chunkSamples } from './chunking.js';
import { noiseFromUniforms, transformsOnBackend } from './noise-transform.js';
import { drawFloat64, uniformsFor } from '../random/base-noise.js';
import { NoiseStream } from '../random/noise-stream.js';
import { UniformRows } from './uniform-rows.js';
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

/**
 * Calls visit with each chunk of seeded noise [T, c, size], in order; disposes it afterwards.
 * Trial t's uniforms come from its own stream, in bulk; they are transformed to the noise
 * kind on the backend or, for normals where the backend has no kernel for them, in float64
 * before the upload.
 */
export function forEachNoiseChunk(job: Pick<GradientJob, 'trials' | 'samples' | 'seed'>, spec: NoiseSpec, visit: (noise: Tensor) => void): void {
  const { trials, samples } = job;
  const chunk = chunkSamples(trials, spec.size, samples);
  const streams = Array.from({ length: trials }, (_, t) => new NoiseStream(trialSeed(job.seed, t)));
  const onBackend = transformsOnBackend(spec.kind);
  const uniformRows = onBackend ? new UniformRows(streams) : undefined;
  // Normals drawn here are transformed per trial, from a scratch row of uniforms.
  const buffer = new Float32Array(onBackend ? 0 : trials * chunk * spec.size);
  const uniforms = new Float32Array(onBackend ? 0 : uniformsFor(spec.kind, chunk * spec.size));
  const normals = new Float64Array(uniforms.length);
  for (let done = 0; done < samples; done += chunk) {
    const count = Math.min(chunk, samples - done);
    const draws = count * spec.size;
    if (!onBackend) {
      streams.forEach((stream, t) => {
        drawFloat64(stream, spec.kind, draws, uniforms, normals);
        buffer.set(normals.subarray(0, draws), t * draws);
      });
    }
    const noise = tf.tidy(() => {
      const rows = uniformRows
        ? noiseFromUniforms(spec.kind, uniformRows.next(uniformsFor(spec.kind, draws)), draws)
        : tf.tensor2d(buffer.subarray(0, trials * draws), [trials, draws]);
      return rows.reshape([trials, count, spec.size]);
    });
    try {
      visit(noise);
    } finally {
      noise.dispose();
    }
  }
}

/** Ones of the per-sample surrogate's shape [T, c], for noise [T, c, size]. */
function onesPerSample(noise: Tensor): Tensor {
  return tf.fill(noise.shape.slice(0, 2), 1);
}

/**
 * Runs the estimator on its objective: returns the T x P per-trial gradient estimates
 * (row-major, trial t's estimate at [t * P, (t + 1) * P)). Each chunk is one backward
 * pass through the surrogate with the parameters tiled to [T, P], so row t of the
 * gradient is trial t's sum of per-sample estimates. The backward pass starts from the
 * per-sample surrogate [T, c] seeded with ones (the gradient of its sum, without the
 * reduction); the ones are filled on the backend, where tfjs's default would build them as
 * a JavaScript array of T * c floats per chunk. Chunks accumulate in float64. An
 * estimator's pooled form (leave-one-out) takes its gradient terms in the same single
 * pass and combines the totals at the end.
 */
export function estimateGradients(job: GradientJob): Float64Array {
  const { objective, estimator, trials, samples } = job;
  const p = objective.theta.length;
  const spec = noiseSpecOf(objective, estimator);
  // Parsing fills option defaults for callers that bypass experiment validation.
  const options = (estimator.options?.parse(job.options ?? {}) ?? job.options ?? {}) as Record<string, unknown>;
  const pooled = estimator.pooled?.(options, objective);
  const theta = tf.tidy(() => tf.tensor2d([...objective.theta], [1, p]).tile([trials, 1]) as Tensor2D);
  const input = (rows: Tensor2D, noise: Tensor): SurrogateInput => ({
    objective,
    theta: rows,
    distribution: objective.distribution(rows),
    noise,
    temperature: job.temperature,
    samples,
    options,
  });
  try {
    if (!pooled) {
      const totals = new Float64Array(trials * p);
      forEachNoiseChunk(job, spec, (noise) => {
        tf.tidy(() => {
          const surrogate = (rows: Tensor) => estimator.surrogate(input(rows as Tensor2D, noise));
          const gradient = tf.grad(surrogate)(theta, onesPerSample(noise)).dataSync();
          for (let i = 0; i < totals.length; i++) totals[i] = (totals[i] as number) + (gradient[i] as number);
        });
      });
      return totals.map((total) => total / samples);
    }
    const totals = pooled.start(trials, p);
    // Distinct tensors: tfjs returns one gradient per tensor, not per argument.
    const copies = Array.from({ length: pooled.terms }, () => theta.clone());
    try {
      forEachNoiseChunk(job, spec, (noise) => {
        tf.tidy(() => {
          let values: Tensor[] = [];
          const gradients = tf.grads((...rows: Tensor[]) => {
            const out = pooled.surrogates(input(rows[0] as Tensor2D, noise), rows as Tensor2D[]);
            values = out.values.map((value) => tf.keep(value));
            return tf.addN(out.terms);
          })(copies, tf.ones([trials]));
          const read = (tensor: Tensor) => tensor.dataSync() as Float32Array;
          pooled.add(totals, { gradients: gradients.map(read), values: values.map(read) });
          tf.dispose(values);
        });
      });
    } finally {
      tf.dispose(copies);
    }
    return pooled.finish(totals, samples);
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
