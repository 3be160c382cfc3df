// predict's progress and summary as text (stderr), from the numbers lib/scoring reports.
import type { ScoringProgress, ScoringSummary } from "../scoring/scoreCsv";
import type { UnscorableCounts, UnscorableKind } from "../scoring/input";
import { count, fixed, pct } from "./format";

/** "42s", "3m 05s", "2h 07m". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** Rows per second this session, or null before any row is done. */
export function sessionRate(p: ScoringProgress): number | null {
  const rows = p.rowsDone - p.startRows;
  return rows > 0 && p.elapsedSeconds > 0 ? rows / p.elapsedSeconds : null;
}

function rateAndLeft(p: ScoringProgress): string {
  const rate = sessionRate(p);
  if (rate === null) return "starting…";
  return `${fixed(rate, 1)} rows/s, about ${duration((p.totalRows - p.rowsDone) / rate)} left`;
}

/** A line for logs: "predict: 9,001 / 20,000 rows (45.0%), 52.3 rows/s, about 3m 30s left". */
export function progressLine(p: ScoringProgress): string {
  return `predict: ${count(p.rowsDone)} / ${count(p.totalRows)} rows (${pct(p.rowsDone / p.totalRows)}), ${rateAndLeft(p)}`;
}

/** A bar for a terminal (fits 80 columns): "[######..........] 45.0% 9,001/20,000 rows, 52.3 rows/s, 3m 30s left". */
export function progressBar(p: ScoringProgress, width = 16): string {
  const filled = Math.min(width, Math.round((width * p.rowsDone) / p.totalRows));
  const bar = `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
  const rate = sessionRate(p);
  const tail =
    rate === null ? "starting…" : `${fixed(rate, 1)} rows/s, ${duration((p.totalRows - p.rowsDone) / rate)} left`;
  return `${bar} ${pct(p.rowsDone / p.totalRows)} ${count(p.rowsDone)}/${count(p.totalRows)} rows, ${tail}`;
}

const KIND_TEXT: Record<UnscorableKind, string> = {
  blank: "blank message",
  fields: "wrong number of fields",
  encoding: "not valid UTF-8",
};

/** "3 blank message, 1 wrong number of fields", or "" when every row was scored. */
export function unscorableText(c: UnscorableCounts): string {
  return (Object.keys(KIND_TEXT) as UnscorableKind[])
    .filter((k) => c[k] > 0)
    .map((k) => `${count(c[k])} ${KIND_TEXT[k]}`)
    .join(", ");
}

/** The closing lines on stderr: rows in and out, what was not scored and why, the rate, peak memory. */
export function scoringSummaryText(s: ScoringSummary, peakRssMb: number): string {
  const notScored = s.rows - s.scored;
  const why = notScored ? ` (${unscorableText(s.unscorable)}: empty score and a reason in their rows)` : "";
  const resumed = s.resumedRows ? `; ${count(s.resumedRows)} were kept from the interrupted run` : "";
  const rate = s.sessionRows && s.seconds > 0 ? `${fixed(s.sessionRows / s.seconds, 1)} rows/s` : "no rows";
  return (
    `predict: ${count(s.rows)} rows in, ${count(s.rows)} rows out: ${count(s.scored)} scored, ` +
    `${count(notScored)} not scored${why}${resumed}.\n` +
    `predict: ${count(s.sessionRows)} rows in ${duration(s.seconds)} (${rate}); peak RSS ${Math.round(peakRssMb)} MB`
  );
}
