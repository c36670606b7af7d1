import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled experiment `run` uses when given no file, shown relative to the working directory. */
export function defaultExperimentFile(): string {
  const absolute = fileURLToPath(new URL('../../experiments/categorical-gs-vs-reinforce.yaml', import.meta.url));
  const shown = relative(process.cwd(), absolute);
  return shown.startsWith('..') ? absolute : shown;
}
