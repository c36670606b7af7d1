import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/experiment-files.js';

// Each fixture's first line is `# expect: <regex>` for the one message it must produce.
const FIXTURES = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));

const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.yaml')).sort();

test('the invalid fixture suite covers the cases the schema issue names', () => {
  assert.ok(files.length >= 9, files.join(', '));
});

for (const file of files) {
  test(`invalid fixture ${file}: one message, exit 2, no results written`, async () => {
    const text = await readFile(join(FIXTURES, file), 'utf8');
    const expected = new RegExp(/^# expect: (.*)$/m.exec(text)?.[1] ?? '(missing expectation)');
    const out = await tempDir();
    const { code, stderr } = await cli(['run', file, '--out', out], FIXTURES);
    assert.equal(code, 2, stderr);
    const lines = stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0] as string, expected);
    assert.deepEqual(await readdir(out), [], 'nothing written under --out');
  });
}
