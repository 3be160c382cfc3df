// The data-quality report (lib/data counts it) as sentences for a terminal and as table rows.
import type { DataQualityReport } from "../data/report";
import { pct, trueFalse } from "./format";

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, " ");

/** The report as plain sentences for a terminal. */
export function formatQualityReport(r: DataQualityReport): string {
  const odd = Object.entries(r.labelForms)
    .filter(([form]) => form !== "True" && form !== "False")
    .map(([form, n]) => `${JSON.stringify(form)}×${n}`)
    .join(", ");
  const lines = [
    `Data check: ${r.file}`,
    `  rows read                ${r.rows}`,
    `  blank messages           ${r.blank}  (excluded from modelling${r.blank ? `: ${r.blankIds.join(", ")}` : ""})`,
    `  usable rows              ${r.usable}`,
    `  labeled True / False     ${r.positives} / ${r.negatives}  (positive rate ${pct(r.positiveRate)})`,
    `  labels normalized        ${r.labelsNormalized}${odd ? `  (${odd} read as True/False)` : ""}`,
    `  HTML entities decoded    ${r.entitiesDecoded} rows`,
    `  repeat groups            ${r.repeatGroups}  (${r.repeatRows} rows repeat an earlier message; largest group ${r.largestRepeatGroup})`,
    `  groups with conflicting labels  ${r.conflictingGroups}`,
  ];
  for (const g of r.conflicts) {
    lines.push(`    - ${g.ids.map((id, k) => `${id}=${trueFalse(g.labels[k])}`).join(", ")}: "${clip(g.example, 70)}"`);
  }
  lines.push(
    "  Repeats are kept (the same message really was sent to several people) but always land on the same side",
    "  of every split, so no message is both trained on and tested on. Conflicting labels are kept as the",
    "  labeling model gave them: they are label noise the evaluation should see, not hide.",
  );
  return lines.join("\n");
}

/** The report as rows of {check, count}, for tables in notebooks and report.html. */
export function qualityTable(r: DataQualityReport): Array<{ check: string; count: string | number }> {
  return [
    { check: "rows read", count: r.rows },
    { check: "blank messages (excluded from modelling)", count: r.blank },
    { check: "usable rows", count: r.usable },
    { check: "labeled True / False", count: `${r.positives} / ${r.negatives}` },
    { check: "positive rate", count: pct(r.positiveRate) },
    { check: "labels normalized (e.g. ' True', 'False.')", count: r.labelsNormalized },
    { check: "rows with HTML entities decoded", count: r.entitiesDecoded },
    {
      check: "repeat groups (kept on one side of every split)",
      count: `${r.repeatGroups} (${r.repeatRows} extra rows)`,
    },
    { check: "repeat groups with conflicting labels", count: r.conflictingGroups },
  ];
}
