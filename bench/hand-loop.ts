/**
 * The speed limit the tfjs path is measured against: the same estimates as the engine
 * (the same seeded uniforms in the same chunks, transformed in float64 where the engine
 * uses float32), computed by one fused single-threaded float64 loop per objective and
 * estimator with the gradients written out by hand. Bench-only code: the library never
 * calls it.
 */
import { chunkSamples } from '../src/compute/chunking.js';
import { drawFloat64, type NoiseKind, uniformsFor } from '../src/random/base-noise.js';
import { NoiseStream } from '../src/random/noise-stream.js';
import { trialSeed } from '../src/random/seed.js';
import { resolveLogits, softmax } from '../src/objectives/categorical-logits.js';

export interface HandJob {
  readonly objective: Readonly<Record<string, unknown>> & { readonly kind: string };
  readonly estimator: string;
  readonly temperature: number | undefined;
  readonly samples: number;
  readonly trials: number;
  readonly seed: number;
}

/**
 * Per-trial accumulation over blocks of noise. `add` sees `count` samples of `size`
 * draws each; `finish` turns the sums of n samples into the trial's estimate.
 */
interface Kernel {
  readonly kind: NoiseKind;
  readonly size: number;
  readonly params: number;
  /** Length of the accumulator array. */
  readonly slots: number;
  add(noise: Float64Array, count: number, acc: Float64Array): void;
  finish(acc: Float64Array, n: number, out: Float64Array, offset: number): void;
}

/** Plain mean of per-sample gradients held in acc[0, P). */
function meanFinish(params: number) {
  return (acc: Float64Array, n: number, out: Float64Array, offset: number) => {
    for (let j = 0; j < params; j++) out[offset + j] = (acc[j] as number) / n;
  };
}

/**
 * Leave-one-out baseline in one pass: with S = sum f_i, the estimate
 * (1/n) sum (f_i - (S - f_i)/(n - 1)) s_i equals sum f_i s_i / (n - 1) - S sum s_i / (n (n - 1)).
 * acc = [sum f s (P), sum s (P), S].
 */
function baselineFinish(params: number) {
  return (acc: Float64Array, n: number, out: Float64Array, offset: number) => {
    const total = acc[2 * params] as number;
    for (let j = 0; j < params; j++) {
      out[offset + j] = (acc[j] as number) / (n - 1) - (total * (acc[params + j] as number)) / (n * (n - 1));
    }
  };
}

