// The library's public surface, one namespace per stage of the pipeline: notebooks (via the compiled dist/lib)
// import these, e.g. `import { experiment, report } from "../dist/lib"`. CLIs and tests import modules directly.
export * as errors from "./errors";
export * as paths from "./paths";
export * as random from "./util/random";
export * as data from "./data";
export * as split from "./split";
export * as linalg from "./linalg";
export * as embeddings from "./embeddings";
export * as parallel from "./parallel";
export * as features from "./features";
export * as models from "./models";
export * as metrics from "./metrics";
export * as experiment from "./experiment";
export * as report from "./report";
export * as runs from "./runs";
export * as present from "./present";
export * as plots from "./plots";
export * as notebook from "./notebook";
export * as pitfalls from "./pitfalls";
export * as audit from "./audit";
export * as labels from "./labels";
export * as analysis from "./analysis";
