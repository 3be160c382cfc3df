/**
 * The project's errors. Each class has a stable `code` and says what it refers to (`subject`: a file and its rows,
 * a configuration setting, a command-line option, a saved file's field, a function's argument), so a caller can
 * catch by class or code and a person can go and look. An InternalError means a bug (an invariant broke).
 *
 * They cross worker threads intact: the pool sends `toPlainError(err)` and rebuilds it with `fromPlainError`
 * (lib/parallel/plainError.ts), which gives back the same class, code, subject and message.
 */

/** What an error refers to. Every field is optional: each class fills the ones it knows. */
export interface ErrorSubject {
  /** A file: data, split, manifest, saved model. */
  file?: string;
  /** 1-based data rows of that file (the header is row 0). */
  rows?: number[];
  /** 1-based physical line of that file. */
  line?: number;
  /** A column of a CSV file. */
  column?: string;
  /** A configuration setting as a path: "mlp.patience". */
  setting?: string;
  /** A command-line option with its dashes: "--resamples". */
  option?: string;
  /** A field of a saved file as a path: "model.weights[0].shape". */
  field?: string;
  /** An argument of a library function: "y_true". */
  argument?: string;
}

/** The stable codes, one per class. */
export type ErrorCode =
  | "DATA_ERROR"
  | "CONFIG_ERROR"
  | "USAGE_ERROR"
  | "MODEL_FILE_ERROR"
  | "NOT_FITTED"
  | "UNDEFINED_METRIC"
  | "INVALID_INPUT"
  | "ENCODER_UNAVAILABLE"
  | "RUN_NOT_FOUND";

/** The base class: catch it to catch every problem the project reports on purpose. */
export abstract class SafetySignalError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly subject: ErrorSubject = {},
  ) {
    super(message);
  }
}

/**
 * An input file is unusable. The message always names the file and, where it can, the row, line or column, so a
 * person can go and look.
 */
export class DataError extends SafetySignalError {
  readonly code = "DATA_ERROR";
  override readonly name = "DataError";
  readonly file: string;
  constructor(file: string, detail: string, where: Omit<ErrorSubject, "file"> = {}) {
    super(`${file}: ${detail}`, { file, ...where });
    this.file = file;
  }
}

/** A configuration setting is missing, of the wrong type, out of range or unknown: `mlp.patience must be …`. */
export class ConfigError extends SafetySignalError {
  readonly code = "CONFIG_ERROR";
  override readonly name = "ConfigError";
  /** The message without the setting's name, so a CLI can put its option's name in front instead. */
  readonly detail: string;
  constructor(setting: string, detail: string) {
    super(`${setting} ${detail}`, { setting });
    this.detail = detail;
  }
}

/** A command was called the wrong way: an unknown option, a missing or malformed value. */
export class UsageError extends SafetySignalError {
  readonly code = "USAGE_ERROR";
  override readonly name = "UsageError";
  /** `new UsageError("--folds", "must be at least 2, got 1")`, or a whole sentence when no one option is at fault. */
  constructor(detail: string);
  constructor(option: string, detail: string);
  constructor(first: string, detail?: string) {
    super(detail === undefined ? first : `${first} ${detail}`, detail === undefined ? {} : { option: first });
  }
}

/** A saved model, pipeline or manifest is missing, corrupt or of another format. Names the file and the field. */
export class ModelFileError extends SafetySignalError {
  readonly code = "MODEL_FILE_ERROR";
  override readonly name = "ModelFileError";
  readonly file: string;
  constructor(file: string, field: string | null, detail: string) {
    super(`${file}: ${field ? `${field} ` : ""}${detail}`, field ? { file, field } : { file });
    this.file = file;
  }
}

/** The one error for "predict before fit", whatever the model. */
export class NotFittedError extends SafetySignalError {
  readonly code = "NOT_FITTED";
  override readonly name = "NotFittedError";
  constructor(estimator: string) {
    super(`${estimator}: call fit (or fromJSON) before predicting`);
  }
}

/** A metric that has no value for these inputs (e.g. ROC-AUC with one class). */
export class UndefinedMetricError extends SafetySignalError {
  readonly code = "UNDEFINED_METRIC";
  override readonly name = "UndefinedMetricError";
}

/** An argument given to a library function is unusable: lengths that differ, a label that is not 0/1, a NaN score. */
export class InvalidInputError extends SafetySignalError {
  readonly code = "INVALID_INPUT";
  override readonly name = "InvalidInputError";
  /** `new InvalidInputError("y", "X has 3 rows but y has 4")`: the argument at fault, and a sentence that names it. */
  constructor(argument: string, message: string) {
    super(message, { argument });
  }
}

/** A sentence encoder that must be installed or downloaded is not available here. */
export class EmbeddingModelUnavailable extends SafetySignalError {
  readonly code = "ENCODER_UNAVAILABLE";
  override readonly name = "EmbeddingModelUnavailable";
}

/** A run id or reference that names no run folder, or names several (the CLIs turn it into a usage error). */
export class RunNotFoundError extends SafetySignalError {
  readonly code = "RUN_NOT_FOUND";
  override readonly name = "RunNotFoundError";
  /** `new RunNotFoundError("runs", 'no run "2029" in runs/ (…)')`: the runs folder searched, and what was not found. */
  constructor(runsDir: string, message: string) {
    super(message, { file: runsDir });
  }
}

/**
 * An invariant of this library broke: a bug to report, not a caller's mistake (a caller's mistake throws one of the
 * classes above, with a code). Not a SafetySignalError, so the CLI shows its stack as an unexpected error.
 */
export class InternalError extends Error {
  override readonly name = "InternalError";
}
