// Errors as plain data for the worker pool's messages, and back: every class of ../errors.ts (by its code), the
// built-in ones and InternalError (by name) return as themselves on the main thread.
import {
  ConfigError,
  DataError,
  EmbeddingModelUnavailable,
  ErrorCode,
  InternalError,
  InvalidInputError,
  ModelFileError,
  NotFittedError,
  RunNotFoundError,
  SafetySignalError,
  UndefinedMetricError,
  UsageError,
} from "../errors";

/** Each code's class, for rebuilding an error that crossed a thread. */
const CLASSES: Record<ErrorCode, { prototype: SafetySignalError }> = {
  DATA_ERROR: DataError,
  CONFIG_ERROR: ConfigError,
  USAGE_ERROR: UsageError,
  MODEL_FILE_ERROR: ModelFileError,
  NOT_FITTED: NotFittedError,
  UNDEFINED_METRIC: UndefinedMetricError,
  INVALID_INPUT: InvalidInputError,
  ENCODER_UNAVAILABLE: EmbeddingModelUnavailable,
  RUN_NOT_FOUND: RunNotFoundError,
};
const BUILT_IN = new Map<string, { prototype: Error }>(
  [RangeError, TypeError, SyntaxError, ReferenceError, InternalError].map((c) => [c.name, c]),
);

/** An error as plain data (structured-clone safe): what a worker thread sends back. */
export interface PlainError {
  name: string;
  message: string;
  stack?: string;
  code?: ErrorCode;
  /** The error's own data fields (a DataError's `file` and `subject`, a ConfigError's `detail`). */
  fields: object;
}

const isData = (v: unknown): boolean =>
  v === null ||
  ["string", "number", "boolean"].includes(typeof v) ||
  (Array.isArray(v) && v.every(isData)) ||
  (typeof v === "object" && Object.values(v).every(isData));

/** Anything thrown, as plain data: name, message, stack, and the fields that are plain data. */
export function toPlainError(err: unknown): PlainError {
  const e = err instanceof Error ? err : new Error(String(err));
  const fields = Object.fromEntries(Object.entries(e).filter(([, v]) => isData(v)));
  const code = e instanceof SafetySignalError ? e.code : undefined;
  return { name: e.name, message: e.message, stack: e.stack, code, fields };
}

/** The error back, as an instance of its class (project errors by code, built-in ones by name, else Error). */
export function fromPlainError(p: PlainError): Error {
  const cls = (p.code && CLASSES[p.code]) || BUILT_IN.get(p.name) || Error;
  const err: Error = Object.create(cls.prototype);
  Object.assign(err, p.fields);
  // Like a thrown error's own message and stack: present, but not enumerable.
  Object.defineProperty(err, "message", { value: p.message, writable: true, configurable: true });
  Object.defineProperty(err, "stack", {
    value: p.stack ?? `${p.name}: ${p.message}`,
    writable: true,
    configurable: true,
  });
  if (err.name !== p.name) Object.defineProperty(err, "name", { value: p.name, writable: true, configurable: true });
  return err;
}
