import type { DataQualityReport } from "../data/report";
import type { ExperimentResult } from "../experiment/run";
import { describePolicy } from "../metrics/threshold";
import { calibrationFigure, confusionFigure, cvCurveFigure, prCurveFigure, thresholdSweepFigure } from "../plots/figures";
import { figureHtml, plotlyScriptTag } from "../plots/html";
import { htmlTable } from "../plots/notebook";
import { summaryRows } from "./summary";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A self-contained report: plotly inlined, no network needed to view it. */
export function reportHtml(result: ExperimentResult, quality: DataQualityReport): string {
  const models = Object.values(result.models).map((m) => m!);
  const scored = (split: "test" | "oof") =>
    models.map((m) => ({ name: m.name, y: split === "test" ? result.test.y : result.train.y, scores: m.scores[split], threshold: m.threshold.threshold }));
  const learned = models.filter((m) => m.name === "logreg" || m.name === "mlp");
  const sections: string[] = [];
  sections.push(`<h2>Headline: test split (${result.data.testRows} messages, ${result.data.testPositives} labeled safety/security), 95% bootstrap intervals</h2>`);
  sections.push(htmlTable(summaryRows(result)));
  sections.push(
    `<p>Thresholds were chosen on out-of-fold training scores (${esc(describePolicy(result.config.policy))}); ` +
      `the test split was scored once, after every choice. Labels come from an LLM, so these numbers measure agreement with that labeler.</p>`,
  );
  sections.push(`<h2>Precision–recall (test)</h2>${figureHtml(prCurveFigure(scored("test"), "Precision–recall on the test split"))}`);
  for (const m of learned) {
    sections.push(`<h2>Threshold sweep: ${m.name} (out-of-fold, where the threshold was chosen)</h2>${figureHtml(thresholdSweepFigure({ name: m.name, y: result.train.y, scores: m.scores.oof, threshold: m.threshold.threshold }))}`);
  }
  sections.push(`<h2>Confusion matrices (test)</h2><div style="display:flex;flex-wrap:wrap">${models.map((m) => `<div style="width:440px">${figureHtml(confusionFigure(m.test.confusion, `${m.name} @ ${m.threshold.threshold.toFixed(3)}`))}</div>`).join("")}</div>`);
  sections.push(`<h2>Calibration (test)</h2>${figureHtml(calibrationFigure(scored("test").filter((s) => learned.some((m) => m.name === s.name))))}`);
  const cv = result.models.logreg?.selected.cv as Array<{ C: number; meanAveragePrecision: number; foldAveragePrecision: number[] }> | undefined;
  if (cv) sections.push(`<h2>Choosing C (cross-validation on train)</h2>${figureHtml(cvCurveFigure(cv.map((p) => ({ param: p.C, mean: p.meanAveragePrecision, folds: p.foldAveragePrecision })), "C"))}`);
  sections.push(`<h2>Data quality (${esc(quality.file)})</h2>`);
  sections.push(
    htmlTable([
      { check: "rows read", count: quality.rows },
      { check: "blank messages (excluded)", count: quality.blank },
      { check: "usable rows", count: quality.usable },
      { check: "labeled True / False", count: `${quality.positives} / ${quality.negatives}` },
      { check: "labels normalized (e.g. ' True', 'False.')", count: quality.labelsNormalized },
      { check: "rows with HTML entities decoded", count: quality.entitiesDecoded },
      { check: "repeat groups (kept on one side of every split)", count: `${quality.repeatGroups} (${quality.repeatRows} extra rows)` },
      { check: "repeat groups with conflicting labels", count: quality.conflictingGroups },
    ]),
  );
  return `<!doctype html><html><head><meta charset="utf-8"><title>Safety/security classifier report</title>
<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;font-size:14px}th{background:#f3f3f3}</style>
${plotlyScriptTag()}</head><body>
<h1>Is this recognition message about safety or security?</h1>
<p>Seed ${result.config.seed} · embeddings: ${esc(result.data.embedding)} · ${result.data.trainRows} training rows (${result.data.trainPositives} positive), ${result.data.testRows} test rows.</p>
${sections.join("\n")}
</body></html>`;
}
