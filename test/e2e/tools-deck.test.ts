// The interview deck (tools/deck/): the convention's slides, notes and appendix read from executed notebooks, the
// checks that fail the build, and the deck in Chromium. Fixtures: test/fixtures/deck/{good,bad}/ (make.ts writes
// them with the library's display helpers).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fixture, tempDir } from "../helpers";
import { htmlTable } from "../../lib/plots/notebook";
import type { NotebookJson } from "../../tools/notebook/outputs";
import { buildDeck, Deck } from "../../tools/deck/slides";
import { deckProblems, formatProblem, structureProblems } from "../../tools/deck/checks";
import { titleProblem } from "../../tools/deck/convention";
import { DECK_ASSETS, deckHtml, renderMarkdown, tableRowCounts } from "../../tools/deck/html";
import { browserFindings, checkDeckInBrowser } from "../../tools/deck/browser";
import { findChromium } from "../../tools/render-check";
import { speakerNotes } from "../../lib/notebook/display";

type Notebooks = Array<{ name: string; notebook: NotebookJson }>;
type Cell = NotebookJson["cells"][number];

function readFixture(which: "good" | "bad"): Notebooks {
  const dir = fixture("deck", which);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => ({
      name: f.replace(/\.ipynb$/, ""),
      notebook: JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as NotebookJson,
    }));
}

/** The good fixture with one change made to a copy of it. */
function goodWith(change: (nbs: Notebooks) => void): Notebooks {
  const nbs = JSON.parse(JSON.stringify(readFixture("good"))) as Notebooks;
  change(nbs);
  return nbs;
}
const cellOf = (nbs: Notebooks, name: string, cell: number): Cell => {
  const nb = nbs.find((n) => n.name === name);
  assert.ok(nb, name);
  return nb.notebook.cells[cell - 1];
};
const problems = (nbs: Notebooks, budget?: Record<string, number>) =>
  deckProblems(buildDeck(nbs), budget).map(formatProblem);
const markdownCell = (source: string, tags: string[]): Cell => ({ cell_type: "markdown", source, metadata: { tags } });
const NOTES =
  "**Speaker notes.** Twenty words of notes: what to say about this slide in a minute, and one question " +
  "to expect from the panel about it.";

describe("building the deck", () => {
  test("main slides in notebook order, then the appendix; a code cell's displays make one main slide", () => {
    const deck = buildDeck(readFixture("good"));
    assert.deepEqual(
      deck.slides.map((s) => `${s.role} ${s.notebook}:${s.cell} ${s.items.map((i) => i.kind).join("+")}`),
      [
        "main 01_story:1 markdown",
        "main 01_story:5 markdown+table",
        "main 01_story:8 markdown+figure",
        "main 02_closing:1 markdown+list",
        "appendix 01_story:7 markdown+table",
        "appendix 01_story:7 figure",
        "appendix 02_closing:3 markdown",
      ],
    );
    assert.deepEqual(
      deck.slides.map((s) => s.title),
      [
        "A model flags safety messages a keyword list misses, at 0.90 precision",
        "The logistic regression keeps 0.90 precision on 604 test messages",
        "Precision stays above 0.85 until recall passes 0.9",
        "What I would do with one more week",
        "Every threshold the sweep tried",
        null,
        "Appendix detail: the settings behind every number",
      ],
    );
    assert.equal(deck.slides[5].section, "1. The data", "an appendix slide without a title keeps its section");
  });

  test("speaker notes come from the notes cell below (markdown, or a code cell's markdown display), prefix dropped", () => {
    const deck = buildDeck(readFixture("good"));
    const notes = deck.slides.map((s) => s.notes && `${s.notes.cell} ${s.notes.text.split(":")[0]}`);
    assert.deepEqual(notes, [
      "2 The opening",
      "6 The headline table",
      "9 The precision figure",
      "2 The closing",
      null,
      null,
      null,
    ]);
    assert.ok(deck.slides.every((s) => !s.notes || (s.notes.prefixed && !s.notes.text.includes("Speaker notes"))));
  });

  test("notes a code cell shows with showSpeakerNotes are read as notes: the prefix added once, then dropped", () => {
    const text =
      "Twenty words of notes: what to say about this slide in about a minute, and the one question to expect.";
    assert.equal(speakerNotes(text), `**Speaker notes.** ${text}`);
    assert.equal(speakerNotes(speakerNotes(text)), speakerNotes(text));
    const shown = goodWith((nbs) => {
      const out = cellOf(nbs, "01_story", 6).outputs;
      assert.ok(out);
      out[0] = { output_type: "display_data", data: { "text/markdown": speakerNotes(text) } };
    });
    const deck = buildDeck(shown);
    assert.equal(deck.slides[1].notes?.text, text);
    assert.deepEqual(deckProblems(deck).map(formatProblem), []);
  });

  test("the good fixture passes every check; the committed-notebook part (tags only) too", () => {
    const deck = buildDeck(readFixture("good"));
    assert.deepEqual(deckProblems(deck).map(formatProblem), []);
    assert.deepEqual(structureProblems(deck), []);
  });
});