function categoricalKernel(config: Record<string, unknown>, estimator: string, temperature: number | undefined): Kernel | undefined {
  const logits = resolveLogits(config as { logits?: number[]; probs?: number[] });
  const reward = config.reward as number[];
  const k = logits.length;
  const pi = softmax(logits);
  const tau = temperature ?? 1;
  const argmax = (g: Float64Array, at: number) => {
    let best = 0;
    let top = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      const v = (logits[j] as number) + (g[at + j] as number);
      if (v > top) {
        top = v;
        best = j;
      }
    }
    return best;
  };
  const y = new Float64Array(k);
  // d(r . softmax((alpha + g) / tau)) / d alpha_j = y_j (r_j - r . y) / tau; with the
  // linear f the straight-through estimator's backward pass is the same.
  const relaxed = (g: Float64Array, count: number, acc: Float64Array) => {
    for (let i = 0; i < count; i++) {
      const at = i * k;
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < k; j++) {
        const v = ((logits[j] as number) + (g[at + j] as number)) / tau;
        y[j] = v;
        if (v > max) max = v;
      }
      let total = 0;
      for (let j = 0; j < k; j++) {
        const e = Math.exp((y[j] as number) - max);
        y[j] = e;
        total += e;
      }
      let f = 0;
      for (let j = 0; j < k; j++) {
        y[j] = (y[j] as number) / total;
        f += (reward[j] as number) * (y[j] as number);
      }
      for (let j = 0; j < k; j++) acc[j] = (acc[j] as number) + ((y[j] as number) * ((reward[j] as number) - f)) / tau;
    }
  };
  const base = { kind: 'gumbel' as const, size: k, params: k };
  switch (estimator) {
    case 'reinforce':
      // f(z) (e_z - pi): acc[0, K) sums f by class, acc[K] sums f.
      return {
        ...base,
        slots: k + 1,
        add(g, count, acc) {
          for (let i = 0; i < count; i++) {
            const c = argmax(g, i * k);
            const f = reward[c] as number;
            acc[c] = (acc[c] as number) + f;
            acc[k] = (acc[k] as number) + f;
          }
        },
        finish(acc, n, out, offset) {
          for (let j = 0; j < k; j++) out[offset + j] = ((acc[j] as number) - (pi[j] as number) * (acc[k] as number)) / n;
        },
      };
    case 'reinforce-baseline': {
      const finish = baselineFinish(k);
      // Sums by class: f (acc[0, K)) and counts (acc[K, 2K)); S at acc[2K].
      return {
        ...base,
        slots: 2 * k + 1,
        add(g, count, acc) {
          for (let i = 0; i < count; i++) {
            const c = argmax(g, i * k);
            const f = reward[c] as number;
            acc[c] = (acc[c] as number) + f;
            acc[k + c] = (acc[k + c] as number) + 1;
            acc[2 * k] = (acc[2 * k] as number) + f;
          }
        },
        finish(acc, n, out, offset) {
          // sum f s_j = sum_{z=j} f - pi_j S; sum s_j = count_j - n pi_j.
          const sums = new Float64Array(2 * k + 1);
          const total = acc[2 * k] as number;
          for (let j = 0; j < k; j++) {
            sums[j] = (acc[j] as number) - (pi[j] as number) * total;
            sums[k + j] = (acc[k + j] as number) - n * (pi[j] as number);
          }
          sums[2 * k] = total;
          finish(sums, n, out, offset);
        },
      };
    }
    case 'gumbel-softmax':
    case 'st-gumbel-softmax':
      return { ...base, slots: k, add: relaxed, finish: meanFinish(k) };
    default:
      return undefined;
  }
}

function bernoulliKernel(config: Record<string, unknown>, estimator: string, temperature: number | undefined): Kernel | undefined {
  if ((config.param ?? 'logit') !== 'logit') return undefined;
  const logit = (config.logit as number | undefined) ?? Math.log(config.prob as number) - Math.log1p(-(config.prob as number));
  const p = 1 / (1 + Math.exp(-logit));
  const t = config.target as number;
  const tau = temperature ?? 1;
  const base = { kind: 'logistic' as const, size: 1, params: 1 };
  switch (estimator) {
    case 'reinforce':
      return {
        ...base,
        slots: 1,
        add(noise, count, acc) {
          let sum = 0;
          for (let i = 0; i < count; i++) {
            const b = logit + (noise[i] as number) > 0 ? 1 : 0;
            sum += (b - t) * (b - t) * (b - p);
          }
          acc[0] = (acc[0] as number) + sum;
        },
        finish: meanFinish(1),
      };
    case 'reinforce-baseline':
      return {
        ...base,
        slots: 3,
        add(noise, count, acc) {
          for (let i = 0; i < count; i++) {
            const b = logit + (noise[i] as number) > 0 ? 1 : 0;
            const f = (b - t) * (b - t);
            acc[0] = (acc[0] as number) + f * (b - p);
            acc[1] = (acc[1] as number) + (b - p);
            acc[2] = (acc[2] as number) + f;
          }
        },
        finish: baselineFinish(1),
      };
    case 'gumbel-softmax':
    case 'st-gumbel-softmax': {
      const straightThrough = estimator === 'st-gumbel-softmax';
      // y = sigmoid((l + L) / tau), dy/dl = y (1 - y) / tau; f'(.) = 2 (. - t) at y, or at the hard y > 1/2.
      return {
        ...base,
        slots: 1,
        add(noise, count, acc) {
          let sum = 0;
          for (let i = 0; i < count; i++) {
            const y = 1 / (1 + Math.exp(-(logit + (noise[i] as number)) / tau));
            const at = straightThrough ? (y > 0.5 ? 1 : 0) : y;
            sum += (2 * (at - t) * y * (1 - y)) / tau;
          }
          acc[0] = (acc[0] as number) + sum;
        },
        finish: meanFinish(1),
      };
    }
    default:
      return undefined;
  }
}

