import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI from source as a child process, as CI would run it (with CI set). */
export function spawnCli(args: readonly string[], cwd: string): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', import.meta.resolve('tsx'), MAIN, ...args], {
    cwd,
    env: { ...process.env, CI: 'true' },
  });
}

/** Runs the CLI from source in a child process (as CI would, with CI set); resolves when it exits. */
export function cli(args: readonly string[], cwd: string, onStderr?: (chunk: string) => void): Promise<CliResult> & { kill(signal: NodeJS.Signals): void } {
  const child = spawnCli(args, cwd);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    onStderr?.(String(chunk));
  });
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return Object.assign(done, { kill: (signal: NodeJS.Signals) => void child.kill(signal) });
}
