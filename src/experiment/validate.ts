import { z } from 'zod';
import type { AnyEstimator } from '../estimators/estimator.js';
import { estimatorNames, findEstimator } from '../estimators/registry.js';
import { OBJECTIVES, findObjective } from '../objectives/registry.js';
import { resolveLogits } from '../objectives/categorical-logits.js';
import type { SamplingCheck } from '../sampling/sampling-check.js';
import { samplingCheckSchema } from '../sampling/schema.js';
import { type PlotConfig, resolvePlots } from './plots.js';
import { type ExperimentFile, experimentSchema } from './schema.js';
import { closest, didYouMean } from './suggest.js';
import { LIMITS } from './limits.js';
import { SWEEP_VALUES_EXPECTED, type SweepValues, expandSampleCounts, expandSweep, sweepValues } from './sweep.js';

export type KeyPath = readonly (string | number)[];

/** One problem with an experiment, located by its key path in the file. */
export interface ValidationIssue {
  readonly path: KeyPath;
  readonly message: string;
  /** The problem is the key itself (unknown key), not its value. */
  readonly atKey?: boolean;
}

/** An estimator entry of the grid with its resolved options. */
export interface EstimatorChoice {
  readonly estimator: AnyEstimator;
  readonly options: Readonly<Record<string, unknown>>;
  /** CSV label: the name, plus the options when the entry gave any: `reinforce-baseline(baseline=loo)`. */
  readonly label: string;
}

/** A swept objective field: grid key `objective.<field>`, CSV column `<field>`. */
export interface Sweep {
  readonly field: string;
  readonly values: readonly number[];
}

/** A validated experiment with every list expanded. */
export interface Experiment {
  readonly name: string;
  readonly description: string | undefined;
  readonly seed: number;
  readonly trials: number;
  /** The objective's fields as written (swept fields hold their first value). */
  readonly objective: Readonly<Record<string, unknown>> & { readonly kind: string };
  readonly estimators: readonly EstimatorChoice[];
  readonly temperatures: readonly number[];
  readonly samples: readonly number[];
  /** Sorted by field name, so reordering grid keys changes nothing. */
  readonly sweeps: readonly Sweep[];
  /** The first plot's parameters (kept for callers that read them directly). */
  readonly plotParams: readonly string[] | undefined;
  /** The figures written beside the CSV, checked against the grid. */
  readonly plots: readonly PlotConfig[];
}

export type ValidationResult =
  | { readonly ok: true; readonly experiment: Experiment }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const SWEEP_PREFIX = 'objective.';
const FILE_KINDS = ['variance', 'sampling-check'];
const GRID_KEYS = ['estimator', 'temperature', 'samples'];

/** Keys a JSON schema allows at a path (for "did you mean" on unknown keys). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  type Node = { properties?: Record<string, Node>; items?: Node; anyOf?: Node[]; oneOf?: Node[] };
  // A union (`plot`: one plot or a list) offers its object and array shapes as variants.
  const variants = (node: Node): Node[] => [node, ...(node.anyOf ?? []), ...(node.oneOf ?? [])];
  let node = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Node;
  for (const key of path) {
    node =
      variants(node)
        .map((v) => (typeof key === 'number' ? v.items : v.properties?.[String(key)]))
        .find((v) => v !== undefined) ?? {};
  }
  return Object.keys(variants(node).find((v) => v.properties)?.properties ?? {});
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined),
    input,
  );
}

/** Zod's issues as ours: unknown keys with their allowed siblings, missing keys said plainly. */
function zodIssues(error: z.ZodError, schema: z.ZodType, input: unknown, prefix: KeyPath = []): ValidationIssue[] {
  return issuesOf(error.issues, schema, input, prefix, []);
}

