import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory for one test. */
export function tempDir(prefix = 'reparam-bench-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A small, fast experiment file: categorical GS vs REINFORCE with the given grid lines. */
export function smallExperiment(gridLines: string, name = 'small'): string {
  return `name: ${name}
seed: 7
trials: 40
objective:
  kind: categorical-linear
  probs: [0.2, 0.3, 0.5]
  reward: [1, -2, 3]
grid:
${gridLines}
`;
}

export async function writeExperiment(dir: string, file: string, text: string): Promise<string> {
  const path = join(dir, file);
  await writeFile(path, text);
  return path;
}
