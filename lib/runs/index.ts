// The runs namespace of the public API (lib/index.ts): run folders, their records, listing and comparing them.
export * from "./record";
export * from "./layout";
export * from "./write";
export * from "./store";
export * from "./save";
export * from "./compare";
export { writeFileAtomic, sha256File } from "./atomic";
