// The embeddings namespace of the public API (lib/index.ts).
export * from "./lsa";
export * from "./manifest";
export * from "./npy";
export * from "./store";
export * from "./mpnet";
export * from "./use/encoder";
export * from "./use/files";
export * from "./use/manifest";
