// The labels namespace of the public API (lib/index.ts).
export * from "./agreement";
export * from "./themes";
export * from "./labelSets";
export * from "./tables";
export * from "./rescore";
export * from "./talkingPoints";
export * from "./figures";
