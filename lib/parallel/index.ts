// The parallel namespace of the public API (lib/index.ts).
export * from "./pool";
