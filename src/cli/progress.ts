import ora, { type Ora } from 'ora';
import type { Cell } from '../experiment/cells.js';

/** How a run reports progress: a spinner on a terminal, plain lines in logs and CI, or nothing. */
export interface Progress {
  start(experiment: string): void;
  /** index: cells started before this one. */
  cellStart(cell: Cell, index: number, total: number): void;
  /** index: cells finished before this one (cells may finish out of order with --jobs). */
  cellDone(index: number, total: number, milliseconds: number, cell: Cell): void;
  stop(): void;
}

export function cellLabel(cell: Cell): string {
  const parts = [cell.choice.label];
  if (cell.temperature !== undefined) parts.push(`tau=${cell.temperature}`);
  for (const [field, value] of Object.entries(cell.sweep)) parts.push(`${field}=${value}`);
  parts.push(`n=${cell.samples}`);
  return parts.join(' ');
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

function spinnerProgress(): Progress {
  let spinner: Ora | undefined;
  let name = '';
  let startedAt = 0;
  let label = '';
  const render = (done: number, total: number) => {
    const elapsed = performance.now() - startedAt;
    const remaining = done > 0 ? ` ~${formatDuration((elapsed / done) * (total - done))} left` : '';
    if (spinner) spinner.text = `${name}: ${done}/${total} cells, ${label} (${formatDuration(elapsed)} elapsed${remaining})`;
  };
  let done = 0;
  return {
    start(experiment) {
      name = experiment;
      startedAt = performance.now();
      done = 0;
      spinner = ora({ text: `${experiment}: starting`, stream: process.stderr }).start();
    },
    cellStart(cell, _index, total) {
      label = cellLabel(cell);
      render(done, total);
    },
    cellDone(index, total) {
      done = index + 1;
      render(done, total);
    },
    stop() {
      spinner?.stop();
    },
  };
}

function lineProgress(write: (line: string) => void): Progress {
  let name = '';
  return {
    start(experiment) {
      name = experiment;
      write(`${experiment}: starting`);
    },
    cellStart() {},
    cellDone(index, total, milliseconds, cell) {
      write(`${name}: [${index + 1}/${total}] ${cellLabel(cell)} (${(milliseconds / 1000).toFixed(2)}s)`);
    },
    stop() {},
  };
}

const silent: Progress = { start() {}, cellStart() {}, cellDone() {}, stop() {} };

/** Spinner only on an interactive terminal outside CI; one line per cell otherwise. */
export function createProgress(quiet: boolean): Progress {
  if (quiet) return silent;
  if (process.stderr.isTTY && !process.env.CI) return spinnerProgress();
  return lineProgress((line) => process.stderr.write(`${line}\n`));
}
