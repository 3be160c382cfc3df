import type { DataQualityReport } from "../data/report";
import { ExperimentResult, findModelResult } from "../experiment/run";
import { describePolicy } from "../metrics/threshold";
import {
  cSearchFigure,
  oofSweepFigure,
  testCalibrationFigure,
  testConfusionFigure,
  testPrFigure,
  thresholdExplorerFor,
} from "./resultFigures";
import { figureHtml, plotlyScriptTag } from "../plots/html";
import { htmlTable } from "../plots/notebook";
import { qualityTable } from "../present/data";
import { intervalsCaption, summaryTable, transferTable } from "../present/summary";
import { FLAGGED_GAP_LIMIT, operatingPointTransfer, TRANSFER_MARGIN } from "../experiment/transfer";
import { escapeHtml as esc } from "../util/html";

/** A self-contained report: plotly inlined, no network needed to view it. */
export function reportHtml(result: ExperimentResult, quality: DataQualityReport): string {
  const models = result.models;
  const learned = models.filter((m) => m.name === "logreg" || m.name === "mlp");
  const sections: string[] = [];
  sections.push(
    `<h2>Headline: test split (${result.data.testRows} messages, ${result.data.testPositives} labeled safety/security), ${intervalsCaption(result)}</h2>`,
  );
  sections.push(htmlTable(summaryTable(result)));
  sections.push(
    `<p>Thresholds were chosen on out-of-fold training scores (${esc(describePolicy(result.config.policy))}); ` +
      `the test split was scored once, after every choice. Labels come from an LLM, so these numbers measure agreement with that labeler.</p>`,
  );
  const transfer = operatingPointTransfer(result);
  if (transfer.length) {
    sections.push(`<h2>Does the operating point transfer? Out-of-fold promise against the test split</h2>`);
    sections.push(htmlTable(transferTable(transfer)));
    sections.push(
      `<p>✓: the test number lies inside the out-of-fold 95% interval widened by ${TRANSFER_MARGIN}, or the share of messages ` +
        `flagged moved by at most ${100 * FLAGGED_GAP_LIMIT} points. Every fitted step (TF-IDF, selection, the model) was refitted inside each ` +
        `fold, so out-of-fold scores are as out-of-sample as the test split's.</p>`,
    );
  }
  for (const m of learned) {
    sections.push(
      `<h2>Threshold explorer: ${m.name}</h2><p>Drag the slider: precision, recall, the share of messages flagged and the ` +
        `confusion counts at each threshold, out-of-fold (where the threshold was chosen; dotted line) and on test.</p>` +
        figureHtml(thresholdExplorerFor(result, m.name)),
    );
  }
  sections.push(`<h2>Precision–recall (test)</h2>${figureHtml(testPrFigure(result))}`);
  for (const m of learned) {
    sections.push(
      `<h2>Threshold sweep: ${m.name} (out-of-fold, where the threshold was chosen)</h2>${figureHtml(oofSweepFigure(result, m.name))}`,
    );
  }
  sections.push(
    `<h2>Confusion matrices (test)</h2><div style="display:flex;flex-wrap:wrap">${models.map((m) => `<div style="width:440px">${figureHtml(testConfusionFigure(result, m.name))}</div>`).join("")}</div>`,
  );
  if (learned.length) sections.push(`<h2>Calibration (test)</h2>${figureHtml(testCalibrationFigure(result))}`);
  if (findModelResult(result, "logreg"))
    sections.push(`<h2>Choosing C (cross-validation on train)</h2>${figureHtml(cSearchFigure(result))}`);
  sections.push(`<h2>Data quality (${esc(quality.file)})</h2>`);
  sections.push(htmlTable(qualityTable(quality)));
  return `<!doctype html><html><head><meta charset="utf-8"><title>Safety/security classifier report</title>
<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;font-size:14px}th{background:#f3f3f3}</style>
${plotlyScriptTag()}</head><body>
<h1>Is this recognition message about safety or security?</h1>
<p>Seed ${result.config.seed} · encoder: ${esc(result.data.embedding)} · features: ${models.flatMap((m) => (m.name === "logreg" || m.name === "mlp" ? [`${m.name} ${esc(m.selected.features)}`] : [])).join(", ")} · ${result.data.trainRows} training rows (${result.data.trainPositives} positive), ${result.data.testRows} test rows.</p>
${sections.join("\n")}
</body></html>`;
}
