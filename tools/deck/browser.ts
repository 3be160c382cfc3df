import * as fs from "node:fs";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { launchChromium } from "../render-check";
import type { DeckProblem } from "./checks";
import { MIN_MAIN_SCALE } from "./convention";

/**
 * The deck in headless Chromium, stepped through as a presenter would: each slide shows something, its figures
 * draw, it fits the screen (the scale its type shrank to, see html.ts), reveal.js sees its speaker notes, and the
 * speaker view (key S) opens from file:// and shows them. No script may fail and nothing may load from elsewhere.
 */

export interface SlideCheck {
  /** 1-based position in the deck. */
  index: number;
  role: "main" | "appendix" | "divider";
  notebook: string | null;
  cell: number | null;
  /** Characters of visible text (the source line excluded) plus images and drawings: 0 is an empty slide. */
  content: number;
  figures: number;
  drawn: number;
  /** The type's scale after fitting (1: no shrink). */
  scale: number;
  /** Still taller or wider than the screen after shrinking as far as allowed. */
  overflow: boolean;
  /** The speaker notes reveal.js finds on the slide (its getSlideNotes), and whether the build put notes there. */
  notes: string;
  hasNotes: boolean;
  screenshot: string | null;
}

export interface SpeakerViewCheck {
  slide: number;
  opened: boolean;
  /** The notes text the speaker window shows for that slide. */
  shown: string;
  expected: string;
}

export interface DeckReport {
  file: string;
  slides: SlideCheck[];
  errors: string[];
  speakerView: SpeakerViewCheck | null;
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

// What the checks call in the page. These callbacks run in the browser (serialized, no closure), so each reads the
// page's globals through these types; the project compiles without the DOM's types.
interface BrowserElement {
  innerText: string;
  textContent: string | null;
  innerHTML: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): Iterable<BrowserElement> & ArrayLike<BrowserElement>;
}
interface BrowserGlobals {
  Reveal: {
    isReady(): boolean;
    getTotalSlides(): number;
    slide(h: number, v: number): void;
    getCurrentSlide(): BrowserElement;
    getSlideNotes(): string | undefined;
    configure(options: { transition: string }): void;
  };
  document: { createElement(tag: string): BrowserElement };
}

async function slideState(page: Page) {
  return page.evaluate(() => {
    const page = globalThis as unknown as BrowserGlobals;
    const reveal = page.Reveal;
    const slide = reveal.getCurrentSlide();
    const figures = [...slide.querySelectorAll(".slide-figure")];
    const drawn = figures.filter(
      (f) => f.querySelectorAll("svg.main-svg path, svg.main-svg rect, svg.main-svg text").length > 5,
    ).length;
    const text = (slide.innerText || "").replace(/\s+/g, " ").trim();
    const source = slide.querySelector(".slide-source")?.textContent?.length ?? 0;
    const cell = slide.getAttribute("data-cell");
    const notesHtml = reveal.getSlideNotes() ?? "";
    const notes = page.document.createElement("div");
    notes.innerHTML = notesHtml;
    return {
      role: (slide.getAttribute("data-role") ?? "main") as SlideCheck["role"],
      notebook: slide.getAttribute("data-notebook"),
      cell: cell === null ? null : Number(cell),
      content: text.length - source + slide.querySelectorAll("img, svg").length,
      figures: figures.length,
      drawn,
      scale: Number(slide.getAttribute("data-scale") ?? "NaN"),
      overflow: slide.getAttribute("data-overflow") !== "0",
      notes: (notes.textContent ?? "").replace(/\s+/g, " ").trim(),
      hasNotes: slide.getAttribute("data-has-notes") === "1",
    };
  });
}

/** Press S on the given slide and read the notes the speaker window shows. */
async function checkSpeakerView(page: Page, index: number, expected: string): Promise<SpeakerViewCheck> {
  await page.evaluate((i) => (globalThis as unknown as BrowserGlobals).Reveal.slide(i, 0), index - 1);
  const popup = page.waitForEvent("popup", { timeout: 15_000 }).catch(() => null);
  await page.keyboard.press("s");
  const speaker = await popup;
  if (!speaker) return { slide: index, opened: false, shown: "", expected };
  const value = speaker.locator(".speaker-controls-notes .value");
  await value
    .filter({ hasText: /\S/ })
    .waitFor({ timeout: 20_000 })
    .catch(() => undefined);
  const shown = squash((await value.textContent().catch(() => "")) ?? "");
  await speaker.close();
  return { slide: index, opened: true, shown, expected };
}

