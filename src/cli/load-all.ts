import { InputError, type InputProblem } from '../experiment/input-error.js';

/** Loads every file before anything runs, collecting the problems of all of them into one InputError. */
export async function loadAll<T>(files: readonly string[], load: (file: string) => Promise<T>): Promise<T[]> {
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
  if (problems.length > 0) throw new InputError(problems);
  return loaded;
}
