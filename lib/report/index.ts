// The report namespace of the public API (lib/index.ts).
export * from "./outputs";
export * from "./figures";
export * from "./html";
