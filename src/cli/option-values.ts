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

/** Why `text` is not an integer >= min held exactly, as the noun phrase it should be; undefined when it is one. */
function integerProblem(text: string, min: number): string | undefined {
  // Digits only: Number() would also take '' (as 0), '1.0', '0x10' and '1e3'.
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) return `an integer >= ${min}`;
  // Beyond 2^53 - 1 a double rounds: --seed 9007199254740993 would run (and be recorded) as ...992.
  if (!Number.isSafeInteger(Number(text))) return `an integer <= 2^53 - 1 = ${Number.MAX_SAFE_INTEGER}`;
  return undefined;
}

/**
 * An integer option read from its token as typed (type 'string'): a number-typed option reaches a
 * check already converted, so 'abc' could only be reported as NaN. Defaults come as numbers.
 */
export function integerOption(flag: string, min: number) {
  return {
    type: 'string',
    requiresArg: true,
    coerce: (value: string | number): number => {
      if (typeof value === 'number') return value;
      const problem = integerProblem(value, min);
      if (problem !== undefined) throw new UsageError(`--${flag} must be ${problem} (got '${value}')`);
      return Number(value);
    },
  } as const;
}

/** A comma-separated list of integers >= min, each entry checked as typed. */
export function integerListOption(flag: string, min: number) {
  return {
    type: 'string',
    requiresArg: true,
    coerce: (text: string): number[] =>
      text.split(',').map((entry) => {
        if (entry.trim() === '') throw new UsageError(`--${flag}: empty entry in '${text}'`);
        const problem = integerProblem(entry, min);
        if (problem !== undefined) throw new UsageError(`--${flag}: '${entry}' is not ${problem}`);
        return Number(entry);
      }),
  } as const;
}

/** A number strictly between 0 and 1, read from its token as typed. Defaults come as numbers. */
export function openUnitIntervalOption(flag: string) {
  return {
    type: 'string',
    requiresArg: true,
    coerce: (value: string | number): number => {
      if (typeof value === 'number') return value;
      const number = Number(value);
      if (!(number > 0 && number < 1)) throw new UsageError(`--${flag} must be in (0, 1) (got '${value}')`);
      return number;
    },
  } as const;
}
