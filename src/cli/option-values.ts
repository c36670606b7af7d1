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
 * working directory): it needs a value as much as a bare `--out` does, and so does --no-out.
 */
function checkOptionValues(argv: Arguments, yargs: OptionsView): void {
  const { array, narg } = yargs.getOptions();
  const arrays = new Set(array);
  for (const [key, value] of Object.entries(argv)) {
    if (key !== '_' && Array.isArray(value) && !arrays.has(key)) {
      throw new UsageError(`--${key} given more than once (${value.join(', ')})`);
    }
    if (value === '' && key in narg) throw new UsageError(`--${key} needs a value`);
    // yargs reads --no-<key> as false for any option, not only for booleans.
    if (value === false && key in narg) throw new UsageError(`--${key} needs a value (--no-${key} is not one)`);
  }
}

export const checkOptionValuesMiddleware = checkOptionValues as MiddlewareFunction;

/** Why `text` is not an integer >= min held exactly, as the noun phrase it should be; undefined when it is one. */
function integerProblem(text: string, min: number): string | undefined {
  // Digits only: Number() would also take '' (as 0), '1.0', '0x10' and '1e3'.
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) return `an integer >= ${min}`;
  // Beyond 2^53 - 1 a double rounds: --seed 9007199254740993 would run (and be recorded) as ...992.
  if (!Number.isSafeInteger(Number(text))) return `an integer <= 2^53 - 1 = ${Number.MAX_SAFE_INTEGER}`;
  return undefined;
}

// Numeric options are read from their tokens as typed, so 'abc' is quoted rather than reported as NaN:
// the CLI turns yargs' number parsing off (main.ts) and they declare no type, so --help spells out
// the value form in the description rather than showing [string].

/** An integer option >= min. Defaults come as numbers. */
export function integerOption(flag: string, min: number, describe: string) {
  return {
    requiresArg: true,
    describe: `${describe} (an integer >= ${min})`,
    coerce: (text: string | number): number => {
      if (typeof text === 'number') return text;
      const problem = integerProblem(text, min);
      if (problem !== undefined) throw new UsageError(`--${flag} must be ${problem} (got '${text}')`);
      return Number(text);
    },
  } as const;
}

/** A comma-separated list of integers >= min, each entry checked as typed. */
export function integerListOption(flag: string, min: number, describe: string) {
  return {
    requiresArg: true,
    describe: `${describe} (comma-separated integers >= ${min})`,
    coerce: (text: string): number[] =>
      text.split(',').map((entry) => {
        if (entry.trim() === '') throw new UsageError(`--${flag}: empty entry in '${text}'`);
        const problem = integerProblem(entry, min);
        if (problem !== undefined) throw new UsageError(`--${flag}: '${entry}' is not ${problem}`);
        return Number(entry);
      }),
  } as const;
}

/** A number strictly between 0 and 1. Defaults come as numbers. */
export function openUnitIntervalOption(flag: string, describe: string) {
  return {
    requiresArg: true,
    describe: `${describe} (a number in (0, 1))`,
    coerce: (text: string | number): number => {
      if (typeof text === 'number') return text;
      const number = Number(text);
      if (!(number > 0 && number < 1)) throw new UsageError(`--${flag} must be in (0, 1) (got '${text}')`);
      return number;
    },
  } as const;
}
