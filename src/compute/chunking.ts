/**
 * Elements in one chunk's noise tensor [T, c, size]. Bounds peak memory whatever n is;
 * it depends only on T and the noise size, so a cell's numbers do not depend on which
 * other cells run beside it.
 */
export const CHUNK_ELEMENTS = 1 << 20;

export function chunkSamples(trials: number, noiseSize: number, samples: number): number {
  return Math.max(1, Math.min(samples, Math.floor(CHUNK_ELEMENTS / (trials * noiseSize))));
}
