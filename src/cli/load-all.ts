import { resolve } from 'node:path';
import { InputError, type InputProblem } from '../experiment/input-error.js';

/**
 * Loads every file before anything runs, collecting the problems of all of them into one
 * InputError, including two files whose results would go to one <out>/<name>/ directory.
 */
export async function loadAll<T extends { readonly file: string }>(
  files: readonly string[],
  load: (file: string) => Promise<T>,
  nameOf: (loaded: T) => string,
): Promise<T[]> {
  const problems: InputProblem[] = [];
  const loaded: T[] = [];
  for (const file of files) {
    try {
      loaded.push(await load(file));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
  }
  const first = new Map<string, T>();
  for (const item of loaded) {
    const name = nameOf(item);
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, item);
    else if (resolve(earlier.file) !== resolve(item.file)) {
      problems.push({ file: item.file, path: 'name', message: `'${name}' is also the name in ${earlier.file}: both would write <out>/${name}/; rename one` });
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return loaded;
}
