import type { Arguments, MiddlewareFunction } from 'yargs';
import { UsageError } from './usage-error.js';

/** What the middleware needs of the yargs instance that yargs passes it (absent from @types/yargs). */
interface OptionsView {
  getOptions(): { array: string[]; narg: Record<string, number> };
}

/**
 * yargs middleware, run before validation and before any option's coerce. An option that takes one
 * value, given twice, comes as an array that commands would pass on (a path, a hash input) and
 * crash on; array options (the positional file lists) keep theirs. An option declared with
 * requiresArg but given an empty value (`--out=`, `--out ""`) would be read as '' (results in the
 * working directory): it needs a value as much as a bare `--out` does.
 */
function checkOptionValues(argv: Arguments, yargs: OptionsView): void {
  const { array, narg } = yargs.getOptions();
  const arrays = new Set(array);
  for (const [key, value] of Object.entries(argv)) {
    if (key !== '_' && Array.isArray(value) && !arrays.has(key)) {
      throw new UsageError(`--${key} given more than once (${value.join(', ')})`);
    }
    if (value === '' && key in narg) throw new UsageError(`--${key} needs a value`);
  }
}

export const checkOptionValuesMiddleware = checkOptionValues as MiddlewareFunction;
