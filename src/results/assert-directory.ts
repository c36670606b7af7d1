import { stat } from 'node:fs/promises';
import { InputError, type InputProblem } from '../experiment/input-error.js';

/**
 * What is wrong with a path given as a results directory, if anything. Checked before a
 * command looks for metadata.json in it: otherwise a typo or a file name surfaces as
 * "no metadata.json" or a raw ENOENT/ENOTDIR on a path the user never typed. `check`,
 * `merge` and `plot` share it so they say the same.
 */
export async function directoryProblem(path: string): Promise<InputProblem | undefined> {
  try {
    if ((await stat(path)).isDirectory()) return undefined;
    return { file: path, message: 'not a directory (give a results directory)' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    return { file: path, message: missing ? 'no such directory' : `cannot read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Throws directoryProblem's finding as bad input (exit 2). */
export async function assertDirectory(path: string): Promise<void> {
  const problem = await directoryProblem(path);
  if (problem) throw new InputError([problem]);
}
