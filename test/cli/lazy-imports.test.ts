import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';

// Commands import what they compute with when they run, so that `--help`, `list` and argument
// errors answer without loading tfjs (0.17 s against 0.35 s for `--help` when run.ts imported
// the grid checks at its top). tfjs is CommonJS: loaded, it is in the require cache.
test('loading the CLI commands loads no tfjs module', async () => {
  const script = `
    for (const command of ['run', 'check', 'merge', 'plot', 'list', 'validate']) await import('./src/cli/commands/' + command + '.ts');
    const { createRequire } = await import('node:module');
    console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('@tensorflow'))));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd() });
  assert.deepEqual(JSON.parse(stdout), []);
});
