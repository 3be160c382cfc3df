import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/paths";
import { parseArgs, runCli, UsageError } from "../cli/cli";
import { checkRendering, findChromium } from "./render-check";
import { notebookItems, NotebookJson, sameSources } from "./notebook/outputs";
import { checkRenderedPage, figureFileNames, renderedPage } from "./notebook/rendered";
import { ensureTslabKernel, jupyterEnv, jupyterPython, run } from "./jupyter";

const USAGE =
  "usage: npm run notebooks -- [--only NAME] [--no-render-check] [--snapshot] [--reuse]\n" +
  "  Builds lib/ to dist/, registers the tslab kernel if needed, executes every notebook headless,\n" +
  "  exports HTML, and checks in headless Chromium that every figure drew. Outputs go to out/ (git-ignored).\n" +
  "  --snapshot also refreshes notebooks/rendered/NAME.md (text, tables and captioned figure screenshots, in cell order).\n" +
  "  --reuse skips executing a notebook whose executed copy in out/notebooks/ has the same cells (e.g. to re-snapshot).";

const NOTEBOOK_DIR = path.join(PROJECT_ROOT, "notebooks");
const OUT = path.join(PROJECT_ROOT, "out");
const RENDERED = path.join(NOTEBOOK_DIR, "rendered");
const readNotebook = (file: string): NotebookJson => JSON.parse(fs.readFileSync(file, "utf8"));

/** Error outputs of an executed notebook, as "cell N: message". */
function errorsIn(nbFile: string): string[] {
  const nb = readNotebook(nbFile);
  const errs: string[] = [];
  nb.cells.forEach((cell, k) => {
    for (const o of cell.outputs ?? []) {
      if (o.output_type === "error") errs.push(`cell ${k + 1}: ${o.ename}: ${o.evalue}`);
      // tslab reports compile errors and exceptions on stderr; the only expected stderr line is the TF.js backend log.
      const text = ([] as string[]).concat(o.text ?? []).join("");
      const unexpected = text.split("\n").filter((l) => l.trim() && !/^TensorFlow\.js backend:/.test(l));
      if (o.output_type === "stream" && o.name === "stderr" && unexpected.length)
        errs.push(`cell ${k + 1} (stderr): ${unexpected.join("\n").slice(0, 800)}`);
    }
  });
  return errs;
}

