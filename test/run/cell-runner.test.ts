import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CellRunner, runOnRunners } from '../../src/run/cell-runner.js';
import type { CellTask } from '../../src/run/cell-task.js';
import { claimNext, stopCursor } from '../../src/run/shared-cursor.js';

const taskOf = (id: number) => ({ experiment: 'x', trials: 1, cell: { identity: String(id) } }) as unknown as CellTask;
const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A runner that claims from the cursor as a real one does. Its cells finish when the
 * test releases them, or on the next turn of the event loop when `held` is false.
 */
function fakeRunner(options: { held: boolean; failOn?: string }) {
  const waiting: (() => void)[] = [];
  const ran: string[] = [];
  const runner: CellRunner = {
    async drain(tasks, cursor, events) {
      for (;;) {
        await tick(); // as this thread's runner does: replies and hooks are handled between cells
        events.beforeClaim();
        const index = claimNext(cursor, tasks.length);
        if (index === undefined) return;
        const identity = (tasks[index] as CellTask).cell.identity;
        ran.push(identity);
        events.started(index);
        await (options.held ? new Promise<void>((resolve) => waiting.push(resolve)) : tick());
        if (identity === options.failOn) {
          stopCursor(cursor);
          throw new Error(`cell ${identity} failed`);
        }
        events.finished(index, { identity, rows: [], milliseconds: 0 });
      }
    },
  };
  const release = async () => {
    waiting.splice(0).forEach((resolve) => resolve());
    await tick();
  };
  return { runner, ran, release };
}

test('a free runner claims the next item at once instead of waiting for a busy one; every item is done once', async () => {
  const busy = fakeRunner({ held: true });
  const free = fakeRunner({ held: false });
  const done: string[] = [];
  const started: number[] = [];
  const running = runOnRunners([busy.runner, free.runner], [0, 1, 2, 3, 4, 5, 6, 7], {
    task: taskOf,
    onStart: (_, index) => void started.push(index),
    onDone: (finished) => void done.push(finished.identity),
  });
  while (done.length < 7) await tick();
  assert.deepEqual(busy.ran, ['0'], 'the busy runner is still on its first item');
  assert.deepEqual(free.ran, ['1', '2', '3', '4', '5', '6', '7']);
  await busy.release();
  assert.deepEqual(await running, { complete: true });
  assert.deepEqual([...done].sort(), ['0', '1', '2', '3', '4', '5', '6', '7']);
  assert.deepEqual([...started].sort(), [0, 1, 2, 3, 4, 5, 6, 7], 'onStart indexes count starts');
});

test('a failed item stops new claims, lets those in flight finish, then throws its error', async () => {
  const good = fakeRunner({ held: true });
  const bad = fakeRunner({ held: true, failOn: '1' });
  const done: string[] = [];
  let settled = false;
  const running = runOnRunners([good.runner, bad.runner], [0, 1, 2, 3, 4, 5], {
    task: taskOf,
    onDone: (finished) => void done.push(finished.identity),
  }).finally(() => (settled = true));
  const outcome = assert.rejects(running, /cell 1 failed/);
  await tick();
  await bad.release(); // item 1 fails
  assert.equal(settled, false, 'does not return while item 0 is still running');
  await good.release();
  await outcome;
  assert.deepEqual(done, ['0'], 'the item in flight was still reported');
  assert.deepEqual([...good.ran, ...bad.ran], ['0', '1'], 'nothing new started after the failure');
});

test('a failing onDone stops new claims and is thrown', async () => {
  const here = fakeRunner({ held: false });
  await assert.rejects(
    runOnRunners([here.runner], [0, 1, 2], {
      task: taskOf,
      onDone: () => Promise.reject(new Error('disk full')),
    }),
    /disk full/,
  );
  assert.ok(here.ran.length < 3, `ran ${here.ran.join(', ')}`);
});

test('shouldStop ends the run incomplete without starting more', async () => {
  const here = fakeRunner({ held: true });
  let stop = false;
  const running = runOnRunners([here.runner], [0, 1, 2], {
    task: taskOf,
    onDone: () => void (stop = true),
    shouldStop: () => stop,
  });
  while (here.ran.length === 0) await tick();
  await here.release();
  assert.deepEqual(await running, { complete: false });
  assert.deepEqual(here.ran, ['0']);
});
