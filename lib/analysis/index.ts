// The analysis namespace of the public API (lib/index.ts): what the models get wrong, and which model to keep.
export * from "./language";
export * from "./errors";
export * from "./modelChoice";
export * from "./compare";
export * from "./errorExamples";
export * from "./recallGap";
export * from "./operatingPoint";
export * from "./errorThemes";
export * from "./calibration";