runCli(USAGE, async () => {
  const { flags } = parseArgs(
    process.argv.slice(2),
    ["only", "no-render-check", "snapshot", "reuse", "help"],
    ["no-render-check", "snapshot", "reuse", "help"],
  );
  if (flags.help) return void console.log(USAGE);
  let notebooks = fs
    .readdirSync(NOTEBOOK_DIR)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  if (typeof flags.only === "string") {
    notebooks = notebooks.filter((f) => f.startsWith(flags.only as string));
    if (!notebooks.length) throw new UsageError(`no notebook matches --only ${flags.only}`);
  }

  console.log("== build: lib/ → dist/");
  run(
    process.execPath,
    [path.join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    "build",
  );
  const py = jupyterPython();
  ensureTslabKernel(py);

  fs.mkdirSync(path.join(OUT, "notebooks"), { recursive: true });
  fs.mkdirSync(path.join(OUT, "html"), { recursive: true });
  const failures: string[] = [];
  const htmlFiles: string[] = [];
  for (const nb of notebooks) {
    const started = Date.now();
    const name = nb.replace(/\.ipynb$/, "");
    const executed = path.join(OUT, "notebooks", nb);
    const reuse =
      flags.reuse &&
      fs.existsSync(executed) &&
      sameSources(readNotebook(path.join(NOTEBOOK_DIR, nb)), readNotebook(executed));
    const r = reuse
      ? { status: 0, stderr: "" }
      : spawnSync(
          py,
          [
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.kernel_name=tslab",
            "--ExecutePreprocessor.timeout=1800",
            "--allow-errors",
            "--output-dir",
            path.dirname(executed),
            path.join(NOTEBOOK_DIR, nb),
          ],
          { cwd: NOTEBOOK_DIR, env: jupyterEnv, encoding: "utf8", maxBuffer: 1 << 28 },
        );
    const errs =
      r.status === 0
        ? errorsIn(executed)
        : [`nbconvert failed: ${(r.stderr || "").trim().split("\n").slice(-15).join("\n")}`];
    if (errs.length) {
      failures.push(`${nb}:\n  ${errs.join("\n  ")}`);
      console.log(`✗ ${nb} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      continue;
    }
    run(
      py,
      ["-m", "jupyter", "nbconvert", "--to", "html", "--output-dir", path.join(OUT, "html"), executed],
      `HTML export of ${nb}`,
    );
    htmlFiles.push(selfContained(path.join(OUT, "html", `${name}.html`)));
    console.log(
      `✓ ${nb} ${reuse ? "reused (cells unchanged)" : "executed"} in ${((Date.now() - started) / 1000).toFixed(0)} s → out/notebooks/${nb}, out/html/${name}.html`,
    );
  }

  if (!flags["no-render-check"] && htmlFiles.length) {
    if (!findChromium()) {
      console.log("render check skipped: no Chromium (apt-get install chromium)");
      if (flags.snapshot)
        failures.push("--snapshot takes its screenshots in Chromium: apt-get install chromium, or set CHROMIUM_PATH");
    } else {
      const snapshots = new Map(
        flags.snapshot ? htmlFiles.map((f) => [f, snapshotPlan(path.basename(f, ".html"))]) : [],
      );
      const reports = await checkRendering(htmlFiles, { screenshots: (f) => snapshots.get(f)?.shots ?? [] });
      for (const rep of reports) {
        const ok = rep.figures > 0 && rep.drawn === rep.figures && rep.errors.length === 0;
        console.log(
          `${ok ? "✓" : "✗"} rendered ${path.basename(rep.file)}: ${rep.drawn}/${rep.figures} figures drew, ${rep.errors.length} script errors`,
        );
        if (!ok)
          failures.push(
            `${path.basename(rep.file)}: ${rep.drawn}/${rep.figures} figures drew; ${rep.errors.join("; ")}`,
          );
        const snapshot = snapshots.get(rep.file);
        if (!snapshot) continue;
        if (rep.missing.length)
          failures.push(
            `${path.basename(rep.file)}: figures not found on the page for screenshots: ${rep.missing.join(", ")}`,
          );
        const problems = checkRenderedPage(snapshot.write());
        const page = `notebooks/rendered/${snapshot.name}.md`;
        console.log(
          `${problems.length ? "✗" : "✓"} ${page}: ${rep.screenshots.length} figure screenshots${problems.length ? `; ${problems.join("; ")}` : ""}`,
        );
        if (problems.length) failures.push(`${page}: ${problems.join("; ")}`);
      }
    }
  } else if (flags.snapshot) {
    failures.push("--snapshot needs the render check (Chromium) and at least one executed notebook");
  }
  if (flags.snapshot && typeof flags.only !== "string") removeStaleRenderings(notebooks);
  if (failures.length) {
    process.stderr.write(`notebook failures:\n${failures.join("\n")}\n`);
    process.exitCode = 1;
  }
});

/**
 * nbconvert's template links require.js and MathJax by URL (Debian's points into /usr/share/javascript). The
 * notebooks need neither (plotly is inlined once per notebook, no math), so drop those tags: the export then
 * opens offline on any machine.
 */
function selfContained(htmlFile: string): string {
  const html = fs.readFileSync(htmlFile, "utf8");
  fs.writeFileSync(htmlFile, html.replace(/<script[^>]*\ssrc="[^"]*"[^>]*>\s*<\/script>/g, ""));
  return htmlFile;
}

/**
 * What a snapshot of one notebook needs: its figures' screenshot paths (notebooks/rendered/NAME/NN-slug.png, the old
 * ones removed first so no stale file survives) and a writer for notebooks/rendered/NAME.md, which returns the page.
 */
function snapshotPlan(name: string): { name: string; shots: Array<{ id: string; path: string }>; write: () => string } {
  const items = notebookItems(readNotebook(path.join(OUT, "notebooks", `${name}.ipynb`)));
  const files = figureFileNames(items);
  const dir = path.join(RENDERED, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return {
    name,
    shots: [...files].map(([id, file]) => ({ id, path: path.join(dir, file) })),
    write: () => {
      const md = renderedPage(name, items, new Map([...files].map(([id, file]) => [id, `${name}/${file}`])));
      fs.writeFileSync(path.join(RENDERED, `${name}.md`), md);
      return md;
    },
  };
}

/** Rendered pages (and their figure folders) of notebooks that no longer exist. */
function removeStaleRenderings(notebooks: string[]): void {
  if (!fs.existsSync(RENDERED)) return;
  const live = new Set(notebooks.map((nb) => nb.replace(/\.ipynb$/, "")));
  for (const entry of fs.readdirSync(RENDERED)) {
    if (live.has(entry.replace(/\.md$/, ""))) continue;
    console.log(`removing stale notebooks/rendered/${entry}`);
    fs.rmSync(path.join(RENDERED, entry), { recursive: true, force: true });
  }
}
