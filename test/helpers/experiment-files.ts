import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Directories made by tempDir in this test file's process, removed when it exits. */
const made: string[] = [];
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory for one test, removed when the test file's process exits. */
export async function tempDir(prefix = 'reparam-bench-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
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
