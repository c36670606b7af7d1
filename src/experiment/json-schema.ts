import { z } from 'zod';
import { ESTIMATORS } from '../estimators/registry.js';
import { OBJECTIVES } from '../objectives/registry.js';
import { samplingCheckSchema } from '../sampling/schema.js';
import { experimentSchema } from './schema.js';
import { sweepValues } from './sweep.js';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema> };

const toJson = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/**
 * The JSON Schema editors use (via `# yaml-language-server: $schema=...`), generated
 * from the same zod schemas and registries that validate runs: the objective is one
 * of the registered kinds, estimators are the registered names, and `objective.<field>`
 * grid keys are sweeps.
 */
export function experimentJsonSchema(): JsonSchema {
  const root = toJson(experimentSchema);
  const properties = root.properties as Record<string, JsonSchema>;
  const { $schema: _drop, ...sweep } = toJson(sweepValues);
  properties.objective = {
    description: properties.objective?.description,
    oneOf: OBJECTIVES.map((o) => {
      const { $schema: _ignored, ...kind } = toJson(o.schema);
      return { ...kind, description: o.description };
    }),
  };
  const names = ESTIMATORS.map((e) => e.name);
  const grid = properties.grid as JsonSchema;
  (grid.properties as Record<string, JsonSchema>).estimator = {
    type: 'array',
    minItems: 1,
    items: {
      anyOf: [
        { type: 'string', enum: names },
        {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', enum: names } },
          additionalProperties: true,
        },
      ],
    },
  };
  grid.patternProperties = { '^objective\\.': sweep };
  grid.additionalProperties = false;
  // Two kinds of file: a variance grid (kind omitted or `variance`) or `kind: sampling-check`.
  const { $schema, ...variance } = root;
  const { $schema: _alsoDropped, ...sampling } = toJson(samplingCheckSchema);
  return {
    $schema,
    title: 'reparam-bench experiment',
    oneOf: [
      { ...variance, title: 'variance experiment' },
      { ...sampling, title: 'sampling check' },
    ],
  };
}
