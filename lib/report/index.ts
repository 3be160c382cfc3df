// The report namespace of the public API (lib/index.ts).
export * from "./outputs";
export * from "./resultFigures";
export * from "./html";