/** Step through the deck at `file`; screenshots (one PNG a slide, named by role, notebook and cell) if asked. */
export async function checkDeckInBrowser(file: string, options: { screenshotDir?: string } = {}): Promise<DeckReport> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console error: ${m.text()}`);
    });
    page.on("requestfailed", (r) => errors.push(`failed to load ${r.url()}`));
    page.on("request", (r) => {
      if (!r.url().startsWith("file://") && !r.url().startsWith("data:") && r.url() !== "about:blank")
        errors.push(`loads from the network: ${r.url()}`);
    });
    // Parsing plotly (4.8 MB) takes seconds, and on a shared machine half a minute or more: allow two.
    await page.goto(`file://${path.resolve(file)}`, { waitUntil: "load", timeout: 120_000 });
    await page.waitForFunction(() => (globalThis as unknown as Partial<BrowserGlobals>).Reveal?.isReady?.(), null, {
      timeout: 120_000,
    });
    // No transition: a screenshot taken mid-fade would show two slides.
    await page.evaluate(() => (globalThis as unknown as BrowserGlobals).Reveal.configure({ transition: "none" }));
    const total: number = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).Reveal.getTotalSlides());
    const dir = options.screenshotDir;
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
    }
    const slides: SlideCheck[] = [];
    for (let k = 0; k < total; k++) {
      await page.evaluate((i) => (globalThis as unknown as BrowserGlobals).Reveal.slide(i, 0), k);
      // Laid out once shown (html.ts marks it with data-scale); a moment more for plotly's drawing to settle.
      await page
        .waitForFunction(
          () => (globalThis as unknown as BrowserGlobals).Reveal.getCurrentSlide().getAttribute("data-scale") !== null,
          null,
          { timeout: 15_000 },
        )
        .catch(() => undefined);
      await page.waitForTimeout(150);
      const s = await slideState(page);
      const name = [String(k + 1).padStart(2, "0"), s.role, s.notebook, s.cell === null ? null : `cell${s.cell}`]
        .filter(Boolean)
        .join("-");
      const screenshot = dir ? path.join(dir, `${name}.png`) : null;
      if (screenshot) await page.screenshot({ path: screenshot });
      slides.push({ index: k + 1, ...s, screenshot });
    }
    const withNotes = slides.find((s) => s.notes);
    const speakerView = withNotes ? await checkSpeakerView(page, withNotes.index, withNotes.notes) : null;
    return { file, slides, errors, speakerView };
  } finally {
    await browser.close();
  }
}

const where = (s: SlideCheck) => ({ notebook: s.notebook, cell: s.cell });
const percent = (x: number) => `${Math.round(100 * x)}%`;

/**
 * What the browser check found: failures (they fail the build) and notes (reported: appendix slides that had to
 * shrink their type below MIN_MAIN_SCALE to fit).
 */
export function browserFindings(
  report: DeckReport,
  expectedSlides: number,
): { failures: DeckProblem[]; notes: string[] } {
  const failures: DeckProblem[] = [];
  const notes: string[] = [];
  const deck = (message: string) => failures.push({ notebook: null, cell: null, message });
  if (report.slides.length !== expectedSlides)
    deck(`the browser shows ${report.slides.length} slides, the deck has ${expectedSlides}`);
  for (const s of report.slides) {
    const at = (message: string) =>
      s.notebook === null ? deck(`slide ${s.index}: ${message}`) : failures.push({ ...where(s), message });
    const label = `${s.role} slide ${s.index}`;
    if (s.content <= 0) at(`${label} shows nothing`);
    if (s.drawn < s.figures) at(`${label}: ${s.figures - s.drawn} of ${s.figures} figures did not draw`);
    if (s.overflow) at(`${label} does not fit the screen even with its type at ${percent(s.scale)}`);
    else if (s.scale < MIN_MAIN_SCALE - 1e-9) {
      const shrink = `${label} fits only with its type shrunk to ${percent(s.scale)}`;
      if (s.role === "main")
        at(`${shrink} (a main slide: at least ${percent(MIN_MAIN_SCALE)}); move detail to the appendix`);
      else notes.push(`${s.notebook} cell ${s.cell}: ${shrink}`);
    }
    // A slide built without notes is reported by the static checks; here: notes the build wrote that reveal.js lost.
    if (s.hasNotes && !s.notes) at(`${label}: reveal.js finds no speaker notes on it`);
  }
  const sv = report.speakerView;
  if (sv && !sv.opened) deck(`the speaker view (key S) did not open on slide ${sv.slide}`);
  else if (sv && sv.shown !== sv.expected)
    deck(
      `the speaker view on slide ${sv.slide} shows ${JSON.stringify(sv.shown.slice(0, 80))}, ` +
        `not the slide's notes ${JSON.stringify(sv.expected.slice(0, 80))}`,
    );
  for (const e of report.errors) deck(e);
  return { failures, notes };
}
