// The features namespace of the public API (lib/index.ts).
export * from "./spec";
export * from "./featurizer";
export * from "./pipelines";
