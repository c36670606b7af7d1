// Regenerates schema/experiment.schema.json from the zod schemas (`npm run schema`).
import { writeFileSync } from 'node:fs';
import { experimentJsonSchema } from '../src/experiment/json-schema.js';

writeFileSync(new URL('../schema/experiment.schema.json', import.meta.url), `${JSON.stringify(experimentJsonSchema(), null, 2)}\n`);
