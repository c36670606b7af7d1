/** A bad command-line argument, found by a command's own checks: exit code 2 with a pointer to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
