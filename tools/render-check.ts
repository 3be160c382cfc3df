import * as fs from "node:fs";
import * as path from "node:path";

export interface RenderReport {
  file: string;
  figures: number;
  drawn: number;
  errors: string[];
  /** Screenshot files written, and figures asked for that were not on the page. */
  screenshots: string[];
  missing: string[];
}

/** Which figures to screenshot on a page (by the id of their plotly div) and where to write each PNG. */
export type ScreenshotPlan = (file: string) => Array<{ id: string; path: string }>;

const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
].filter(Boolean) as string[];

export function findChromium(): string | null {
  return CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/** The system Chromium, headless, driven by playwright-core (which downloads no browser of its own). */
export async function launchChromium() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)");
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  return chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Open each exported HTML file in headless Chromium, as a person would, and
 * check that every plotly figure drew (an SVG with content) with no script
 * errors. Optionally screenshot figures, by id.
 */
export async function checkRendering(
  files: string[],
  options: { screenshots?: ScreenshotPlan } = {},
): Promise<RenderReport[]> {
  const browser = await launchChromium();
  const reports: RenderReport[] = [];
  try {
    for (const file of files) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`console error: ${m.text()}`);
      });
      await page.goto(`file://${path.resolve(file)}`, { waitUntil: "load" });
      await page.waitForTimeout(1500);
      const figures = await page.$$(".plotly-figure");
      let drawn = 0;
      for (const f of figures) {
        const marks = await f.evaluate(
          (el) => el.querySelectorAll("svg.main-svg path, svg.main-svg rect, svg.main-svg text").length,
        );
        if (marks > 5) drawn++;
      }
      const screenshots: string[] = [];
      const missing: string[] = [];
      for (const shot of options.screenshots?.(file) ?? []) {
        const f = await page.$(`[id="${shot.id}"]`);
        if (!f) {
          missing.push(shot.id);
          continue;
        }
        fs.mkdirSync(path.dirname(shot.path), { recursive: true });
        await f.scrollIntoViewIfNeeded();
        await f.screenshot({ path: shot.path });
        screenshots.push(shot.path);
      }
      reports.push({ file, figures: figures.length, drawn, errors, screenshots, missing });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return reports;
}
