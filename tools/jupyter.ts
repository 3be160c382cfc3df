import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/paths";

/** node_modules/.bin first on PATH: the tslab kernel spec runs the bare command `tslab`. */
export const jupyterEnv = {
  ...process.env,
  PATH: `${path.join(PROJECT_ROOT, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
};

/** Run a command from the project root; its output, or an error saying what failed and why. */
export function run(cmd: string, args: string[], what: string): string {
  const r = spawnSync(cmd, args, { cwd: PROJECT_ROOT, env: jupyterEnv, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0)
    throw new Error(
      `${what} failed (${cmd} ${args.join(" ")}):\n${(r.stderr || r.stdout || String(r.error)).trim().slice(-4000)}`,
    );
  return r.stdout;
}

/** Debian's own python3 has Jupyter here; a pyenv python3 first on PATH may not. JUPYTER_PYTHON overrides. */
export function jupyterPython(modules = "nbconvert, jupyter_client"): string {
  const candidates = [process.env.JUPYTER_PYTHON, "/usr/bin/python3", "python3"].filter(Boolean) as string[];
  for (const py of candidates) {
    if (spawnSync(py, ["-c", `import ${modules}`]).status === 0) return py;
  }
  throw new Error(
    "no Python with Jupyter found. Install it: `apt-get install jupyter-nbconvert jupyter-client python3-ipython` (Debian) " +
      "or `pip install notebook nbconvert`; or point JUPYTER_PYTHON at a python that has them.",
  );
}

export function ensureTslabKernel(py: string): void {
  const specs = JSON.parse(run(py, ["-m", "jupyter", "kernelspec", "list", "--json"], "listing Jupyter kernels"));
  if (specs.kernelspecs?.tslab) return;
  console.log("registering the tslab kernel with Jupyter");
  run(path.join(PROJECT_ROOT, "node_modules", ".bin", "tslab"), ["install", `--python=${py}`], "tslab install");
}
