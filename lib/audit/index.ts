// The audit namespace of the public API (lib/index.ts).
export * from "./confidentLearning";
export * from "./auditDataset";
export * from "./summary";
export * from "./auditFigures";
