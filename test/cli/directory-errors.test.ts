import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/experiment-files.js';

// Every command that reads results directories says the same one line, exit 2, for a
// path that does not exist or is a file.
test('check, merge and plot: a missing path or a file is one clear line, exit 2', async () => {
  const dir = await tempDir();
  await writeFile(`${dir}/notes.txt`, 'not results\n');
  const commands = [['check'], ['merge', '--out', 'merged'], ['plot']];
  const cases = [
    { path: 'nope', expected: /^nope: no such directory\n$/ },
    { path: 'notes.txt', expected: /^notes\.txt: not a directory \(give a results directory\)\n$/ },
  ];
  const runs = commands.flatMap(([command, ...rest]) =>
    cases.map(async ({ path, expected }) => ({ args: [command, path, ...rest], expected, result: await cli([command as string, path, ...rest], dir) })),
  );
  for (const { args, expected, result } of await Promise.all(runs)) {
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, expected, args.join(' '));
  }
});
