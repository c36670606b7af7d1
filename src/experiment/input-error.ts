/** A problem in an experiment file, located by line and column (1-based) where known. */
export interface InputProblem {
  readonly file: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  readonly path?: string | undefined;
  readonly message: string;
}

/** Bad user input: reported as one line per problem, exit code 2, no stack trace. */
export class InputError extends Error {
  constructor(readonly problems: readonly InputProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
  }
}

export function formatProblem(problem: InputProblem): string {
  const where = [problem.file, problem.line, problem.column].filter((x) => x !== undefined).join(':');
  const key = problem.path ? `${problem.path}: ` : '';
  return `${where}: ${key}${problem.message}`;
}