describe("checks that fail the build", () => {
  test("the bad fixture breaks every rule; each problem names its notebook and cell", () => {
    assert.deepEqual(problems(readFixture("bad")), [
      "deck: 13 main slides, at most 12 for a 15-minute talk (01_story 8, 02_closing 5): tag the rest `appendix`",
      "01_story: 8 main slides (cells 1, 3, 5, 7, 9, 13, 15, 17), its budget is 5",
      '01_story cell 1: title "Is this message about safety or security?" is a question; state the answer',
      "01_story cell 3: main slide has no speaker notes: tag the cell after it `notes`",
      '01_story cell 3: title "2. The data, and what the loader found" is a numbered section heading; state what the section found',
      '01_story cell 5: title "Results" has 1 word; a takeaway is a sentence of at least 5',
      "01_story cell 5: speaker notes (cell 6) do not start with **Speaker notes.**",
      "01_story cell 5: speaker notes (cell 6) have 3 words; about a minute of talk and the questions to expect need at least 20",
      "01_story cell 5: main slide has a table of 9 rows, at most 8: move it to the appendix",
      "01_story cell 7: no title: start the cell (a code cell: its first markdown display) with a #, ## or ### heading that states the takeaway",
      "01_story cell 7: speaker notes (cell 8) have 4 words; about a minute of talk and the questions to expect need at least 20",
      '01_story cell 9: title "Errors by source category and by language" is a section heading of the notebook (a topic); state what it found',
      "01_story cell 9: main slide shows 2 tables or figures, at most 1: one exhibit a slide",
      "01_story cell 12: speaker notes that follow no `slide` or `appendix` cell (notes go directly after their slide)",
      "01_story cell 13: tagged `slide` and `appendix`: one of them",
      "01_story cell 15: main slide shows nothing (a code cell: display a title and a table or figure)",
      "01_story cell 15: no title: start the cell (a code cell: its first markdown display) with a #, ## or ### heading that states the takeaway",
      "01_story cell 15: speaker notes (cell 16) are empty (a code cell: show them with showMarkdown)",
      "02_closing: 5 main slides (cells 1, 3, 5, 7, 9), its budget is 2",
      '02_closing cell 9: the last main slide is the closing slide, "What I would do with one more week": its title mentions "one more week" (it is "Finding number 5 holds on every fold we ran")',
    ]);
  });

  test("a main slide without notes fails; with them it passes", () => {
    const untagged = goodWith((nbs) => (cellOf(nbs, "01_story", 2).metadata = { tags: [] }));
    assert.deepEqual(problems(untagged), [
      "01_story cell 1: main slide has no speaker notes: tag the cell after it `notes`",
    ]);
  });

  test("notes need the prefix and 20 words (19 fail)", () => {
    const words = (n: number) => Array.from({ length: n }, (_, k) => `w${k}`).join(" ");
    const withNotes = (text: string) => goodWith((nbs) => (cellOf(nbs, "01_story", 2).source = text));
    assert.deepEqual(problems(withNotes(`**Speaker notes.** ${words(20)}`)), []);
    assert.deepEqual(problems(withNotes(`**Speaker notes.** ${words(19)}`)), [
      "01_story cell 1: speaker notes (cell 2) have 19 words; about a minute of talk and the questions to expect need at least 20",
    ]);
    assert.deepEqual(problems(withNotes(words(20))), [
      "01_story cell 1: speaker notes (cell 2) do not start with **Speaker notes.**",
    ]);
  });

  test("a table of 8 rows fits a main slide, 9 do not (a markdown table counts too)", () => {
    const rows = (n: number) => Array.from({ length: n }, (_, k) => ({ row: k }));
    const withTable = (n: number) =>
      goodWith((nbs) => {
        const out = cellOf(nbs, "01_story", 5).outputs;
        assert.ok(out);
        out[1] = { output_type: "display_data", data: { "text/html": htmlTable(rows(n)) } };
      });
    assert.deepEqual(problems(withTable(8)), []);
    assert.deepEqual(problems(withTable(9)), [
      "01_story cell 5: main slide has a table of 9 rows, at most 8: move it to the appendix",
    ]);
    const markdownTable = `\n\n| a |\n| --- |\n${"| x |\n".repeat(9)}`;
    const inMarkdown = goodWith((nbs) => {
      const cell = cellOf(nbs, "01_story", 1);
      cell.source = [cell.source].flat().join("") + markdownTable;
    });
    assert.deepEqual(problems(inMarkdown), [
      "01_story cell 1: main slide has a table of 9 rows, at most 8: move it to the appendix",
    ]);
  });

  test("a title of 4 words, or one that repeats a section heading, is not a takeaway", () => {
    const titled = (title: string) => goodWith((nbs) => (cellOf(nbs, "01_story", 1).source = `# ${title}\n\nText.`));
    assert.deepEqual(problems(titled("Five words make a title")), []);
    assert.deepEqual(problems(titled("Four words a title")), [
      '01_story cell 1: title "Four words a title" has 4 words; a takeaway is a sentence of at least 5',
    ]);
    const section = goodWith(
      (nbs) => (cellOf(nbs, "01_story", 3).source = "## 3. Precision stays above 0.85 until recall passes 0.9"),
    );
    assert.deepEqual(problems(section), [
      '01_story cell 8: title "Precision stays above 0.85 until recall passes 0.9" is a section heading of the notebook (a topic); state what it found',
    ]);
  });

  test("12 main slides pass, 13 fail; a notebook over its budget fails; the closing slide comes last", () => {
    const withExtra = (n: number) =>
      goodWith((nbs) => {
        const closing = nbs.find((nb) => nb.name === "02_closing");
        assert.ok(closing);
        const extra = Array.from({ length: n }, (_, k) => [
          markdownCell(`## Extra finding number ${k + 1} holds on every fold`, ["slide"]),
          markdownCell(NOTES, ["notes"]),
        ]);
        closing.notebook.cells.unshift(...extra.flat());
      });
    assert.deepEqual(problems(withExtra(8), {}), [], "4 + 8 = 12 main slides, no budget");
    assert.deepEqual(problems(withExtra(9), {}), [
      "deck: 13 main slides, at most 12 for a 15-minute talk (01_story 3, 02_closing 10): tag the rest `appendix`",
    ]);
    assert.deepEqual(problems(withExtra(1)), [], "02 at its budget of 2");
    assert.deepEqual(problems(withExtra(2)), ["02_closing: 3 main slides (cells 1, 3, 5), its budget is 2"]);
    const closingFirst = goodWith((nbs) => nbs.reverse());
    assert.deepEqual(problems(closingFirst), [
      '01_story cell 8: the last main slide is the closing slide, "What I would do with one more week": its title mentions "one more week" (it is "Precision stays above 0.85 until recall passes 0.9")',
    ]);
  });

  test("the title rule: statements pass, questions, numbered headings and short topics do not", () => {
    const none = new Set<string>();
    for (const ok of [
      "0.90 precision and 0.91 recall on 604 test messages",
      "Part of the gain comes from lexical features",
      "The logistic regression is **kept**: precision 0.90",
      "What I would do with one more week",
    ])
      assert.equal(titleProblem(ok, none), null, ok);
    assert.match(titleProblem("Does the threshold transfer to new data?", none) ?? "", /is a question/);
    assert.match(titleProblem("8b. A vectorizer fitted outside the folds", none) ?? "", /numbered section/);
    assert.match(titleProblem("Appendix A: every table we made", none) ?? "", /numbered section/);
    assert.match(titleProblem("Results", none) ?? "", /has 1 word/);
    assert.match(titleProblem("`Error` *analysis* — by theme", none) ?? "", /has 4 words/);
    assert.match(titleProblem(null, none) ?? "", /^no title/);
  });
});

