import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/paths";
import { NotebookJson, sameSources } from "./notebook/outputs";
import { buildDeck } from "./deck/slides";
import { DeckProblem, deckProblems, formatProblem, sortProblems } from "./deck/checks";
import { DECK_ASSETS, deckHtml } from "./deck/html";
import { browserFindings, checkDeckInBrowser } from "./deck/browser";
import { parseArgs, runCli, UsageError } from "../cli/cli";
import { findChromium } from "./render-check";

const USAGE =
  "usage: npm run slides -- [--from DIR] [--out reports/slides] [--no-check]\n" +
  "  Builds the interview deck (reveal.js) from the executed notebooks in out/notebooks/ (run `npm run notebooks`\n" +
  "  first) by the deck convention (README, Slides): cells tagged `slide` are the main slides (at most 12), cells\n" +
  "  tagged `notes` their speaker notes, cells tagged `appendix` the appendix. Writes OUT/index.html with reveal.js and\n" +
  "  plotly copied next to it (opens offline), checks the convention, then steps through every slide in headless\n" +
  "  Chromium (it shows something, its figures draw, it fits the screen, the speaker view opens; screenshots in\n" +
  "  out/slides/). Exits 1 listing each failing slide by notebook and cell.\n" +
  "  --from DIR builds from the executed notebooks in DIR instead (e.g. test/fixtures/deck/good), unchecked for staleness.";

const NOTEBOOK_DIR = path.join(PROJECT_ROOT, "notebooks");
const EXECUTED_DIR = path.join(PROJECT_ROOT, "out", "notebooks");
const TITLE = "Is this recognition message about safety or security?";

function read(file: string): NotebookJson {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as NotebookJson;
  } catch (e) {
    throw new UsageError(`${path.relative(PROJECT_ROOT, file)} is not a readable notebook: ${(e as Error).message}`);
  }
}

const notebookFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();

/** The executed notebooks, refusing a missing or stale one (its cells differ from the committed notebook's). */
function executedNotebooks(): Array<{ name: string; notebook: NotebookJson }> {
  return notebookFiles(NOTEBOOK_DIR).map((nb) => {
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

/** Every notebook in a folder, taken as executed (fixtures, or a copy made elsewhere). */
function notebooksIn(dir: string): Array<{ name: string; notebook: NotebookJson }> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`--from ${dir}: no such folder`);
  const files = notebookFiles(dir);
  if (!files.length) throw new UsageError(`--from ${dir}: no .ipynb files in it`);
  return files.map((f) => ({ name: f.replace(/\.ipynb$/, ""), notebook: read(path.join(dir, f)) }));
}

function copyAssets(outDir: string): void {
  for (const [from, to] of DECK_ASSETS) {
    const target = path.join(outDir, to);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(path.join(PROJECT_ROOT, "node_modules", from), target, { recursive: true });
  }
}

runCli(USAGE, async () => {
  const { flags } = parseArgs(process.argv.slice(2), ["from", "out", "no-check", "help"], ["no-check", "help"]);
  if (flags.help) return void console.log(USAGE);
  const outDir = path.resolve(PROJECT_ROOT, typeof flags.out === "string" ? flags.out : path.join("reports", "slides"));
  const notebooks =
    typeof flags.from === "string" ? notebooksIn(path.resolve(PROJECT_ROOT, flags.from)) : executedNotebooks();

  const deck = buildDeck(notebooks);
  const main = deck.slides.filter((s) => s.role === "main");
  const appendix = deck.slides.filter((s) => s.role === "appendix");
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  copyAssets(outDir);
  const index = path.join(outDir, "index.html");
  fs.writeFileSync(index, deckHtml(deck.slides, TITLE));
  const count = (slides: typeof main) =>
    notebooks.map((n) => `${n.name} ${slides.filter((s) => s.notebook === n.name).length}`).join(", ");
  console.log(
    `wrote ${path.relative(PROJECT_ROOT, index)}: ${main.length} main slides (${count(main)}), ` +
      `${appendix.length} appendix slides (${count(appendix)}); reveal.js and plotly copied next to it`,
  );
  main.forEach((s, k) =>
    console.log(`  ${String(k + 1).padStart(2)}. ${s.notebook} cell ${s.cell}: ${s.title ?? "(no title)"}`),
  );

  const failures: DeckProblem[] = deckProblems(deck);
  const expectedSlides = deck.slides.length + (appendix.length ? 1 : 0); // the appendix divider
  if (flags["no-check"]) {
    console.log("browser check skipped (--no-check)");
  } else if (!findChromium()) {
    failures.push({
      notebook: null,
      cell: null,
      message: "no Chromium to check the deck in (apt-get install chromium, or set CHROMIUM_PATH; --no-check skips it)",
    });
  } else {
    const report = await checkDeckInBrowser(index, { screenshotDir: path.join(PROJECT_ROOT, "out", "slides") });
    const found = browserFindings(report, expectedSlides);
    const figures = report.slides.reduce((n, s) => n + s.figures, 0);
    const drawn = report.slides.reduce((n, s) => n + s.drawn, 0);
    const sv = report.speakerView;
    console.log(
      `${found.failures.length ? "✗" : "✓"} deck in Chromium: ${report.slides.length} slides, ${drawn}/${figures} ` +
        `figures drew, ${report.errors.length} script errors, speaker view ` +
        `${!sv ? "not checked (no notes)" : sv.opened && sv.shown === sv.expected ? `shows slide ${sv.slide}'s notes` : "FAILED"}; ` +
        `screenshots in out/slides/`,
    );
    for (const note of found.notes) console.log(`note: ${note}`);
    failures.push(...found.failures);
  }
  if (failures.length) {
    const lines = sortProblems(
      failures,
      notebooks.map((n) => n.name),
    ).map(formatProblem);
    process.stderr.write(
      `deck convention: ${failures.length} problem${failures.length === 1 ? "" : "s"} (README, "Slides"):\n` +
        `  ${lines.join("\n  ")}\n`,
    );
    process.exitCode = 1;
  }
});
