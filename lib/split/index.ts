// The split namespace of the public API (lib/index.ts).
export * from "./groups";
export * from "./assign";
export * from "./split";
export * from "./splitFile";
