import { z } from 'zod';
import { InputError } from '../experiment/input-error.js';
import type { SamplingCheckMetadata } from '../report/sampling-artifacts.js';
import { isSamplingCheckMetadata, type RunMetadata } from './metadata.js';

/**
 * metadata.json as `plot` and `merge` read it back: what they use of RunMetadata (or a
 * sampling check's), checked, so that a hand-edited file is one line per problem rather than a
 * TypeError from deep inside the report. `check` reads a smaller part (check/metadata.ts),
 * with the same field schemas and the same parsing.
 */
export const count = z.int().min(0);

/** The command-line overrides; none recorded means none given. */
export const overridesSchema = z.looseObject({ trials: count.optional(), seed: count.optional(), samples: z.array(count).optional() }).default({});

export const shardSchema = z.object({ index: z.int().min(1), count: z.int().min(1) }).optional();

/** Parses metadata.json text as JSON, refuses what `refuse` says of it, then checks it against `schema`: every problem an InputError naming the file and key. */
export function parseMetadataJson<S extends z.ZodType>(text: string, file: string, schema: (json: unknown) => S, refuse?: (json: unknown) => string | undefined): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError([{ file, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  const refusal = refuse?.(json);
  if (refusal !== undefined) throw new InputError([{ file, message: refusal }]);
  const parsed = schema(json).safeParse(json);
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map((issue) => ({ file, path: issue.path.join('.'), message: issue.message })));
  }
  return parsed.data;
}

const common = {
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  node: z.string(),
  platform: z.string(),
  experiment: z.looseObject({ name: z.string(), file: z.string(), sha256: z.string(), text: z.string() }),
  seed: count,
  started: z.string(),
  finished: z.string(),
  gitCommit: z.string().optional(),
};

const runSchema = z.looseObject({
  ...common,
  backend: z.string(),
  backendFallback: z.string().optional(),
  trials: count,
  overrides: overridesSchema,
  shard: shardSchema,
  cells: z.array(
    z.looseObject({
      estimator: z.string(),
      temperature: z.number().nullable(),
      samples: count,
      sweep: z.record(z.string(), z.number()),
      seed: z.number(),
      milliseconds: z.number(),
    }),
  ),
  skipped: z.array(z.looseObject({ estimator: z.string(), reason: z.string(), count })),
});

const samplingSchema = z.looseObject({ ...common, kind: z.literal('sampling-check'), draws: count });

/** Parses metadata.json text; anything a results directory's metadata cannot be is an InputError naming the file and key. */
export function parseResultsMetadata(text: string, file: string): RunMetadata | SamplingCheckMetadata {
  const noText = (json: unknown) =>
    typeof (json as { experiment?: { text?: unknown } } | null)?.experiment?.text === 'string' ? undefined : 'not a reparam-bench metadata.json (no experiment text)';
  return parseMetadataJson(text, file, (json) => (isSamplingCheckMetadata(json) ? samplingSchema : runSchema), noText) as RunMetadata | SamplingCheckMetadata;
}