function gaussianQuadraticKernel(config: Record<string, unknown>, estimator: string): Kernel | undefined {
  if ((config.param ?? 'sigma') !== 'sigma') return undefined;
  const mu = config.mu as number;
  const sigma = config.sigma as number;
  const kk = config.k as number;
  const base = { kind: 'normal' as const, size: 1, params: 2 };
  switch (estimator) {
    case 'pathwise':
      // x = mu + sigma eps: d/dmu = 2 (x - k), d/dsigma = 2 (x - k) eps.
      return {
        ...base,
        slots: 2,
        add(noise, count, acc) {
          let dMu = 0;
          let dSigma = 0;
          for (let i = 0; i < count; i++) {
            const eps = noise[i] as number;
            const d = 2 * (mu + sigma * eps - kk);
            dMu += d;
            dSigma += d * eps;
          }
          acc[0] = (acc[0] as number) + dMu;
          acc[1] = (acc[1] as number) + dSigma;
        },
        finish: meanFinish(2),
      };
    case 'reinforce':
    case 'reinforce-baseline': {
      // Scores: d log q / d mu = eps / sigma, d log q / d sigma = (eps^2 - 1) / sigma.
      const withBaseline = estimator === 'reinforce-baseline';
      return {
        ...base,
        slots: withBaseline ? 5 : 2,
        add(noise, count, acc) {
          for (let i = 0; i < count; i++) {
            const eps = noise[i] as number;
            const d = mu + sigma * eps - kk;
            const f = d * d;
            const sMu = eps / sigma;
            const sSigma = (eps * eps - 1) / sigma;
            acc[0] = (acc[0] as number) + f * sMu;
            acc[1] = (acc[1] as number) + f * sSigma;
            if (withBaseline) {
              acc[2] = (acc[2] as number) + sMu;
              acc[3] = (acc[3] as number) + sSigma;
              acc[4] = (acc[4] as number) + f;
            }
          }
        },
        finish: withBaseline ? baselineFinish(2) : meanFinish(2),
      };
    }
    default:
      return undefined;
  }
}

function kernelFor(job: HandJob): Kernel | undefined {
  switch (job.objective.kind) {
    case 'categorical-linear':
      return categoricalKernel(job.objective, job.estimator, job.temperature);
    case 'bernoulli-quadratic':
      return bernoulliKernel(job.objective, job.estimator, job.temperature);
    case 'gaussian-quadratic':
      return gaussianQuadraticKernel(job.objective, job.estimator);
    default:
      return undefined;
  }
}

export function hasHandLoop(job: HandJob): boolean {
  return kernelFor(job) !== undefined;
}

/** T x P per-trial estimates, row-major, as estimateGradients returns them. */
export function handEstimates(job: HandJob): Float64Array {
  return runKernel(job, handKernel(job));
}

/** Draws and transforms the hand loop's noise for the job, and nothing else: its noise cost. */
export function handNoise(job: HandJob): void {
  runKernel(job, { ...handKernel(job), add: () => undefined });
}

function handKernel(job: HandJob): Kernel {
  const kernel = kernelFor(job);
  if (!kernel) throw new Error(`no hand loop for ${job.estimator} on ${job.objective.kind}`);
  return kernel;
}

function runKernel(job: HandJob, kernel: Kernel): Float64Array {
  const out = new Float64Array(job.trials * kernel.params);
  // The engine's chunks, so that normals pair the same uniforms; one trial's chunk is small.
  const chunk = chunkSamples(job.trials, kernel.size, job.samples);
  const uniforms = new Float32Array(uniformsFor(kernel.kind, chunk * kernel.size));
  const noise = new Float64Array(uniforms.length);
  const acc = new Float64Array(kernel.slots);
  for (let t = 0; t < job.trials; t++) {
    const stream = new NoiseStream(trialSeed(job.seed, t));
    acc.fill(0);
    for (let done = 0; done < job.samples; done += chunk) {
      const count = Math.min(chunk, job.samples - done);
      const draws = count * kernel.size;
      drawFloat64(stream, kernel.kind, draws, uniforms, noise);
      kernel.add(noise, count, acc);
    }
    kernel.finish(acc, job.samples, out, t * kernel.params);
  }
  return out;
}