function issuesOf(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  input: unknown,
  prefix: KeyPath,
  base: readonly PropertyKey[],
): ValidationIssue[] {
  return issues.flatMap((issue): ValidationIssue[] => {
    const at = [...base, ...issue.path];
    const path = [...prefix, ...at.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'invalid_union') {
      // Report the branch whose shape the value has (one plot object vs a list), not "Invalid input".
      const shaped = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (shaped.length === 1) return issuesOf(shaped[0] as z.core.$ZodIssue[], schema, input, prefix, at);
    }
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(schema, at);
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown key '${key}'${didYouMean(key, allowed)}; allowed: ${allowed.join(', ')}`,
        atKey: true,
      }));
    }
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && valueAt(input, at) === undefined) {
      const key = String(path[path.length - 1]);
      const expected = issue.code === 'invalid_type' ? ` (${issue.expected})` : '';
      // A loose object (the grid) does not report unknown keys: point at a sibling that looks like this key mistyped.
      const parent = valueAt(input, at.slice(0, -1));
      // Only a key the schema does not know can be a typo: `mu` beside a missing `k` is a field of its own.
      const known = keysAt(schema, at.slice(0, -1));
      const candidates = parent && typeof parent === 'object' ? Object.keys(parent).filter((k) => k !== key && !known.includes(k)) : [];
      const typo = closest(key, candidates);
      const hint = typo === undefined ? '' : `; is '${typo}' a typo of it?`;
      return [{ path, message: `missing required key '${key}'${expected}${hint}` }];
    }
    return [{ path, message: issue.message }];
  });
}

/**
 * A typo is one problem: an unknown key suggested as the correction of a key the rest reports
 * missing ("missing required key 'samples'"), or that its parent reports for the key's absence
 * ("give exactly one of `logits` or `probs`" beside `prob:`, "add grid.temperature" beside
 * `temperatures:`). Keep only the unknown key with its suggestion.
 */
function dropTypoDuplicates(issues: ValidationIssue[]): ValidationIssue[] {
  const typos = issues.flatMap((i) => {
    const hint = /did you mean '([^']+)'/.exec(i.message)?.[1];
    return i.atKey && hint ? [{ parent: i.path.slice(0, -1).join('.'), hint }] : [];
  });
  const consequence = (i: ValidationIssue) =>
    typos.some(({ parent, hint }) => {
      if (i.message.startsWith('missing required key')) return i.path.join('.') === (parent ? `${parent}.${hint}` : hint);
      // The corrected key as a whole name ('temperature' in "add grid.temperature", not in "temperatures").
      const mentions = new RegExp(`(?<![\\w-])${hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);
      return !i.atKey && i.path.join('.') === parent && mentions.test(i.message);
    });
  return issues.filter((i) => !consequence(i));
}

function formatOptions(options: Record<string, unknown>): string {
  return Object.entries(options)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(',');
}

function resolveEstimators(grid: ExperimentFile['grid'], issues: ValidationIssue[]): EstimatorChoice[] {
  return grid.estimator.flatMap((entry, i): EstimatorChoice[] => {
    const path = ['grid', 'estimator', i];
    const { name, ...given } = typeof entry === 'string' ? { name: entry } : entry;
    const estimator = findEstimator(name);
    if (!estimator) {
      issues.push({
        path: typeof entry === 'string' ? path : [...path, 'name'],
        message: `unknown estimator '${name}'${didYouMean(name, estimatorNames())}; allowed: ${estimatorNames().join(', ')}`,
      });
      return [];
    }
    if (!estimator.options) {
      // Not "unknown key; allowed: " with nothing after it. A temperature is the most likely
      // option to try here, and it belongs to the grid.
      const temperature = estimator.takesTemperature ? '; its temperature comes from grid.temperature' : ' and no temperature';
      for (const key of Object.keys(given)) {
        const about = ['temperature', 'tau', 'temp'].includes(key) ? temperature : '; give it by name alone';
        issues.push({ path: [...path, key], atKey: true, message: `${estimator.name} takes no options${about}` });
      }
      if (Object.keys(given).length > 0) return [];
    }
    const schema = estimator.options ?? z.strictObject({});
    const parsed = schema.safeParse(given);
    if (!parsed.success) {
      for (const issue of zodIssues(parsed.error, schema, given, path)) {
        issues.push({ ...issue, message: `${estimator.name}: ${issue.message}` });
      }
      return [];
    }
    const options = parsed.data as Record<string, unknown>;
    const label = typeof entry === 'string' ? name : `${name}(${formatOptions(options)})`;
    return [{ estimator, options, label }];
  });
}

