// The plots namespace of the public API (lib/index.ts).
export * from "./calibrationFigure";
export * from "./figures";
export * from "./html";
export * from "./notebook";
export * from "./pitfallFigures";
export * from "./plotly";
export * from "./thresholdExplorer";
