// The metrics namespace of the public API (lib/index.ts).
export * from "./validate";
export * from "./confusion";
export * from "./curves";
export * from "./probabilistic";
export * from "./bootstrap";
export * from "./threshold";
export * from "./metricAt";
export * from "./proportion";