describe("the deck page", () => {
  test("one section a slide, a divider before the appendix, notes as reveal.js asides, figures with their data", () => {
    const deck: Deck = buildDeck(readFixture("good"));
    const html = deckHtml(deck.slides, "T");
    const roles = [...html.matchAll(/<section [^>]*data-role="([a-z]+)"/g)].map((m) => m[1]);
    assert.deepEqual(roles, ["main", "main", "main", "main", "divider", "appendix", "appendix", "appendix"]);
    const asides = [...html.matchAll(/<aside class="notes">([\s\S]*?)<\/aside>/g)].map((m) => m[1]);
    assert.equal(asides.length, 4);
    assert.match(asides[1], /^<p>The headline table: say what the number means/);
    assert.doesNotMatch(html, /Speaker notes\./, "the prefix is for notebook readers, not the speaker view");
    assert.match(html, /<h2[^>]*>The logistic regression keeps 0\.90 precision on 604 test messages<\/h2>/);
    const figure = deck.slides[2].items[1];
    assert.ok(figure.kind === "figure");
    const spec = /<script type="application\/json" id="slide-figure-1-spec">(.*?)<\/script>/.exec(html);
    assert.ok(spec);
    assert.deepEqual(JSON.parse(spec[1]), figure.spec);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, "nothing loaded from the network");
    for (const [, to] of DECK_ASSETS.filter(([, to]) => !to.includes("/fonts/")))
      assert.ok(html.includes(`"${to}"`), `the page loads ${to}, copied next to it`);
  });

  test("tables are counted by body rows, from HTML or rendered markdown", () => {
    assert.deepEqual(tableRowCounts(renderMarkdown("| a | b |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |\n\ntext")), [2]);
    assert.deepEqual(tableRowCounts(htmlTable([{ a: 1 }, { a: 2 }, { a: 3 }]) + htmlTable([])), [3, 0]);
  });
});

