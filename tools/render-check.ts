import * as fs from "node:fs";
import * as path from "node:path";

export interface RenderReport {
  file: string;
  figures: number;
  drawn: number;
  errors: string[];
  screenshots: string[];
  tables: string[];
}

const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter(Boolean) as string[];

export function findChromium(): string | null {
  return CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/**
 * Open each exported HTML file in headless Chromium, as a person would, and
 * check that every plotly figure drew (an SVG with content) with no script
 * errors. Optionally screenshot each figure and collect the HTML tables.
 */
export async function checkRendering(files: string[], options: { screenshotDir?: (file: string) => string } = {}): Promise<RenderReport[]> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)");
  // playwright-core drives the system Chromium; it downloads no browser of its own.
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
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
        const marks = await f.evaluate((el) => el.querySelectorAll("svg.main-svg path, svg.main-svg rect, svg.main-svg text").length);
        if (marks > 5) drawn++;
      }
      const screenshots: string[] = [];
      if (options.screenshotDir) {
        const dir = options.screenshotDir(file);
        fs.mkdirSync(dir, { recursive: true });
        for (const [k, f] of figures.entries()) {
          const out = path.join(dir, `figure-${String(k + 1).padStart(2, "0")}.png`);
          await f.scrollIntoViewIfNeeded();
          await f.screenshot({ path: out });
          screenshots.push(out);
        }
      }
      const tables = await page.$$eval("table.dataframe", (ts) => ts.map((t) => t.outerHTML));
      reports.push({ file, figures: figures.length, drawn, errors, screenshots, tables });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return reports;
}
