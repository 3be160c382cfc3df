// Calibration per score bin (notebook 01): a table and the sentence that reads it.
import type { CalibrationCheck, CalibrationVerdict } from "../analysis/calibration";
import { count, fixed, pct } from "./format";

type Row = Record<string, string | number>;
const f3 = (x: number) => fixed(x, 3);

/** Adjacent bins with one verdict, merged: "0.0–0.6 (6 bins, 527 messages)". */
function verdictRuns(
  c: CalibrationCheck,
): Array<{ verdict: CalibrationVerdict; lower: number; upper: number; bins: number; n: number }> {
  const runs: Array<{ verdict: CalibrationVerdict; lower: number; upper: number; bins: number; n: number }> = [];
  for (const b of c.bins) {
    const last = runs[runs.length - 1];
    if (last && last.verdict === b.verdict && Math.abs(last.upper - b.lower) < 1e-9) {
      last.upper = b.upper;
      last.bins++;
      last.n += b.n;
    } else runs.push({ verdict: b.verdict, lower: b.lower, upper: b.upper, bins: 1, n: b.n });
  }
  return runs;
}

const VERDICT_TEXT: Record<CalibrationVerdict, string> = {
  "scores overstate": "the share labeled True lies below the mean score (the scores overstate)",
  "scores understate": "the share labeled True lies above the mean score (the scores understate)",
  consistent: "the mean score lies inside the 95% interval of the share labeled True",
};

/** What the reliability diagram shows, in words that follow its bins' intervals. */
export function calibrationText(c: CalibrationCheck, model: string, split: string): string {
  const runs = verdictRuns(c).map(
    (r) =>
      `scores ${fixed(r.lower, 1)}–${fixed(r.upper, 1)} (${r.bins} bin${r.bins > 1 ? "s" : ""}, ` +
      `${count(r.n)} messages): ${VERDICT_TEXT[r.verdict]}`,
  );
  const has = (v: CalibrationVerdict) => c.bins.some((b) => b.verdict === v);
  const oneWay = has("scores overstate") && !has("scores understate");
  return (
    `${model} on the ${split} (${count(c.rows)} messages, ${c.bins.length} bins): ${runs.join("; ")}. ` +
    (oneWay ? `No bin's scores understate: where they miss, they miss upwards. ` : "") +
    `Over all messages the mean score is ${f3(c.meanScore)} where ${pct(c.positiveRate)} are labeled True: ` +
    `balanced class weights raise the scores of the rare class.`
  );
}

/** The reliability diagram's bins: score range, messages, mean score, labeled share with its interval, verdict. */
export function calibrationTable(c: CalibrationCheck): Row[] {
  return c.bins.map((b) => ({
    "score bin": `${fixed(b.lower, 1)}–${fixed(b.upper, 1)}`,
    messages: b.n,
    "mean score": f3(b.meanScore),
    "labeled True [95% Wilson]": `${pct(b.labeledTrue.estimate)} [${pct(b.labeledTrue.low)}, ${pct(b.labeledTrue.high)}]`,
    reading: b.verdict,
  }));
}
