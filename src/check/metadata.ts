import { z } from 'zod';
import { isSamplingCheckMetadata, type RunMetadata } from '../results/metadata.js';
import { count, overridesSchema, parseMetadataJson, shardSchema } from '../results/read-metadata.js';
import type { Overrides } from '../run/overrides.js';

/** The parts of metadata.json (RunMetadata) that `check` relies on. */
export type CheckMetadata = Pick<RunMetadata, 'backend' | 'seed' | 'trials' | 'shard'> & {
  readonly platform?: string | undefined;
  readonly experiment: Pick<RunMetadata['experiment'], 'name' | 'file' | 'text'> & { readonly sha256?: string | undefined };
  /** The run's command-line overrides, which a re-run repeats. */
  readonly overrides: Overrides;
};

const schema = z.looseObject({
  backend: z.string(),
  platform: z.string().optional(),
  experiment: z.looseObject({ name: z.string(), file: z.string(), text: z.string(), sha256: z.string().optional() }),
  seed: count,
  trials: count,
  shard: shardSchema,
  overrides: overridesSchema,
});

/**
 * Sampling-check results' files are class frequencies, not the variance rows check compares:
 * say so rather than list the variance fields their metadata lacks.
 */
const samplingCheckRefusal = (json: unknown) =>
  isSamplingCheckMetadata(json)
    ? 'sampling-check results are not regression-checked by `check` (it compares variance runs); re-run the sampling check with `run` to test the sampler again'
    : undefined;

/** Reads metadata.json text; a file that lacks what check needs is an InputError. */
export function parseMetadata(text: string, file: string): CheckMetadata {
  return parseMetadataJson(text, file, () => schema, samplingCheckRefusal);
}
