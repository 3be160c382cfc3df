// The present namespace of the public API (lib/index.ts).
export * from "./format";
export * from "./settings";
export * from "./experiment";
export * from "./summary";
export * from "./labels";
export * from "./audit";
export * from "./data";
export * from "./labelEvidence";
export * from "./closingPoints";
export * from "./errors";
export * from "./pitfalls";
export * from "./question";
export * from "./ablation";
export * from "./calibration";
export * from "./ledger";
export * from "./operatingPoint";
export * from "./conclusion";
