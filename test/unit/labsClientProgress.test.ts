/** Labs client, per-workspace progress: start, first-pass times, one finish message per attempt, reset, export shape. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LabState, LabSummary } from '../../server/src/protocol';
import { buildProgressExport, KeyValueStore, LabProgressStore, sameUri } from '../../client/src/labs/labProgress';

/** An in-memory Memento, as `context.workspaceState` behaves (value visible right after update). */
class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    const value = this.values.get(key);
    return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

function clock(start = Date.parse('2026-03-02T09:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (minutes: number) => (now += minutes * 60_000) };
}

const folder = 'file:///ws/labs/harden';
function state(passed: boolean[], folderUri = folder): LabState {
  const steps = passed.map((ok, i) => ({ id: `s${i + 1}`, passed: ok, ...(ok ? {} : { reason: `step ${i + 1} not done` }) }));
  const passedCount = passed.filter(Boolean).length;
  return { labId: 'harden', folderUri, steps, passedCount, total: steps.length, complete: passedCount === steps.length };
}

test('states of labs not started, or of another folder, are ignored', async () => {
  const store = new LabProgressStore(new MemoryStore());
  assert.equal(await store.applyState(state([true, true])), null);
  await store.start('harden', folder);
  assert.equal(await store.applyState(state([true, true], 'file:///elsewhere/labs/harden')), null);
  assert.equal(store.get('harden')?.lastState, undefined);
});

test('first-pass times are kept, completion is announced once, a regression keeps the times', async () => {
  const time = clock();
  const memory = new MemoryStore();
  const store = new LabProgressStore(memory, time.now);
  await store.start('harden', folder);
  assert.equal(store.get('harden')?.startedAt, '2026-03-02T09:00:00.000Z');

  time.advance(5);
  assert.deepEqual(await store.applyState(state([true, false])), { newlyPassed: ['s1'], announce: false });
  time.advance(5);
  assert.deepEqual(await store.applyState(state([true, false])), { newlyPassed: [], announce: false });
  time.advance(5);
  assert.deepEqual(await store.applyState(state([true, true])), { newlyPassed: ['s2'], announce: true });
  let lab = store.get('harden')!;
  assert.equal(lab.steps.s1.passedAt, '2026-03-02T09:05:00.000Z');
  assert.equal(lab.steps.s2.passedAt, '2026-03-02T09:15:00.000Z');
  assert.equal(lab.completedAt, '2026-03-02T09:15:00.000Z');

  time.advance(5);
  assert.deepEqual(await store.applyState(state([false, true])), { newlyPassed: [], announce: false });
  time.advance(5);
  assert.deepEqual(await store.applyState(state([true, true])), { newlyPassed: [], announce: false }, 'the finish message is shown once per attempt');
  lab = store.get('harden')!;
  assert.equal(lab.steps.s1.passedAt, '2026-03-02T09:05:00.000Z', 'first pass time survives a regression');
  assert.equal(lab.completedAt, '2026-03-02T09:15:00.000Z');

  // A new window on the same workspace reads the same progress.
  const reopened = new LabProgressStore(memory, time.now);
  assert.equal(reopened.get('harden')?.finishAnnounced, true);
  assert.deepEqual(reopened.get('harden')?.lastState, state([true, true]));
});

test('a state that says complete with a failing step is not a completion', async () => {
  const store = new LabProgressStore(new MemoryStore());
  await store.start('harden', folder);
  assert.deepEqual(await store.applyState({ ...state([true, false]), complete: true }), { newlyPassed: ['s1'], announce: false });
  assert.equal(store.get('harden')?.completedAt, undefined);
});

test('starting again in the same folder keeps the progress; reset starts the attempt over', async () => {
  const time = clock();
  const store = new LabProgressStore(new MemoryStore(), time.now);
  await store.start('harden', folder);
  await store.applyState(state([true, true]));
  time.advance(30);
  await store.start('harden', folder.replace('/ws/', '/%77s/'));
  assert.equal(store.get('harden')?.startedAt, '2026-03-02T09:00:00.000Z', 'same folder, other spelling');
  assert.ok(store.get('harden')?.completedAt);
  await store.reset('harden');
  const lab = store.get('harden')!;
  assert.deepEqual(lab.steps, {});
  assert.equal(lab.completedAt, undefined);
  assert.equal(lab.finishAnnounced, undefined);
  assert.equal(lab.lastState, undefined);
  assert.equal(lab.startedAt, '2026-03-02T09:00:00.000Z');
  assert.equal((await store.applyState(state([true, true])))?.announce, true, 'a reset attempt gets its own finish message');
  await store.start('harden', 'file:///other/labs/harden');
  assert.equal(store.get('harden')?.startedAt, '2026-03-02T09:30:00.000Z', 'another folder is a new start');
  await store.forget('harden');
  assert.deepEqual(store.all(), []);
});

test('corrupt or foreign stored values read as no progress', () => {
  for (const value of [42, 'x', { version: 2, labs: {} }, { version: 1 }, { version: 1, labs: { a: { folderUri: 3 } } }]) {
    const memory = new MemoryStore();
    memory.values.set(LabProgressStore.storageKey, value);
    assert.deepEqual(new LabProgressStore(memory).all(), [], JSON.stringify(value));
  }
});

test('export: every started lab in list order with its steps, first-pass times and the last verdicts', async () => {
  const time = clock();
  const store = new LabProgressStore(new MemoryStore(), time.now);
  const summaries: LabSummary[] = ['probes', 'harden'].map((id, i) => ({
    id,
    title: `Lab ${id}`,
    labUri: `file:///ext/lessons/labs/${id}/`,
    order: i,
    introduction: '',
    starterFiles: ['a.yaml'],
    steps: [
      { id: 's1', title: 'Step one', instructions: '' },
      { id: 's2', title: 'Step two', instructions: '' },
    ],
  }));
  await store.start('harden', folder);
  time.advance(1);
  await store.applyState(state([true, false]));
  time.advance(1);
  await store.start('probes', 'file:///ws/labs/probes');
  await store.start('gone', 'file:///ws/labs/gone');
  await store.applyState({ labId: 'gone', folderUri: 'file:///ws/labs/gone', steps: [{ id: 'x', passed: true }], passedCount: 1, total: 1, complete: true });

  const report = buildProgressExport({ extensionVersion: '0.1.0', workspace: 'my-ws', exportedAt: new Date('2026-03-03T00:00:00Z'), labs: summaries, progress: store.all() });
  assert.deepEqual(report, {
    extensionVersion: '0.1.0',
    exportedAt: '2026-03-03T00:00:00.000Z',
    workspace: 'my-ws',
    labs: [
      { id: 'probes', title: 'Lab probes', startedAt: '2026-03-02T09:02:00.000Z', steps: [{ id: 's1', title: 'Step one', passed: false }, { id: 's2', title: 'Step two', passed: false }] },
      {
        id: 'harden',
        title: 'Lab harden',
        startedAt: '2026-03-02T09:00:00.000Z',
        steps: [{ id: 's1', title: 'Step one', passed: true, passedAt: '2026-03-02T09:01:00.000Z' }, { id: 's2', title: 'Step two', passed: false }],
      },
      { id: 'gone', title: 'gone', startedAt: '2026-03-02T09:02:00.000Z', completedAt: '2026-03-02T09:02:00.000Z', steps: [{ id: 'x', title: 'x', passed: true, passedAt: '2026-03-02T09:02:00.000Z' }] },
    ],
  });
  JSON.parse(JSON.stringify(report));
});

test('URI spellings', () => {
  assert.ok(sameUri('file:///c%3A/ws/labs/a', 'file:///C:/ws/labs/a/'));
  assert.ok(sameUri('file:///ws/%ED%95%9C', 'file:///ws/한'));
  assert.ok(!sameUri('file:///ws/labs/a', 'file:///ws/labs/b'));
});
