import { spawn, spawnSync } from "node:child_process";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/paths";
import { runCli } from "../cli/cli";
import { ensureTslabKernel, jupyterEnv, jupyterPython, run } from "./jupyter";

const USAGE =
  "usage: npm run jupyter   (builds lib/, registers the tslab kernel if needed, opens Jupyter on notebooks/)";

runCli(USAGE, async () => {
  run(
    process.execPath,
    [path.join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    "build",
  );
  const py = jupyterPython("notebook");
  ensureTslabKernel(py);
  // JupyterLab where it is installed (pip), the classic Notebook otherwise (Debian ships only that).
  const app = spawnSync(py, ["-c", "import jupyterlab"]).status === 0 ? "lab" : "notebook";
  console.log(
    `starting Jupyter ${app === "lab" ? "Lab" : "Notebook"} on notebooks/ (the TypeScript kernel is "tslab")`,
  );
  const child = spawn(
    py,
    ["-m", "jupyter", app, "--notebook-dir", path.join(PROJECT_ROOT, "notebooks"), ...process.argv.slice(2)],
    { env: jupyterEnv, stdio: "inherit" },
  );
  await new Promise<void>((resolve) => child.on("exit", (code) => ((process.exitCode = code ?? 0), resolve())));
});