describe("the deck in Chromium", { skip: findChromium() ? false : "no Chromium" }, () => {
  test("figures draw, notes reach the speaker view from file://, a main slide that must shrink below 80% fails", async () => {
    const long = `## This slide says far too much for one screen\n\n${Array.from(
      { length: 30 },
      (_, k) => `- point ${k + 1} of a list nobody can read from the back`,
    ).join("\n")}`;
    const nbs = goodWith((nbs) =>
      nbs[0].notebook.cells.push(
        markdownCell(long, ["slide"]),
        markdownCell(NOTES, ["notes"]),
        markdownCell(long, ["appendix"]),
      ),
    );
    const deck = buildDeck(nbs);
    const dir = tempDir("deck-");
    for (const [from, to] of DECK_ASSETS) {
      fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
      fs.cpSync(path.join(__dirname, "..", "..", "node_modules", from), path.join(dir, to), { recursive: true });
    }
    fs.writeFileSync(path.join(dir, "index.html"), deckHtml(deck.slides, "T"));
    const report = await checkDeckInBrowser(path.join(dir, "index.html"));
    const found = browserFindings(report, deck.slides.length + 1);
    assert.deepEqual(report.errors, []);
    assert.equal(
      report.slides.reduce((n, s) => n + s.drawn, 0),
      2,
      "both figures drew",
    );
    assert.ok(report.speakerView?.opened, "the speaker view opened");
    assert.equal(report.speakerView.shown, report.speakerView.expected);
    assert.match(report.speakerView.shown, /^The opening: say what/);
    assert.equal(found.failures.length, 1, found.failures.map(formatProblem).join("\n"));
    assert.match(
      formatProblem(found.failures[0]),
      /^01_story cell 10: main slide \d+ (fits only with its type shrunk to \d+% \(a main slide: at least 80%\)|does not fit)/,
    );
    assert.equal(found.notes.length, 1);
    assert.match(found.notes[0], /^01_story cell 12: appendix slide \d+ fits only with its type shrunk to \d+%/);
    const main = report.slides.filter((s) => s.role === "main" && s.cell !== 10);
    assert.ok(
      main.every((s) => s.scale === 1 && !s.overflow && s.notes),
      "the good slides fit as they are",
    );
  });
});
