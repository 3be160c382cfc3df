// The labels namespace of the public API (lib/index.ts).
export * from "./agreement";
export * from "./themes";
export * from "./labelSets";
export * from "./disagreement";
export * from "./rescore";
export * from "./labelFigures";
// Notebook 03's evidence: intent proxy, label deltas, sizing, abstention, economics, ranking.
export * from "./estimate";
export * from "./intent";
export * from "./truePrecision";
export * from "./deltas";
export * from "./sizing";
export * from "./abstention";
export * from "./economics";
export * from "./serving";
export * from "./ranking";
export * from "./verdict";
