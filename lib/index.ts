// The library's public surface: notebooks and CLIs import from here.
export * from "./data/errors";
export * from "./data/csv";
export * from "./data/labels";
export * from "./data/text";
export * from "./data/dataset";
export * from "./data/report";
export * from "./split/groups";
export * from "./split/assign";
export * from "./split/split";
export * from "./split/splitFile";
export * from "./util/random";
export * from "./paths";
