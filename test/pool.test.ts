import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { threadId } from "node:worker_threads";
import { runPool } from "../lib/parallel/pool";
import { fixture } from "./helpers";
import type { SquareResult, SquareTask } from "./fixtures/pool/square";

const SQUARE = fixture("pool", "square");
// Later tasks finish first, so results arrive out of order.
const tasks: SquareTask[] = Array.from({ length: 9 }, (_, i) => ({ x: i + 1, delayMs: (9 - i) * 5 }));

describe("results and errors", () => {
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
});

describe("workers", () => {
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

  test("pool: one task runs in this thread until workers are running, then on them (this thread stays free)", async () => {
    const one = [{ x: 3, delayMs: 0, reportThread: true }];
    // No pool of 3 workers was started: a single task isn't worth starting one.
    const [alone] = await runPool<SquareTask, { thread: number }>(SQUARE, one, { workers: 3 });
    assert.equal(alone.thread, threadId);
    // Two workers are running (earlier tests started them): the task joins them.
    await runPool(SQUARE, tasks, { workers: 2 });
    const [joined] = await runPool<SquareTask, { thread: number }>(SQUARE, one, { workers: 2 });
    assert.notEqual(joined.thread, threadId);
  });

  test("pool: a worker holds its next task while this thread is busy, and runs its tasks one at a time", async () => {
    const many: SquareTask[] = Array.from({ length: 12 }, (_, i) => ({ x: i, delayMs: 20, reportThread: true }));
    const running = runPool<SquareTask, SquareResult>(SQUARE, many, { workers: 2 });
    await new Promise((r) => setTimeout(r, 5)); // the first tasks reach the workers
    // Block this thread for longer than two tasks take: each worker goes on with the next task it already holds.
    const blockedFrom = Date.now();
    while (Date.now() < blockedFrom + 300);
    const out = await running;
    assert.deepEqual(
      out.map((r) => r.x),
      many.map((t) => t.x),
    );
    // Without a held task, a worker's second task could only start once this thread is free again.
    const seconds = [...new Set(out.map((r) => r.thread))].map((thread) => {
      const starts = out.filter((r) => r.thread === thread).map((r) => r.span?.[0] ?? 0);
      return starts.sort((x, y) => x - y)[1];
    });
    assert.ok(
      seconds.some((t) => t < blockedFrom + 300),
      `a worker's second task started while this thread was busy (${seconds.map((t) => t - blockedFrom)} ms)`,
    );
    for (const thread of new Set(out.map((r) => r.thread))) {
      const spans = out.filter((r) => r.thread === thread).map((r) => r.span ?? [0, 0]);
      spans.sort((a, b) => a[0] - b[0]);
      spans.slice(1).forEach((s, i) => assert.ok(s[0] >= spans[i][1], "tasks in one worker do not overlap"));
    }
  });
});
