/** IdleWork (server/src/idleWork.ts): start-up work runs one step at a time, only while the client is quiet. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdleWork } from '../../server/src/idleWork';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function* steps(log: string[], name: string, count: number): Generator<void> {
  for (let i = 0; i < count; i++) {
    log.push(`${name}${i}`);
    yield;
  }
}

/** A clock the test moves by hand: whether the client counts as quiet never depends on the machine's speed. */
function manualClock() {
  const c = { now: 1_000, last: 1_000 };
  return { c, now: () => c.now, lastActivity: () => c.last };
}

test('no step runs while messages keep arriving; all run, in order, once the client is quiet', async () => {
  const { c, now, lastActivity } = manualClock();
  const log: string[] = [];
  const idle = new IdleWork({ lastActivity, now, quietMs: 10 });
  idle.add(steps(log, 'a', 3));
  idle.add(steps(log, 'b', 2));
  for (let i = 0; i < 5; i++) {
    await wait(20);
    c.now += 5;
    c.last = c.now; // a message every 5 ms of the clock: never 10 ms of quiet
  }
  assert.deepEqual(log, []);
  assert.ok(idle.pending);
  c.now += 10;
  await wait(200);
  assert.deepEqual(log, ['a0', 'a1', 'a2', 'b0', 'b1']);
  assert.ok(!idle.pending);
});

test('a message between two steps holds the rest back until the client is quiet again', async () => {
  const { c, now, lastActivity } = manualClock();
  c.now += 10;
  const log: string[] = [];
  const idle = new IdleWork({ lastActivity, now, quietMs: 10 });
  idle.add(
    (function* () {
      log.push('first');
      c.last = c.now; // a message arrives while the first step runs
      yield;
      log.push('second');
    })(),
  );
  await wait(150);
  assert.deepEqual(log, ['first']);
  c.now += 10;
  await wait(150);
  assert.deepEqual(log, ['first', 'second']);
});

test('a failing step ends its job, is reported, and the next job still runs', async () => {
  const errors: unknown[] = [];
  const log: string[] = [];
  const idle = new IdleWork({ lastActivity: () => -Infinity, quietMs: 5, onError: (e) => errors.push(e) });
  idle.add(
    (function* () {
      log.push('x');
      yield;
      throw new Error('lab.md unreadable');
    })(),
  );
  idle.add(steps(log, 'y', 1));
  await wait(80);
  assert.deepEqual(log, ['x', 'y0']);
  assert.equal((errors[0] as Error).message, 'lab.md unreadable');
});

test('dispose drops queued work', async () => {
  const log: string[] = [];
  const idle = new IdleWork({ lastActivity: () => -Infinity, quietMs: 20 });
  idle.add(steps(log, 'z', 2));
  idle.dispose();
  await wait(60);
  assert.deepEqual(log, []);
});
