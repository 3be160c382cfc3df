// The linalg namespace of the public API (lib/index.ts).
export * from "./matrix";
export * from "./design";
