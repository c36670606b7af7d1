import { z } from 'zod';
import { InputError } from '../experiment/input-error.js';
import { isSamplingCheckMetadata, type RunMetadata } from '../results/metadata.js';
import type { Overrides } from '../run/overrides.js';

/** The parts of metadata.json (RunMetadata) that `check` relies on. */
export type CheckMetadata = Pick<RunMetadata, 'backend' | 'seed' | 'trials' | 'shard'> & {
  readonly platform?: string | undefined;
  readonly experiment: Pick<RunMetadata['experiment'], 'name' | 'file' | 'text'> & { readonly sha256?: string | undefined };
  /** The run's command-line overrides, which a re-run repeats. */
  readonly overrides: Overrides;
};

const count = z.int().min(0);

const schema = z.looseObject({
  backend: z.string(),
  platform: z.string().optional(),
  experiment: z.looseObject({ name: z.string(), file: z.string(), text: z.string(), sha256: z.string().optional() }),
  seed: count,
  trials: count,
  shard: z.object({ index: z.int().min(1), count: z.int().min(1) }).optional(),
  overrides: z
    .looseObject({ trials: count.optional(), seed: count.optional(), samples: z.array(count).optional() })
    .default({}),
});

/** Reads metadata.json text; a file that lacks what check needs is an InputError. */
export function parseMetadata(text: string, file: string): CheckMetadata {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError([{ file, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  // Its files are class frequencies, not the variance rows check compares: say so rather
  // than list the variance fields a sampling check's metadata lacks.
  if (isSamplingCheckMetadata(json)) {
    throw new InputError([
      {
        file,
        message: 'sampling-check results are not regression-checked by `check` (it compares variance runs); re-run the sampling check with `run` to test the sampler again',
      },
    ]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => ({ file, path: issue.path.join('.'), message: issue.message })),
    );
  }
  return parsed.data;
}
