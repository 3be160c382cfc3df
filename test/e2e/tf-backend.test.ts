// tfjs-node as an optional dependency, seen from a separate process: a half-installed copy must not crash the run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, tempDir } from "../helpers";

const nativeInstalled = (() => {
  try {
    require.resolve("@tensorflow/tfjs-node", { paths: [path.join(ROOT, "lib", "models")] });
    return true;
  } catch {
    return false;
  }
})();

test("a half-installed tfjs-node (package without its addon) falls back to wasm, recorded, no crash", (t) => {
  if (nativeInstalled) return t.skip("tfjs-node is installed here: the project's own copy would be found first");
  // The package as `npm ci --ignore-scripts` leaves it: its files, but no native addon.
  const modules = path.join(tempDir("half-installed-"), "node_modules");
  const pkg = path.join(modules, "@tensorflow", "tfjs-node");
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "@tensorflow/tfjs-node", main: "index.js" }));
  fs.writeFileSync(path.join(pkg, "index.js"), 'require("./lib/napi-v8/tfjs_binding.node");\n');
  const script = path.join(modules, "..", "probe.ts");
  const backend = JSON.stringify(path.join(ROOT, "lib", "models", "tfBackend.ts"));
  fs.writeFileSync(
    script,
    `import { initTfBackend, tfBackendInfo } from ${backend};\n` +
      `initTfBackend().then(() => tfBackendInfo()).then((i) => console.log(JSON.stringify(i)));\n`,
  );
  // NODE_PATH is searched after the project's node_modules, where no tfjs-node is installed.
  const out = execFileSync(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: { ...process.env, NODE_PATH: modules },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const info = JSON.parse(out.trim().split("\n").pop() ?? "");
  assert.equal(info.name, "wasm");
  assert.match(
    info.nativeUnavailable,
    /^installed, but it failed to load \(Cannot find module '\.\/lib\/napi-v8\/tfjs_binding\.node'/,
  );
  assert.match(info.tfjsVersion, /^4\.22\./);
});
