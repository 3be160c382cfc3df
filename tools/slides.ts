import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/paths";
import { NotebookJson, sameSources } from "./notebook/outputs";
import { DECK_ASSETS, deckHtml, deckSlides } from "./deck/slides";
import { intFlag, parseArgs, runCli, UsageError } from "../cli/cli";
import { checkSlides, findChromium } from "./render-check";

const USAGE =
  "usage: npm run slides -- [--out reports/slides] [--min-slides 10] [--no-check]\n" +
  "  Builds the interview deck (reveal.js) from the executed notebooks in out/notebooks/ (run `npm run notebooks`\n" +
  "  first): cells tagged `slide` become slides. Writes OUT/index.html with reveal.js and plotly copied next to it\n" +
  "  (opens offline), then steps through every slide in headless Chromium: each shows something, every figure draws,\n" +
  "  no script errors. Slide screenshots go to out/slides/.";

const NOTEBOOK_DIR = path.join(PROJECT_ROOT, "notebooks");
const EXECUTED_DIR = path.join(PROJECT_ROOT, "out", "notebooks");
const read = (file: string): NotebookJson => JSON.parse(fs.readFileSync(file, "utf8"));

/** The executed notebooks, refusing a missing or stale one (its cells differ from the committed notebook's). */
function executedNotebooks(): Array<{ name: string; notebook: NotebookJson }> {
  const names = fs
    .readdirSync(NOTEBOOK_DIR)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  return names.map((nb) => {
    const executed = path.join(EXECUTED_DIR, nb);
    if (!fs.existsSync(executed))
      throw new UsageError(`out/notebooks/${nb} is missing: run \`npm run notebooks\` first`);
    const notebook = read(executed);
    if (!sameSources(read(path.join(NOTEBOOK_DIR, nb)), notebook)) {
      throw new UsageError(
        `out/notebooks/${nb} was executed from an older version of notebooks/${nb}: run \`npm run notebooks\` again`,
      );
    }
    return { name: nb.replace(/\.ipynb$/, ""), notebook };
  });
}

function copyAssets(outDir: string): void {
  for (const [from, to] of DECK_ASSETS) {
    const target = path.join(outDir, to);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(path.join(PROJECT_ROOT, "node_modules", from), target, { recursive: true });
  }
}

runCli(USAGE, async () => {
  const { flags } = parseArgs(process.argv.slice(2), ["out", "min-slides", "no-check", "help"], ["no-check", "help"]);
  if (flags.help) return void console.log(USAGE);
  const outDir = path.resolve(PROJECT_ROOT, typeof flags.out === "string" ? flags.out : path.join("reports", "slides"));
  const minSlides = intFlag(flags, "min-slides", 10);

  const notebooks = executedNotebooks();
  const slides = deckSlides(notebooks);
  const perNotebook = notebooks
    .map((n) => `${n.name} ${slides.filter((s) => s.notebook === n.name).length}`)
    .join(", ");
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  copyAssets(outDir);
  const index = path.join(outDir, "index.html");
  fs.writeFileSync(index, deckHtml(slides, "Is this recognition message about safety or security?"));
  console.log(
    `wrote ${path.relative(PROJECT_ROOT, index)}: ${slides.length} slides (${perNotebook}), reveal.js and plotly copied next to it`,
  );

  const failures: string[] = [];
  if (slides.length < minSlides)
    failures.push(`${slides.length} slides, at least ${minSlides} expected: tag more cells \`slide\``);
  if (flags["no-check"]) {
    console.log("slide check skipped (--no-check)");
  } else if (!findChromium()) {
    failures.push(
      "no Chromium to check the deck in (apt-get install chromium, or set CHROMIUM_PATH; --no-check skips the check)",
    );
  } else {
    const rep = await checkSlides(index, path.join(PROJECT_ROOT, "out", "slides"));
    const ok = rep.slides === slides.length && !rep.empty.length && !rep.undrawn.length && !rep.errors.length;
    console.log(
      `${ok ? "✓" : "✗"} deck in Chromium: ${rep.slides} slides, ${rep.drawn}/${rep.figures} figures drew, ${rep.errors.length} script errors; screenshots in out/slides/`,
    );
    if (rep.slides !== slides.length)
      failures.push(`the browser shows ${rep.slides} slides, the deck has ${slides.length}`);
    if (rep.empty.length) failures.push(`empty slides: ${rep.empty.join(", ")}`);
    if (rep.undrawn.length) failures.push(`slides with a figure that did not draw: ${rep.undrawn.join(", ")}`);
    if (rep.errors.length) failures.push(...rep.errors);
    // Not a failure: the content is there, but the presenter has to scroll.
    if (rep.overflowing.length)
      console.log(`note: taller than the screen (scrolls): slides ${rep.overflowing.join(", ")}`);
  }
  if (failures.length) {
    process.stderr.write(`slide failures:\n  ${failures.join("\n  ")}\n`);
    process.exitCode = 1;
  }
});