function resolveSweeps(
  file: ExperimentFile,
  knownFields: readonly string[],
  issues: ValidationIssue[],
): Sweep[] {
  const sweeps: Sweep[] = [];
  for (const [key, raw] of Object.entries(file.grid)) {
    if (GRID_KEYS.includes(key)) continue;
    const path = ['grid', key];
    if (!key.startsWith(SWEEP_PREFIX)) {
      issues.push({
        path,
        atKey: true,
        message: `unknown grid key '${key}'${didYouMean(key, [...GRID_KEYS, ...knownFields.map((f) => SWEEP_PREFIX + f)])}; allowed: ${GRID_KEYS.join(', ')} or objective.<field>`,
      });
      continue;
    }
    const field = key.slice(SWEEP_PREFIX.length);
    if (knownFields.length === 0 && findObjective(file.objective.kind)) {
      issues.push({ path, message: `${file.objective.kind} has no numeric field to sweep (its vectors stay fixed within an experiment): run one experiment per value of ${field}` });
      continue;
    }
    if (!knownFields.includes(field) || field === 'kind') {
      issues.push({
        path,
        message: `'${field}' is not a numeric field of ${file.objective.kind}${didYouMean(field, knownFields)}; sweepable: ${knownFields.join(', ')}`,
      });
      continue;
    }
    const checked = sweepSchemaCheck(raw, path, issues) ?? [];
    if (checked.length > 0) sweeps.push({ field, values: checked });
  }
  return sweeps.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

function sweepSchemaCheck(values: unknown, path: KeyPath, issues: ValidationIssue[]): number[] | undefined {
  const parsed = sweepValues.safeParse(values);
  if (!parsed.success) {
    issues.push({ path, message: SWEEP_VALUES_EXPECTED });
    return undefined;
  }
  return expandSweep(parsed.data);
}

/** Numeric fields an objective kind accepts (the sweepable ones). */
function numericFields(kind: string): string[] {
  const definition = findObjective(kind);
  if (!definition) return [];
  const json = z.toJSONSchema(definition.schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { type?: string }>;
  };
  return Object.entries(json.properties ?? {})
    .filter(([, property]) => property.type === 'number' || property.type === 'integer')
    .map(([field]) => field);
}

/** The objective's parameter names, when its fields are valid. */
function parameterNames(objective: Readonly<Record<string, unknown>> & { kind: string }): string[] | undefined {
  const definition = findObjective(objective.kind);
  const parsed = definition?.schema.safeParse(objective);
  return parsed?.success ? [...(definition as NonNullable<typeof definition>).create(parsed.data).paramNames] : undefined;
}

function cartesian(sweeps: readonly Sweep[]): Record<string, number>[] {
  return sweeps.reduce<Record<string, number>[]>(
    (combos, sweep) => combos.flatMap((combo) => sweep.values.map((v) => ({ ...combo, [sweep.field]: v }))),
    [{}],
  );
}

/**
 * The sweep combinations to check the objective at: all of them while they are few, else
 * each swept value with the other fields at their first value. Three sweeps of 10^4 values
 * are 10^12 combinations, which exhausted memory before the size limit could refuse them;
 * no objective here constrains two numeric fields together, so the values alone say it all.
 */
function combosToCheck(sweeps: readonly Sweep[]): Record<string, number>[] {
  const total = sweeps.reduce((product, sweep) => product * sweep.values.length, 1);
  if (total <= LIMITS.cells) return cartesian(sweeps);
  const first = Object.fromEntries(sweeps.map((s) => [s.field, s.values[0] as number]));
  return sweeps.flatMap((sweep) => sweep.values.map((v) => ({ ...first, [sweep.field]: v })));
}

/** "a, b, c and 7 more": the first few of many values, for a message that stays one line. */
function someValues(values: readonly number[]): string {
  const shown = values.slice(0, 3).join(', ');
  return values.length > 3 ? `${shown} and ${values.length - 3} more` : shown;
}

function checkObjective(file: ExperimentFile, sweeps: readonly Sweep[], issues: ValidationIssue[]): void {
  const definition = findObjective(file.objective.kind);
  if (!definition) return;
  // One issue per key and message, naming the swept values it holds at: a sweep of 1000
  // values that are all out of range is one problem, not 1000 lines.
  const found = new Map<string, { issue: ValidationIssue; field: string | undefined; values: Set<number> }>();
  for (const combo of combosToCheck(sweeps)) {
    const config = { ...file.objective, ...combo };
    const parsed = definition.schema.safeParse(config);
    if (parsed.success) continue;
    for (const issue of zodIssues(parsed.error, definition.schema, config)) {
      const field = issue.path[0];
      const swept = typeof field === 'string' && field in combo;
      const where = swept ? ['grid', SWEEP_PREFIX + field] : ['objective', ...issue.path];
      const key = `${where.join('.')}|${issue.message}`;
      const entry = found.get(key) ?? { issue: { ...issue, path: where }, field: swept ? field : undefined, values: new Set<number>() };
      found.set(key, entry);
      if (entry.field !== undefined) entry.values.add(combo[entry.field] as number);
    }
  }
  for (const { issue, field, values } of found.values()) {
    issues.push(field === undefined ? issue : { ...issue, message: `${issue.message} (at ${field} = ${someValues([...values])})` });
  }
}

/**
 * Flags the values of a grid axis that break `rule`: in a list each at its own index, from
 * a linspace or logspace once for the key, naming the values it generates (their indices are
 * nowhere in the file, and a count of 1000 must not give 1000 lines).
 */
function checkAxis(
  written: SweepValues | undefined,
  values: readonly number[],
  path: KeyPath,
  ok: (value: number) => boolean,
  rule: string,
  issues: ValidationIssue[],
): void {
  if (written === undefined) return;
  if (Array.isArray(written)) {
    values.forEach((value, i) => {
      if (!ok(value)) issues.push({ path: [...path, i], message: `${rule} (got ${value})` });
    });
    return;
  }
  const bad = values.filter((value) => !ok(value));
  if (bad.length === 0) return;
  const form = 'linspace' in written ? 'linspace' : 'logspace';
  issues.push({ path, message: `${rule}; the ${form} generates ${someValues(bad)}` });
}

/**
 * Validates a parsed YAML document: the schema first, then what needs the registries.
 * Pure: returns every issue found, each with the key path it concerns.
 */
export function validateExperiment(raw: unknown): ValidationResult {
  // A mistyped kind makes the file's other keys look wrong (objective, grid "missing"): report it alone.
  const kind = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { kind?: unknown }).kind : undefined;
  if (kind !== undefined && kind !== 'variance' && kind !== 'sampling-check') {
    const hint = typeof kind === 'string' ? didYouMean(kind, FILE_KINDS) : '';
    return { ok: false, issues: [{ path: ['kind'], message: `unknown kind ${typeof kind === 'string' ? `'${kind}'` : JSON.stringify(kind)}${hint}; allowed: variance (the default), sampling-check` }] };
  }
  const parsed = experimentSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: dropTypoDuplicates(zodIssues(parsed.error, experimentSchema, raw)) };
  }
  const file = parsed.data;
  const issues: ValidationIssue[] = [];

  const kinds = OBJECTIVES.map((o) => o.kind);
  if (!findObjective(file.objective.kind)) {
    issues.push({
      path: ['objective', 'kind'],
      message: `unknown objective '${file.objective.kind}'${didYouMean(file.objective.kind, kinds)}; allowed: ${kinds.join(', ')}`,
    });
  }
  const estimators = resolveEstimators(file.grid, issues);
  const sweeps = resolveSweeps(file, numericFields(file.objective.kind), issues);
  // Swept fields may be absent from `objective`: fill them with their first value.
  const objective = { ...file.objective };
  for (const sweep of sweeps) if (!(sweep.field in objective)) objective[sweep.field] = sweep.values[0];
  checkObjective({ ...file, objective }, sweeps, issues);

  const temperatures = file.grid.temperature === undefined ? [] : expandSweep(file.grid.temperature);
  checkAxis(file.grid.temperature, temperatures, ['grid', 'temperature'], (tau) => tau > 0, 'temperature must be > 0', issues);
  // Generated counts are rounded to integers first: a logspace from 0.1 generates 0.
  const samples = expandSampleCounts(file.grid.samples);
  const rounded = Array.isArray(file.grid.samples) ? '' : ' (after rounding)';
  checkAxis(file.grid.samples, samples, ['grid', 'samples'], (n) => Number.isInteger(n) && n >= 1, `samples must be an integer >= 1${rounded}`, issues);
  const needTemperature = estimators.filter((e) => e.estimator.takesTemperature).map((e) => e.label);
  if (needTemperature.length > 0 && temperatures.length === 0) {
    issues.push({
      path: ['grid'],
      message: `${needTemperature.join(', ')} ${needTemperature.length === 1 ? 'takes' : 'take'} a temperature: add grid.temperature (e.g. [0.5])`,
    });
  }
  const plots = resolvePlots(
    file.plot,
    {
      paramNames: parameterNames(objective),
      sweepFields: sweeps.map((s) => s.field),
      samples,
      takesTemperature: estimators.some((e) => e.estimator.takesTemperature),
    },
    issues,
  );
  const labels = estimators.map((e) => e.label);
  labels.forEach((label, i) => {
    if (labels.indexOf(label) !== i) issues.push({ path: ['grid', 'estimator', i], message: `duplicate estimator '${label}'` });
  });
  if (issues.length > 0) return { ok: false, issues: dropTypoDuplicates(issues) };
  return {
    ok: true,
    experiment: {
      name: file.name,
      description: file.description,
      seed: file.seed,
      trials: file.trials,
      objective,
      estimators,
      temperatures: [...new Set(temperatures)],
      samples: [...new Set(samples)],
      sweeps,
      plotParams: plots[0]?.params,
      plots,
    },
  };
}

export type SamplingCheckValidation =
  | { readonly ok: true; readonly check: SamplingCheck }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Validates a parsed `kind: sampling-check` document. Pure, like validateExperiment. */
export function validateSamplingCheck(raw: unknown): SamplingCheckValidation {
  const parsed = samplingCheckSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: dropTypoDuplicates(zodIssues(parsed.error, samplingCheckSchema, raw)) };
  }
  const file = parsed.data;
  return {
    ok: true,
    check: {
      kind: 'sampling-check',
      name: file.name,
      description: file.description,
      seed: file.seed,
      logits: resolveLogits(file.distribution),
      draws: file.draws,
      replications: file.replications,
      temperatures: file.relaxed.temperatures,
      relaxedDraws: file.relaxed.draws,
    },
  };
}
