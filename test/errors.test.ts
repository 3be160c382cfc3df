import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  ConfigError,
  DataError,
  EmbeddingModelUnavailable,
  InvalidInputError,
  ModelFileError,
  NotFittedError,
  InternalError,
  RunNotFoundError,
  SafetySignalError,
  UndefinedMetricError,
  UsageError,
} from "../lib/errors";
import { fromPlainError, toPlainError } from "../lib/parallel/plainError";
import { DataError as DataErrorFromData } from "../lib/data/errors";
import { NotFittedError as NotFittedFromModels } from "../lib/models/types";
import { UndefinedMetricError as UndefinedFromMetrics } from "../lib/metrics/validate";
import { runPool } from "../lib/parallel/pool";
import { asOptionMistakes, describeFailure } from "../cli/cli";
import { fixture } from "./helpers";
import { makeError, ThrowTask } from "./fixtures/pool/throws";

const THROWS = fixture("pool", "throws");

/** Each kind the fixture throws: its class, code, and the fields it must carry. */
const KINDS = [
  { kind: "data", cls: DataError, code: "DATA_ERROR", fields: { file: "data/x.csv" } },
  { kind: "config", cls: ConfigError, code: "CONFIG_ERROR", fields: { detail: "must be an integer ≥ 1, got 0" } },
  { kind: "usage", cls: UsageError, code: "USAGE_ERROR", fields: {} },
  { kind: "model-file", cls: ModelFileError, code: "MODEL_FILE_ERROR", fields: { file: "models/mlp.json" } },
  { kind: "not-fitted", cls: NotFittedError, code: "NOT_FITTED", fields: {} },
  { kind: "undefined-metric", cls: UndefinedMetricError, code: "UNDEFINED_METRIC", fields: {} },
  { kind: "invalid-input", cls: InvalidInputError, code: "INVALID_INPUT", fields: {} },
  { kind: "encoder", cls: EmbeddingModelUnavailable, code: "ENCODER_UNAVAILABLE", fields: {} },
  { kind: "run-not-found", cls: RunNotFoundError, code: "RUN_NOT_FOUND", fields: {} },
] as const;

function expectSame(got: unknown, want: SafetySignalError, cls: abstract new (...a: never[]) => Error): void {
  assert.ok(got instanceof cls, `expected a ${cls.name}, got ${String(got)}`);
  assert.ok(got instanceof SafetySignalError && got instanceof Error);
  assert.equal(got.name, want.name);
  assert.equal(got.code, want.code);
  assert.equal(got.message, want.message);
  assert.deepEqual(got.subject, want.subject);
}

describe("error classes", () => {
  test("each class has its code and says what it refers to", () => {
    const data = makeError("data") as DataError;
    assert.equal(data.message, 'data/x.csv: column "target" is blank in row(s) 3, 9');
    assert.deepEqual(data.subject, { file: "data/x.csv", rows: [3, 9], column: "target" });
    const config = makeError("config") as ConfigError;
    assert.equal(config.message, "mlp.patience must be an integer ≥ 1, got 0");
    assert.deepEqual(config.subject, { setting: "mlp.patience" });
    const usage = makeError("usage") as UsageError;
    assert.equal(usage.message, '--final must be fold-ensemble or refit, got "bagging"');
    assert.deepEqual(usage.subject, { option: "--final" });
    assert.deepEqual(new UsageError("give --input or --text").subject, {});
    const file = makeError("model-file") as ModelFileError;
    assert.equal(file.message, "models/mlp.json: model.weights[0].shape must be 2 positive integers");
    assert.deepEqual(file.subject, { file: "models/mlp.json", field: "model.weights[0].shape" });
    assert.deepEqual((makeError("invalid-input") as InvalidInputError).subject, { argument: "y" });
    for (const k of KINDS) {
      const e = makeError(k.kind);
      assert.ok(e instanceof k.cls && e instanceof SafetySignalError, k.kind);
      assert.equal(e.code, k.code);
      assert.equal(e.name, k.cls.name);
      assert.match(String(e.stack), new RegExp(`^${k.cls.name}: `), "the stack starts with the class name");
    }
  });

  test("the classes' old homes hand on the same class", () => {
    assert.equal(DataErrorFromData, DataError);
    assert.equal(NotFittedFromModels, NotFittedError);
    assert.equal(UndefinedFromMetrics, UndefinedMetricError);
  });

  test("as plain data and back: same class, code, fields and message; built-in errors keep their class", () => {
    for (const k of KINDS) {
      const e = makeError(k.kind) as SafetySignalError;
      const back = fromPlainError(structuredClone(toPlainError(e)));
      expectSame(back, e, k.cls);
      for (const [field, value] of Object.entries(k.fields)) assert.equal(Reflect.get(back, field), value, field);
    }
    const range = fromPlainError(toPlainError(new RangeError("r")));
    assert.ok(range instanceof RangeError);
    const plain = fromPlainError(toPlainError("a thrown string"));
    assert.ok(plain instanceof Error && !(plain instanceof SafetySignalError));
    assert.equal(plain.message, "a thrown string");
  });
});

