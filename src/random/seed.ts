/**
 * Stable 53-bit string hash (cyrb53). Cell and trial seeds are derived from
 * identities, never from positions, so a cell's noise does not depend on which
 * other cells run, in what order, or on which worker.
 */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Seed of a cell: the experiment seed combined with the cell's identity string. */
export function cellSeed(experimentSeed: number, cellIdentity: string): number {
  return hash53(`${experimentSeed}|${cellIdentity}`);
}

/** Seed of one trial's noise stream inside a cell. */
export function trialSeed(seedOfCell: number, trial: number): string {
  return `${seedOfCell}:${trial}`;
}
