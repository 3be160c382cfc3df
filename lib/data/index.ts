// The data namespace of the public API (lib/index.ts).
export * from "./errors";
export * from "./csv";
export * from "./labels";
export * from "./text";
export * from "./dataset";
export * from "./report";
export * from "./relabels";
