import { test } from "node:test";
import assert from "node:assert/strict";
import { threadId } from "node:worker_threads";
import { runPool } from "../lib/parallel/pool";
import { fixture } from "./helpers";
import type { SquareResult, SquareTask } from "./fixtures/pool/square";

const SQUARE = fixture("pool", "square");
// Later tasks finish first, so results arrive out of order.
const tasks: SquareTask[] = Array.from({ length: 9 }, (_, i) => ({ x: i + 1, delayMs: (9 - i) * 5 }));

test("pool: results come back in task order, the same with 1 and 2 workers", async () => {
  const one = await runPool<SquareTask, SquareResult>(SQUARE, tasks, { workers: 1 });
  const two = await runPool<SquareTask, SquareResult>(SQUARE, tasks, { workers: 2 });
  assert.deepEqual(
    one.map((r) => r.x),
    tasks.map((t) => t.x),
  );
  assert.deepEqual(two, one);
  assert.ok(two[0].noise instanceof Float64Array, "typed arrays cross threads as typed arrays");
});

test("pool: 2 workers really run in 2 other threads; progress counts every task", async () => {
  const seen: number[] = [];
  const out = await runPool<SquareTask, { thread: number }>(
    SQUARE,
    tasks.map((t) => ({ ...t, reportThread: true })),
    { workers: 2, onTaskDone: (done, total) => seen.push(done / total) },
  );
  const threads = new Set(out.map((r) => r.thread));
  assert.equal(threads.size, 2, `threads used: ${[...threads]}`);
  assert.ok(!threads.has(threadId));
  assert.deepEqual(
    seen,
    tasks.map((_, i) => (i + 1) / tasks.length),
  );
});

test("pool: a task's error surfaces with its message and class name, in-process and from a worker", async () => {
  const bad = tasks.map((t) => (t.x === 4 ? { ...t, fail: true } : t));
  for (const workers of [1, 2]) {
    await assert.rejects(runPool(SQUARE, bad, { workers }), (e: Error) => {
      assert.equal(e.message, "task 4 failed on purpose");
      assert.equal(e.name, "RangeError");
      return true;
    });
  }
});

test("pool: when workers cannot start it runs in-process and says so once", async () => {
  const notices: string[] = [];
  const log = (m: string) => notices.push(m);
  const file = fixture("pool", "fails-in-worker");
  assert.deepEqual(await runPool<number, number>(file, [1, 2, 3], { workers: 2, log }), [2, 3, 4]);
  assert.deepEqual(await runPool<number, number>(file, [5, 6], { workers: 2, log }), [6, 7]);
  assert.equal(notices.length, 1);
  assert.match(notices[0], /could not start \(this module refuses to load in a worker\); running in-process/);
});

test("pool: no tasks, no workers; a bad worker count is refused", async () => {
  assert.deepEqual(await runPool(SQUARE, [], { workers: 2 }), []);
  await assert.rejects(runPool(SQUARE, tasks, { workers: 0 }), /workers must be an integer ≥ 1/);
});

test("pool: the workers are started once and serve later calls, other modules included", async () => {
  const threadsOf = async () =>
    new Set(
      (
        await runPool<SquareTask, { thread: number }>(
          SQUARE,
          tasks.map((t) => ({ ...t, reportThread: true })),
          { workers: 2 },
        )
      ).map((r) => r.thread),
    );
  const first = await threadsOf();
  assert.deepEqual(await runPool<number, number>(fixture("pool", "plus-one"), [1, 2, 3], { workers: 2 }), [2, 3, 4]);
  assert.deepEqual(await threadsOf(), first, "the same two threads");
});
