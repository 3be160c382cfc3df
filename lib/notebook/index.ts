// The notebook namespace of the public API (lib/index.ts).
export * from "./freshness";
export * from "./frames";
export * from "./progress";
export * from "./setup";
export * from "./display";
