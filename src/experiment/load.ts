import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { checkPlan } from './limits.js';
import type { SamplingCheck } from '../sampling/sampling-check.js';
import { InputError, type InputProblem } from './input-error.js';
import { type Experiment, type KeyPath, type ValidationIssue, validateExperiment, validateSamplingCheck } from './validate.js';

/** An experiment together with the file it came from. */
export interface LoadedExperiment {
  readonly experiment: Experiment;
  readonly file: string;
  readonly text: string;
  /** sha256 of the file's bytes. */
  readonly hash: string;
}

function formatPath(path: KeyPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * Source offset for a key path: the value's position, or the key's when the problem is
 * the key itself; the deepest existing ancestor when the path does not exist.
 */
function offsetOf(doc: Document, path: KeyPath, atKey: boolean): number | undefined {
  let node: unknown = doc.contents;
  let offset = isNode(node) ? node.range?.[0] : undefined;
  for (const [depth, key] of path.entries()) {
    const last = depth === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (!pair) return offset;
      const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      const valueOffset = isNode(pair.value) ? pair.value.range?.[0] : undefined;
      offset = (last && atKey ? keyOffset : (valueOffset ?? keyOffset)) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (!isNode(item)) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

export interface ParseOptions {
  /** Accept grids beyond the size limits. */
  readonly force?: boolean | undefined;
}

/** Parses YAML text, throwing InputError on syntax errors. */
function parseYaml(file: string, text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  // logLevel 'error': a key that is a list or map (`? [a, b]`) is reported as an unknown key, without yaml's process warning as well.
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, logLevel: 'error' });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((error) => ({
        file,
        line: error.linePos?.[0].line,
        column: error.linePos?.[0].col,
        // yaml's own wording for a second document points at its API (YAML.parseAllDocuments()), not at the file.
        message:
          error.code === 'MULTIPLE_DOCS'
            ? 'YAML syntax error: a second document starts here (a `---` line); an experiment file is one document: remove the `---` or split the file'
            : // prettyErrors adds " at line L, column C:" and a source excerpt; the position is reported separately.
              `YAML syntax error: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  // An empty or comments-only file parses to null: say so rather than "expected object, received null".
  if (doc.contents === null) {
    throw new InputError([{ file, line: 1, column: 1, message: 'the file is empty: an experiment needs at least name, objective and grid (examples: experiments/*.yaml)' }]);
  }
  return { doc, lineCounter };
}

/** Validation issues as an InputError with the line and column of each key path, in the file's order. */
function issuesError(file: string, doc: Document, lineCounter: LineCounter, issues: readonly ValidationIssue[]): InputError {
  const problems = issues.map((issue) => {
    const offset = offsetOf(doc, issue.path, issue.atKey ?? false);
    const position = offset === undefined ? undefined : lineCounter.linePos(offset);
    return { file, line: position?.line, column: position?.col, path: formatPath(issue.path), message: issue.message };
  });
  // Validation finds problems schema first, then cross-key checks; read top to bottom they match the file. Unlocated ones go last.
  const at = (p: (typeof problems)[number]) => (p.line ?? Number.POSITIVE_INFINITY) * 1e6 + (p.column ?? 0);
  return new InputError(problems.sort((a, b) => at(a) - at(b)));
}

/** Parses and validates experiment text; throws InputError naming line, column and key. */
export function parseExperiment(file: string, text: string, options: ParseOptions = {}): Experiment {
  const { doc, lineCounter } = parseYaml(file, text);
  const result = validateExperiment(doc.toJS());
  const issues = result.ok ? checkPlan(result.experiment, options.force) : result.issues;
  if (result.ok && issues.length === 0) return result.experiment;
  throw issuesError(file, doc, lineCounter, issues);
}

/** Top-level `kind` of an experiment document: variance (the default) or sampling-check. */
export function experimentKind(text: string): string {
  const kind = (parseDocument(text, { logLevel: 'error' }).toJS() as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' ? kind : 'variance';
}

/** Parses and validates a `kind: sampling-check` file. */
export function parseSamplingCheck(file: string, text: string): SamplingCheck {
  const { doc, lineCounter } = parseYaml(file, text);
  const result = validateSamplingCheck(doc.toJS());
  if (result.ok) return result.check;
  throw issuesError(file, doc, lineCounter, result.issues);
}

/** A sampling-check file together with the file it came from. */
export interface LoadedSamplingCheck {
  readonly check: SamplingCheck;
  readonly file: string;
  readonly text: string;
  readonly hash: string;
}

async function readExperimentText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : String(error);
    throw new InputError([{ file, message: `cannot read experiment file: ${message}` }]);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function loadExperiment(file: string, options: ParseOptions = {}): Promise<LoadedExperiment> {
  const text = await readExperimentText(file);
  return { experiment: parseExperiment(file, text, options), file, text, hash: sha256(text) };
}

/** The name a loaded file's results go under: <out>/<name>/. */
export function resultsName(loaded: LoadedExperiment | LoadedSamplingCheck): string {
  return 'check' in loaded ? loaded.check.name : loaded.experiment.name;
}

/** Loads a file of either kind: a variance experiment or a sampling check (`kind: sampling-check`). */
export async function loadAnyExperiment(file: string, options: ParseOptions = {}): Promise<LoadedExperiment | LoadedSamplingCheck> {
  const text = await readExperimentText(file);
  let kind = 'variance';
  try {
    kind = experimentKind(text);
  } catch {
    // A YAML syntax error: parseExperiment reports it with its position.
  }
  if (kind === 'sampling-check') return { check: parseSamplingCheck(file, text), file, text, hash: sha256(text) };
  return { experiment: parseExperiment(file, text, options), file, text, hash: sha256(text) };
}
