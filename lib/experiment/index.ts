// The experiment namespace of the public API (lib/index.ts).
export * from "./config";
export * from "./data";
export * from "./dataSummary";
export * from "./cv";
export * from "./cRule";
export * from "./transfer";
export * from "./evaluate";
export * from "./run";
export * from "./policyArg";
export * from "./specs";
export * from "./seeds";
export * from "./pipeline";
export * from "./ablation";
export * from "./ablationCache";
export * from "./ledger";
