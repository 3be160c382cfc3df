// The models namespace of the public API (lib/index.ts).
export * from "./types";
export * from "./scaler";
export * from "./logisticRegression";
export * from "./mlp";
export * from "./baselines";
export * from "./logregFormat";
