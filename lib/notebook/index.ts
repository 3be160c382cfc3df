// The notebook namespace of the public API (lib/index.ts): setting a notebook up and showing what it computes.
export { assertFreshBuild } from "./freshness";
export { frameRows, showFrame, toDataFrame } from "./frames";
export { notebookProgress } from "./progress";
export { setupNotebook } from "./setup";
export { showSpeakerNotes, SPEAKER_NOTES_PREFIX, speakerNotes } from "./display";
