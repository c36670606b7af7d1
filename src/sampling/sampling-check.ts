import { canonicalJson } from '../experiment/cells.js';
import { softmax } from '../objectives/categorical-logits.js';
import { gumbelOf } from '../random/base-noise.js';
import { NoiseStream } from '../random/noise-stream.js';
import { cellSeed, trialSeed } from '../random/seed.js';
import { chiSquareGoodnessOfFit, type GoodnessOfFit } from '../stats/chi-square.js';
import { Z95 } from '../stats/summary.js';

/** A validated sampling check. */
export interface SamplingCheck {
  readonly kind: 'sampling-check';
  readonly name: string;
  readonly description: string | undefined;
  readonly seed: number;
  readonly logits: readonly number[];
  readonly draws: number;
  /** Independent repeats of the frequency check, for the distribution of its p-value. */
  readonly replications: number;
  readonly temperatures: readonly number[];
  readonly relaxedDraws: number;
}

export interface ClassFrequency {
  readonly index: number;
  readonly logit: number;
  readonly prob: number;
  readonly count: number;
  readonly frequency: number;
  /** 95% Wilson score interval of the class probability. */
  readonly lo: number;
  readonly hi: number;
}

/** One class of one Gumbel-Softmax draw. */
export interface RelaxedValue {
  readonly temperature: number;
  readonly draw: number;
  readonly index: number;
  readonly prob: number;
  readonly value: number;
}

/** The goodness of fit of one independent repeat of the frequency check. */
export interface Replicate {
  readonly index: number;
  readonly statistic: number;
  readonly pValue: number;
}

export interface SamplingCheckResult {
  readonly classes: readonly ClassFrequency[];
  readonly fit: GoodnessOfFit;
  readonly replicates: readonly Replicate[];
  readonly relaxed: readonly RelaxedValue[];
}

/** 95% Wilson score interval for a binomial proportion: stays inside [0, 1], good at small counts. */
export function wilsonInterval(count: number, total: number): { lo: number; hi: number } {
  const f = count / total;
  const z2 = Z95 * Z95;
  const center = (f + z2 / (2 * total)) / (1 + z2 / total);
  const half = (Z95 * Math.sqrt((f * (1 - f)) / total + z2 / (4 * total * total))) / (1 + z2 / total);
  // At a count of 0 (or all) the bound is exactly 0 (or 1); rounding left 5.6e-17.
  return { lo: count === 0 ? 0 : Math.max(0, center - half), hi: count === total ? 1 : Math.min(1, center + half) };
}

/** Index of the largest value (first on ties). */
function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/** Frequencies of argmax(alpha + g) against softmax(alpha), from counts (also used to re-plot from a CSV). */
export function classFrequencies(logits: readonly number[], counts: readonly number[]): { classes: ClassFrequency[]; fit: GoodnessOfFit } {
  const probs = softmax(logits);
  const total = counts.reduce((a, b) => a + b, 0);
  const classes = counts.map((count, index) => ({
    index,
    logit: logits[index] as number,
    prob: probs[index] as number,
    count,
    frequency: count / total,
    ...wilsonInterval(count, total),
  }));
  return { classes, fit: chiSquareGoodnessOfFit(counts, probs) };
}

/**
 * Draws the check in plain float64 from seeded NoiseStreams (no gradients are involved). The
 * streams are seeded by what they draw (the logits; plus the temperature and draw number for
 * Gumbel-Softmax), so adding a temperature or raising `draws` leaves the other numbers alone.
 */
export function runSamplingCheck(check: SamplingCheck): SamplingCheckResult {
  const seed = cellSeed(check.seed, canonicalJson({ check: 'gumbel-max', logits: check.logits }));
  // Stream 0 is the check itself; streams 1..R are its independent repeats.
  const gumbelMaxCounts = (stream: NoiseStream): number[] => {
    const counts = new Array<number>(check.logits.length).fill(0);
    const perturbed = check.logits.map(() => 0);
    for (let d = 0; d < check.draws; d++) {
      for (let i = 0; i < perturbed.length; i++) perturbed[i] = (check.logits[i] as number) + gumbelOf(stream.uniform());
      counts[argmax(perturbed)]! += 1;
    }
    return counts;
  };
  const counts = gumbelMaxCounts(new NoiseStream(trialSeed(seed, 0)));
  const probs = softmax(check.logits);
  const replicates = Array.from({ length: check.replications }, (_, r) => {
    const fit = chiSquareGoodnessOfFit(gumbelMaxCounts(new NoiseStream(trialSeed(seed, r + 1))), probs);
    return { index: r + 1, statistic: fit.statistic, pValue: fit.pValue };
  });
  const relaxed = check.temperatures.flatMap((temperature) => {
    const relaxedSeed = cellSeed(check.seed, canonicalJson({ check: 'gumbel-softmax', logits: check.logits, temperature }));
    return Array.from({ length: check.relaxedDraws }, (_, draw) => {
      const stream = new NoiseStream(trialSeed(relaxedSeed, draw));
      const y = softmax(check.logits.map((a) => (a + gumbelOf(stream.uniform())) / temperature));
      return y.map((value, index) => ({ temperature, draw, index, prob: probs[index] as number, value }));
    }).flat();
  });
  return { ...classFrequencies(check.logits, counts), replicates, relaxed };
}
