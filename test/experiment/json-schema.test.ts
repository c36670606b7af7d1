import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { experimentJsonSchema } from '../../src/experiment/json-schema.js';

test('the committed editor schema is what the zod schemas generate (run `npm run schema` after changing them)', async () => {
  const committed = JSON.parse(await readFile(new URL('../../schema/experiment.schema.json', import.meta.url), 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(experimentJsonSchema())));
});
