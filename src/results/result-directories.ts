import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, type InputProblem } from '../experiment/input-error.js';
import { RESULT_FILES } from '../run/run-to-directory.js';
import { directoryProblem } from './assert-directory.js';

async function hasMetadata(dir: string): Promise<boolean> {
  return (await stat(join(dir, RESULT_FILES.metadata)).catch(() => undefined))?.isFile() ?? false;
}

/**
 * The results directories named: each path is one (it holds metadata.json) or a
 * root whose subdirectories are (as `run --out ROOT` leaves them).
 */
export async function findResultDirectories(paths: readonly string[]): Promise<string[]> {
  const problems: InputProblem[] = [];
  const found: string[] = [];
  for (const path of paths) {
    const problem = await directoryProblem(path);
    if (problem) {
      problems.push(problem);
      continue;
    }
    if (await hasMetadata(path)) {
      found.push(path);
      continue;
    }
    const children = await readdir(path);
    const dirs: string[] = [];
    for (const child of children.sort()) {
      if (!child.startsWith('.') && (await hasMetadata(join(path, child)))) dirs.push(join(path, child));
    }
    if (dirs.length === 0) problems.push({ file: path, message: `no ${RESULT_FILES.metadata} here or in its subdirectories: not a results directory` });
    found.push(...dirs);
  }
  if (problems.length > 0) throw new InputError(problems);
  return found;
}