describe("errors thrown in a pool worker", () => {
  // Two tasks on two workers: the failing one runs on a worker thread, not in this one.
  const tasks = (kind: string): ThrowTask[] => [{ kind }, { kind: "none", ok: true }];

  for (const k of KINDS) {
    test(`a ${k.cls.name} thrown in a worker is caught by class on the main thread`, async () => {
      const want = makeError(k.kind) as SafetySignalError;
      for (const workers of [1, 2]) {
        await assert.rejects(runPool(THROWS, tasks(k.kind), { workers }), (e: unknown) => {
          expectSame(e, want, k.cls);
          for (const [field, value] of Object.entries(k.fields))
            assert.equal(Reflect.get(e as object, field), value, field);
          if (workers === 2) assert.match(String((e as Error).stack), /in a pool worker, task 0/);
          return true;
        });
      }
    });
  }

  test("built-in errors and bugs come back as themselves, not as a project error", async () => {
    await assert.rejects(runPool(THROWS, tasks("internal"), { workers: 2 }), (e: unknown) => {
      assert.ok(e instanceof InternalError && !(e instanceof SafetySignalError));
      assert.equal(e.name, "InternalError");
      assert.equal(e.message, "an invariant broke on purpose");
      return true;
    });
    await assert.rejects(runPool(THROWS, tasks("range"), { workers: 2 }), (e: unknown) => {
      assert.ok(e instanceof RangeError);
      assert.equal(e.message, "out of range on purpose");
      return true;
    });
    await assert.rejects(runPool(THROWS, tasks("plain"), { workers: 2 }), (e: unknown) => {
      assert.ok(e instanceof Error && !(e instanceof SafetySignalError));
      assert.equal(e.message, "a bug on purpose");
      return true;
    });
  });
});

describe("runCli's mapping from class to exit status", () => {
  const usage = "usage: npm start -- [--seed 42]";
  test("usage and config mistakes: one line naming the option or setting, exit 2", () => {
    const u = describeFailure(makeError("usage"), usage);
    assert.deepEqual(u, {
      line: 'error: --final must be fold-ensemble or refit, got "bagging" (see `npm start -- --help`)',
      status: 2,
    });
    const c = describeFailure(makeError("config"), usage);
    assert.equal(c?.status, 2);
    assert.match(String(c?.line), /^error: config: mlp\.patience must be an integer ≥ 1, got 0/);
  });

  test("a ConfigError about a setting an option sets becomes that option's usage error", () => {
    const options = { "bootstrap.resamples": "--resamples", "logreg.Cs": "--Cs" };
    const thrown = (setting: string): unknown => {
      try {
        return asOptionMistakes(options, () => {
          throw new ConfigError(setting, "must be an integer ≥ 0, got -3");
        });
      } catch (err) {
        return err;
      }
    };
    const resamples = thrown("bootstrap.resamples");
    assert.ok(resamples instanceof UsageError);
    assert.equal(resamples.message, "--resamples must be an integer ≥ 0, got -3");
    assert.deepEqual(resamples.subject, { option: "--resamples" });
    const item = thrown("logreg.Cs[1]");
    assert.ok(item instanceof UsageError);
    assert.equal(item.message, "--Cs (logreg.Cs[1]) must be an integer ≥ 0, got -3");
    assert.ok(thrown("logreg.Csx") instanceof ConfigError, "a prefix of a name is not its setting");
    assert.ok(thrown("mlp.patience") instanceof ConfigError, "a setting no option sets stays a config error");
  });

  test("bad data or model files: one line, exit 1; anything else is left to the 'unexpected error' path", () => {
    for (const kind of ["data", "model-file", "encoder"]) {
      const f = describeFailure(makeError(kind), usage);
      assert.equal(f?.status, 1, kind);
      assert.doesNotMatch(String(f?.line), /\n/);
    }
    for (const kind of [
      "not-fitted",
      "invalid-input",
      "undefined-metric",
      "run-not-found",
      "range",
      "plain",
      "internal",
    ])
      assert.equal(describeFailure(makeError(kind), usage), null, kind);
  });
});
