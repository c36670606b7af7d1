import { z } from 'zod';

export const SWEEP_VALUES_EXPECTED = 'expected a list of numbers, { linspace: [start, stop, count] } or { logspace: [start, stop, count] }';

/**
 * Most values one linspace or logspace may generate. Far beyond any grid the cell limits let
 * through (even --force cannot run a million-value axis), and it keeps a mistyped count
 * (1e8) from exhausting memory or JavaScript's Set size while the grid is expanded.
 */
export const MAX_GENERATED = 1_000_000;

const count = z.int().min(1).max(MAX_GENERATED, `count must be at most ${MAX_GENERATED}`);

/** A list of values, or a generated one: linspace [a, b, count] or logspace [a, b, count] (endpoints as values). */
export const sweepValues = z.union(
  [
  z.array(z.number()).min(1, 'needs at least one value'),
  z.strictObject({
    linspace: z.tuple([z.number(), z.number(), count]).describe('[start, stop, count], evenly spaced'),
  }),
  z.strictObject({
    logspace: z
      .tuple([z.number().positive(), z.number().positive(), count])
      .describe('[start, stop, count], evenly spaced in log10; endpoints are the values themselves'),
  }),
  ],
  // A value of none of the three shapes (a bare number, say): name them, not "Invalid input".
  { error: SWEEP_VALUES_EXPECTED },
);

export type SweepValues = z.infer<typeof sweepValues>;

/** Rounds away float noise from generated values (e.g. 0.30000000000000004), keeping 12 significant digits. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

export function expandSweep(values: SweepValues): number[] {
  if (Array.isArray(values)) return values;
  if ('linspace' in values) {
    const [start, stop, count] = values.linspace;
    if (count === 1) return [start];
    return Array.from({ length: count }, (_, i) => tidy(start + ((stop - start) * i) / (count - 1)));
  }
  const [start, stop, count] = values.logspace;
  if (count === 1) return [start];
  const [a, b] = [Math.log10(start), Math.log10(stop)];
  return Array.from({ length: count }, (_, i) => tidy(10 ** (a + ((b - a) * i) / (count - 1))));
}

/** Sample counts: generated values are rounded to integers and de-duplicated. */
export function expandSampleCounts(values: SweepValues): number[] {
  const expanded = expandSweep(values);
  return Array.isArray(values) ? expanded : [...new Set(expanded.map(Math.round))];
}
