import { appendFileSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FinishedCell } from '../run/run-experiment.js';
import { writeFileAtomically } from './atomic-write.js';

/**
 * Finished cells of an interrupted run, one JSON line each, kept beside the results
 * until the run completes. `--resume` reuses them when the run's fingerprint (the
 * experiment text and the overrides) is unchanged.
 */
export interface PartialState {
  readonly fingerprint: string;
  readonly cells: Map<string, FinishedCell>;
}

const FILE = 'cells.jsonl';

// JSON has no NaN or Infinity: carry them as strings.
function encode(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

function decode(_key: string, value: unknown): unknown {
  return value === 'NaN' || value === 'Infinity' || value === '-Infinity' ? Number(value) : value;
}

/**
 * Starts the state afresh, or, when resuming, rewrites it with the cells read back: a torn
 * last line (killed mid-write) would otherwise have the next append glued to it, and a later
 * resume, stopping at the first unreadable line, would drop every cell saved after it.
 */
export async function startPartialState(dir: string, fingerprint: string, cells: Iterable<FinishedCell> = []): Promise<void> {
  await mkdir(dir, { recursive: true });
  const lines = [JSON.stringify({ fingerprint }), ...[...cells].map((cell) => JSON.stringify(cell, encode))];
  await writeFileAtomically(join(dir, FILE), `${lines.join('\n')}\n`);
}

/**
 * Synchronous on purpose: the main thread runs cells of its own and lets the event loop turn
 * once between them, so an asynchronous append (open, write, close: a turn each) fell
 * behind by dozens of cells on a grid of small ones, and with it the progress printed
 * after each append and the point where Ctrl-C takes effect.
 */
export function appendFinishedCell(dir: string, cell: FinishedCell): void {
  appendFileSync(join(dir, FILE), `${JSON.stringify(cell, encode)}\n`);
}

/** The saved state, or undefined when there is none. A torn last line (killed mid-write) is ignored. */
export async function readPartialState(dir: string): Promise<PartialState | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, FILE), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n').filter((line) => line.length > 0);
  let header: { fingerprint?: string };
  try {
    header = JSON.parse(lines[0] ?? '{}') as { fingerprint?: string };
  } catch {
    // Torn before any cell was appended (cells follow the header): nothing to resume.
    return undefined;
  }
  const cells = new Map<string, FinishedCell>();
  for (const line of lines.slice(1)) {
    try {
      const cell = JSON.parse(line, decode) as FinishedCell;
      cells.set(cell.identity, cell);
    } catch {
      break;
    }
  }
  return { fingerprint: header.fingerprint ?? '', cells };
}

export async function clearPartialState(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
