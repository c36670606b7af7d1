import type { Arguments, MiddlewareFunction } from 'yargs';
import { UsageError } from './usage-error.js';

/** What the middleware needs of the yargs instance that yargs passes it (absent from @types/yargs). */
interface OptionsView {
  getOptions(): { array: string[] };
}

/**
 * yargs middleware, run before validation and before any option's coerce: an option that takes one
 * value, given twice, comes as an array that commands would pass on (a path, a hash input) and
 * crash on. Array options (the positional file lists) keep theirs.
 */
function rejectRepeated(argv: Arguments, yargs: OptionsView): void {
  const arrays = new Set(yargs.getOptions().array);
  for (const [key, value] of Object.entries(argv)) {
    if (key !== '_' && Array.isArray(value) && !arrays.has(key)) {
      throw new UsageError(`--${key} given more than once (${value.join(', ')})`);
    }
  }
}

export const rejectRepeatedOptions = rejectRepeated as MiddlewareFunction;
