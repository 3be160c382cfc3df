import { test } from "node:test";
import assert from "node:assert/strict";
import { loadNativeBackend } from "../lib/models/tfBackend";

test("loadNativeBackend tells a missing tfjs-node from one whose native addon fails, and never throws", () => {
  const missing = Object.assign(new Error("Cannot find module '@tensorflow/tfjs-node'\nRequire stack: …"), {
    code: "MODULE_NOT_FOUND",
  });
  assert.equal(
    loadNativeBackend(() => {
      throw missing;
    }),
    "not installed",
  );
  const addon = Object.assign(new Error("Cannot find module '/x/lib/napi-v8/tfjs_binding.node'"), {
    code: "MODULE_NOT_FOUND",
  });
  assert.match(
    loadNativeBackend(() => {
      throw addon;
    }) ?? "",
    /^installed, but it failed to load \(Cannot find module '\/x\/lib\/napi-v8\/tfjs_binding\.node'\)$/,
  );
  assert.equal(
    loadNativeBackend(() => ({})),
    "loaded, but it registered no 'tensorflow' backend",
  );
});
