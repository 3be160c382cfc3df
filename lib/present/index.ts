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
export * from "./findings";
export * from "./operatingPoint";
export * from "./conclusion";
