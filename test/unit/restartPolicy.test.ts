/** The crash-restart policy of the client (client/src/restartPolicy.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRestartPolicy, RestartPolicy } from '../../client/src/restartPolicy';

test('the default is explicit: 4 restarts within 3 minutes', () => {
  assert.deepEqual(defaultRestartPolicy, { maxRestarts: 4, windowMs: 180_000 });
});

test('restarts up to N times in the window, tells the user only on the first, stops at crash N+1', () => {
  const policy = new RestartPolicy({ maxRestarts: 4, windowMs: 180_000 });
  const decisions = [0, 1_000, 2_000, 3_000, 4_000].map((t) => policy.onCrash(t));
  assert.deepEqual(decisions.slice(0, 4).map((d) => d.action), ['restart', 'restart', 'restart', 'restart']);
  assert.deepEqual(decisions.slice(0, 4).map((d) => d.action === 'restart' && d.notify), [true, false, false, false]);
  assert.deepEqual(decisions[4], { action: 'stop', crashesInWindow: 5 });
});

test('crashes older than the window no longer count', () => {
  const policy = new RestartPolicy({ maxRestarts: 2, windowMs: 60_000 });
  assert.equal(policy.onCrash(0).action, 'restart');
  assert.equal(policy.onCrash(10_000).action, 'restart');
  // The first crash left the window: two in the window, still within budget.
  assert.deepEqual(policy.onCrash(61_000), { action: 'restart', notify: false, crashesInWindow: 2 });
  assert.equal(policy.onCrash(62_000).action, 'stop');
});

test('a restart by hand gives a fresh budget and the next crash is told again', () => {
  const policy = new RestartPolicy({ maxRestarts: 1, windowMs: 60_000 });
  policy.onCrash(0);
  assert.equal(policy.onCrash(1).action, 'stop');
  policy.reset();
  assert.deepEqual(policy.onCrash(2), { action: 'restart', notify: true, crashesInWindow: 1 });
});
