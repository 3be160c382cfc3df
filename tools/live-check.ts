import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/paths";
import { parseArgs, runCli, UsageError } from "../cli/cli";
import { findChromium, launchChromium } from "./render-check";
import { ensureTslabKernel, jupyterEnv, jupyterPython } from "./jupyter";

/** The parts of the classic Jupyter Notebook page's `Jupyter` global this check drives (in the browser). */
interface JupyterWindow {
  Jupyter: {
    notebook: {
      kernel: { is_connected(): boolean; kill(): void };
      set_autosave_interval(ms: number): void;
      execute_all_cells(): void;
      get_cells(): Array<{ cell_type: string; input_prompt_number: number | string | null | undefined }>;
      set_dirty(dirty: boolean): void;
    };
  };
}

const USAGE =
  "usage: npm run notebooks:live -- [--only NAME]\n" +
  "  Starts a local Jupyter Notebook server, opens each notebook in headless Chromium as a person would, runs all\n" +
  "  cells in the browser, and checks that no cell failed and every figure drew. Screenshots go to out/live/.";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Jupyter did not answer at ${url} within ${timeoutMs / 1000} s`);
}

runCli(USAGE, async () => {
  const { flags } = parseArgs(process.argv.slice(2), ["only", "help"], ["help"]);
  if (flags.help) return void console.log(USAGE);
  let py: string;
  try {
    py = jupyterPython("notebook");
  } catch {
    throw new UsageError(
      "no Python with Jupyter Notebook found (apt-get install jupyter-notebook, or pip install notebook; JUPYTER_PYTHON picks the python)",
    );
  }
  ensureTslabKernel(py);
  // Fail before starting Jupyter, not after.
  if (!findChromium()) throw new UsageError("no Chromium found (apt-get install chromium)");
  let notebooks = fs
    .readdirSync(path.join(PROJECT_ROOT, "notebooks"))
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  if (typeof flags.only === "string") notebooks = notebooks.filter((f) => f.startsWith(flags.only as string));

  const port = await freePort();
  const token = randomBytes(12).toString("hex");
  const server = spawn(
    py,
    [
      "-m",
      "notebook",
      "--no-browser",
      "--allow-root",
      `--port=${port}`,
      "--ip=127.0.0.1",
      `--NotebookApp.token=${token}`,
      `--notebook-dir=${PROJECT_ROOT}`,
    ],
    { env: jupyterEnv, stdio: "ignore" },
  );
  const outDir = path.join(PROJECT_ROOT, "out", "live");
  fs.mkdirSync(outDir, { recursive: true });
  const failures: string[] = [];
  const browser = await launchChromium();
  try {
    await waitForServer(`http://127.0.0.1:${port}/api?token=${token}`, 60_000);
    for (const nb of notebooks) {
      const started = Date.now();
      const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
      const pageErrors: string[] = [];
      page.on("pageerror", (e) => pageErrors.push(e.message));
      await page.goto(`http://127.0.0.1:${port}/notebooks/notebooks/${nb}?token=${token}`);
      // What a newcomer does: wait for the kernel, then Cell → Run All.
      await page.waitForFunction(
        () => (globalThis as unknown as JupyterWindow).Jupyter?.notebook?.kernel?.is_connected(),
        null,
        {
          timeout: 120_000,
        },
      );
      // No autosave: a long Run All (notebook 02) would otherwise write outputs into the committed notebook.
      await page.evaluate(() => (globalThis as unknown as JupyterWindow).Jupyter.notebook.set_autosave_interval(0));
      await page.evaluate(() => (globalThis as unknown as JupyterWindow).Jupyter.notebook.execute_all_cells());
      await page.waitForFunction(
        () =>
          (globalThis as unknown as JupyterWindow).Jupyter.notebook
            .get_cells()
            .every((c) => c.cell_type !== "code" || (c.input_prompt_number !== "*" && c.input_prompt_number != null)),
        null,
        // As long as nbconvert's limit (tools/notebooks.ts): the pitfalls notebook refits LSA-384 over two seeds (~9 min).
        { timeout: 1_800_000, polling: 1000 },
      );
      await page.waitForTimeout(2000);
      const errors = await page.$$eval(".output_error, .output_stderr", (els) =>
        els.map((e) => (e.textContent ?? "").trim()).filter((t) => t && !t.startsWith("TensorFlow.js backend:")),
      );
      const figures = await page.$$eval(".plotly-figure", (els) =>
        els.map((e) => e.querySelectorAll("svg.main-svg path, svg.main-svg rect, svg.main-svg text").length),
      );
      const drawn = figures.filter((n) => n > 5).length;
      await page.screenshot({ path: path.join(outDir, `${nb.replace(/\.ipynb$/, "")}.png`), fullPage: false });
      // Leave the committed notebook untouched: close without saving, and stop its kernel.
      await page.evaluate(() => {
        const nbk = (globalThis as unknown as JupyterWindow).Jupyter.notebook;
        nbk.set_dirty(false);
        nbk.kernel.kill();
      });
      await page.close();
      const ok = errors.length === 0 && pageErrors.length === 0 && figures.length > 0 && drawn === figures.length;
      console.log(
        `${ok ? "✓" : "✗"} live ${nb}: ran all cells in the browser in ${((Date.now() - started) / 1000).toFixed(0)} s, ${drawn}/${figures.length} figures drew, ${errors.length} error outputs, ${pageErrors.length} page errors`,
      );
      if (!ok)
        failures.push(
          `${nb}: ${[...errors, ...pageErrors].join(" | ").slice(0, 1500) || `${drawn}/${figures.length} figures drew`}`,
        );
    }
  } finally {
    await browser.close();
    server.kill();
  }
  if (failures.length) {
    process.stderr.write(`live notebook failures:\n${failures.join("\n")}\n`);
    process.exitCode = 1;
  }
});
