import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/paths";
import { parseArgs, runCli, UsageError } from "../cli/cli";
import { checkRendering, findChromium } from "./render-check";
import { ensureTslabKernel, jupyterEnv, jupyterPython, run } from "./jupyter";

const USAGE =
  "usage: npm run notebooks -- [--only NAME] [--no-render-check] [--snapshot]\n" +
  "  Builds lib/ to dist/, registers the tslab kernel if needed, executes every notebook headless,\n" +
  "  exports HTML, and checks in headless Chromium that every figure drew. Outputs go to out/ (git-ignored).\n" +
  "  --snapshot also refreshes notebooks/rendered/ (figure PNGs + tables) for readers on a code host.";

const NOTEBOOK_DIR = path.join(PROJECT_ROOT, "notebooks");
const OUT = path.join(PROJECT_ROOT, "out");

/** Error outputs of an executed notebook, as "cell N: message". */
function errorsIn(nbFile: string): string[] {
  const nb = JSON.parse(fs.readFileSync(nbFile, "utf8"));
  const errs: string[] = [];
  nb.cells.forEach((cell: any, k: number) => {
    for (const o of cell.outputs ?? []) {
      if (o.output_type === "error") errs.push(`cell ${k + 1}: ${o.ename}: ${o.evalue}`);
      // tslab reports compile errors and exceptions on stderr; the only expected stderr line is the TF.js backend log.
      const text = ([] as string[]).concat(o.text ?? []).join("");
      const unexpected = text.split("\n").filter((l) => l.trim() && !/^TensorFlow\.js backend:/.test(l));
      if (o.output_type === "stream" && o.name === "stderr" && unexpected.length) errs.push(`cell ${k + 1} (stderr): ${unexpected.join("\n").slice(0, 800)}`);
    }
  });
  return errs;
}

runCli(USAGE, async () => {
  const { flags } = parseArgs(process.argv.slice(2), ["only", "no-render-check", "snapshot", "help"], ["no-render-check", "snapshot", "help"]);
  if (flags.help) return void console.log(USAGE);
  let notebooks = fs.readdirSync(NOTEBOOK_DIR).filter((f) => f.endsWith(".ipynb")).sort();
  if (typeof flags.only === "string") {
    notebooks = notebooks.filter((f) => f.startsWith(flags.only as string));
    if (!notebooks.length) throw new UsageError(`no notebook matches --only ${flags.only}`);
  }

  console.log("== build: lib/ → dist/");
  run(process.execPath, [path.join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], "build");
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
    const r = spawnSync(
      py,
      ["-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=tslab", "--ExecutePreprocessor.timeout=1800", "--allow-errors", "--output-dir", path.dirname(executed), path.join(NOTEBOOK_DIR, nb)],
      { cwd: NOTEBOOK_DIR, env: jupyterEnv, encoding: "utf8", maxBuffer: 1 << 28 },
    );
    const errs = r.status === 0 ? errorsIn(executed) : [`nbconvert failed: ${(r.stderr || "").trim().split("\n").slice(-15).join("\n")}`];
    if (errs.length) {
      failures.push(`${nb}:\n  ${errs.join("\n  ")}`);
      console.log(`✗ ${nb} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      continue;
    }
    run(py, ["-m", "jupyter", "nbconvert", "--to", "html", "--output-dir", path.join(OUT, "html"), executed], `HTML export of ${nb}`);
    htmlFiles.push(selfContained(path.join(OUT, "html", `${name}.html`)));
    console.log(`✓ ${nb} executed in ${((Date.now() - started) / 1000).toFixed(0)} s → out/notebooks/${nb}, out/html/${name}.html`);
  }

  if (!flags["no-render-check"] && htmlFiles.length) {
    if (!findChromium()) {
      console.log("render check skipped: no Chromium (apt-get install chromium)");
    } else {
      const reports = await checkRendering(htmlFiles, flags.snapshot ? { screenshotDir: (f) => path.join(NOTEBOOK_DIR, "rendered", path.basename(f, ".html")) } : {});
      for (const rep of reports) {
        const ok = rep.figures > 0 && rep.drawn === rep.figures && rep.errors.length === 0;
        console.log(`${ok ? "✓" : "✗"} rendered ${path.basename(rep.file)}: ${rep.drawn}/${rep.figures} figures drew, ${rep.errors.length} script errors`);
        if (!ok) failures.push(`${path.basename(rep.file)}: ${rep.drawn}/${rep.figures} figures drew; ${rep.errors.join("; ")}`);
        if (flags.snapshot) writeSnapshotPage(rep);
      }
    }
  }
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

/** notebooks/rendered/NAME.md: the executed notebook's tables and figure screenshots, for readers on a code host. */
function writeSnapshotPage(rep: { file: string; screenshots: string[]; tables: string[] }): void {
  const name = path.basename(rep.file, ".html");
  const md = [
    `# ${name}: rendered outputs`,
    "",
    `Tables and figures from the last \`npm run notebooks -- --snapshot\` (the committed notebook has its outputs stripped). ` +
      `Open [the notebook](../${name}.ipynb) in Jupyter to run it.`,
    "",
    "## Tables",
    "",
    ...rep.tables.map((t) => `${t}\n`),
    "## Figures",
    "",
    ...rep.screenshots.map((s) => `![${path.basename(s)}](${name}/${path.basename(s)})\n`),
  ].join("\n");
  fs.writeFileSync(path.join(NOTEBOOK_DIR, "rendered", `${name}.md`), md);
}
