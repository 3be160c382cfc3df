// Notebook 01's error-analysis rows as tables: readable headings, counts as "k of n" where a share is read.
import type { ErrorExample, ErrorLabelAgreement, OutcomeKind } from "../analysis/errorExamples";
import type { CategoryErrors, TokenContrast } from "../analysis/errors";
import { countShare, speakerNotes, trueFalse, rounded } from "./format";
import { ERROR_PATTERNS, ErrorPatterns } from "../analysis/errorThemes";
import type { Interval } from "../metrics/interval";

type Row = Record<string, string | number>;

/** Errors by source category: false positives and negatives, and how many of each another labeling backs the model on. */
export function errorCategoryTable(rows: readonly CategoryErrors[]): Row[] {
  return rows.map((r) => ({
    category: r.category,
    messages: r.messages,
    "labeled True": r.labeledTrue,
    "false positives": r.falsePositives,
    "FP another labeling backs the model on": r.falsePositivesDisputed,
    "false negatives": r.falseNegatives,
    "FN another labeling backs the model on": r.falseNegativesDisputed,
  }));
}

/** Words over-represented in one group of messages against a reference group, with counts in each. */
export function tokenContrastTable(rows: readonly TokenContrast[], group: string, reference: string): Row[] {
  return rows.map((r) => ({
    word: r.token,
    [`in ${group}`]: `${r.inGroup} of ${r.groupSize}`,
    [`in ${reference}`]: `${r.inReference} of ${r.referenceSize}`,
    "log ratio": rounded(r.logRatio, 2),
    ...(r.inPositives !== undefined ? { "in labeled True": `${r.inPositives} of ${r.positivesSize}` } : {}),
  }));
}

/** Misclassified messages with their scores and the relabels' answers. */
export function errorExampleTable(rows: readonly ErrorExample[]): Row[] {
  return rows.map((r) => ({
    id: r.id,
    score: rounded(r.score, 3),
    message: r.message,
    ...(r.relabel
      ? {
          "rerun label": trueFalse(r.relabel.rerun),
          "refined-prompt label": trueFalse(r.relabel.refined),
          category: r.relabel.category,
        }
      : {}),
  }));
}

const OUTCOME_ROWS: Record<OutcomeKind, string> = {
  "false positives": "false positives (label False, model flags)",
  "false negatives": "false negatives (label True, model misses)",
  "correctly classified": "correctly classified",
};

/** How often the relabels dispute the labels of errors, against correctly classified rows. */
export function errorAgreementTable(rows: readonly ErrorLabelAgreement[]): Row[] {
  return rows.map((r) => ({
    "test rows": OUTCOME_ROWS[r.outcome],
    count: r.count,
    "rerun disagrees with the label": countShare(r.rerunDisagrees, r.count),
    "refined prompt disagrees with the label": countShare(r.refinedDisagrees, r.count),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Error patterns (analysis/errorThemes.ts)

const pctRound = (x: number) => `${Math.round(100 * x)}%`;
const kOfShare = (e: Interval & { k: number }) =>
  `${e.k} (${pctRound(e.estimate)} [${pctRound(e.low)}, ${pctRound(e.high)}])`;

/** One row per pattern: its false alarms and misses (count, share of that kind of error, Wilson interval). */
export function errorPatternTable(kinds: readonly ErrorPatterns[]): Row[] {
  const names = ERROR_PATTERNS.map((p) => p.name).filter((n) =>
    kinds.some((k) => k.patterns.some((p) => p.pattern === n)),
  );
  return names.map((n) => ({
    pattern: n,
    ...Object.fromEntries(
      kinds.map((k) => {
        const p = k.patterns.find((x) => x.pattern === n);
        return [`${k.kind} (of ${k.errors}) [95% Wilson]`, p ? kOfShare(p.errors) : "0"];
      }),
    ),
  }));
}

/** The rule behind each pattern, and how error-prone its messages are. */
export function errorPatternRuleTable(kinds: readonly ErrorPatterns[]): Row[] {
  const names = ERROR_PATTERNS.filter((p) => kinds.some((k) => k.patterns.some((x) => x.pattern === p.name)));
  return names.map((p) => ({
    pattern: p.name,
    rule: p.rule,
    "on the labeler's line": p.labelersLine ? "yes" : "no",
    ...Object.fromEntries(
      kinds.map((k) => {
        const x = k.patterns.find((q) => q.pattern === p.name);
        const of = k.kind === "false alarms" ? "labeled False" : "labeled True";
        return [`${k.kind}: rate among such messages ${of}`, x ? `${x.rate.k} of ${x.rate.n}` : ""];
      }),
    ),
  }));
}

/** The takeaway title of the error analysis: the largest patterns, and the share on the labeler's line. */
export function errorPatternTitle(kinds: readonly ErrorPatterns[], onLine: Interval & { k: number }): string {
  const top = (kind: ErrorPatterns) => kind.patterns.find((p) => !p.labelersLine);
  const alarms = kinds.find((k) => k.kind === "false alarms");
  const misses = kinds.find((k) => k.kind === "misses");
  const own = [misses && top(misses), alarms && top(alarms)].filter((p): p is NonNullable<typeof p> => !!p);
  return (
    `## ${onLine.k} of ${onLine.n} out-of-fold errors sit on the labeler's blurry line (doubtful labels, account ` +
    `help, health and wellbeing); the model's own are mostly ${own.map((p) => `${p.pattern} (${p.errors.k})`).join(" and ")}`
  );
}

/** A message cut to `max` characters, for notes. */
const clip = (t: string, max = 90) => (t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t);

/** Speaker notes for the error-pattern slide, out-of-fold and on test. */
export function errorPatternNotes(
  oof: readonly ErrorPatterns[],
  test: readonly ErrorPatterns[],
  onLine: Interval & { k: number },
): string {
  const pattern = (kind: ErrorPatterns["kind"], name: string) =>
    oof.find((k) => k.kind === kind)?.patterns.find((p) => p.pattern === name);
  const top3 = (kind: ErrorPatterns["kind"]) =>
    oof
      .find((k) => k.kind === kind)
      ?.patterns.slice(0, 3)
      .map((p) => `${p.pattern} ${p.errors.k}`)
      .join(", ");
  const testErrors = test.reduce((a, k) => a + k.errors, 0);
  const access = [pattern("false alarms", "account and access help"), pattern("misses", "account and access help")];
  const accessExample =
    access[0]?.examples[0] && access[1]?.examples[0]
      ? ` For account help, the model flags "${clip(access[0].examples[0].text)}" (labeled False) and misses ` +
        `"${clip(access[1].examples[0].text)}" (labeled True).`
      : "";
  const foreign = pattern("misses", "not in English");
  const everyday = pattern("misses", "clear safety or security, in everyday words");
  return speakerNotes([
    `Errors are disagreements with the labeler, counted out-of-fold (every training message scored ` +
      `by a model that never saw it), because the test split has only ${testErrors} of them. Each error gets the first ` +
      `pattern whose rule it meets; the rules are code (lib/analysis/errorThemes.ts), written after reading the ` +
      `errors, so they describe, they do not test.`,
    `${onLine.k} of ${onLine.n} (${pctRound(onLine.estimate)} [${pctRound(onLine.low)}, ${pctRound(onLine.high)}]) lie where ` +
      `the labeler's line is blurry: labels its own reruns dispute, and topics its prompt does not settle.` +
      accessExample +
      ` Largest false-alarm patterns: ${top3("false alarms")}. Largest miss patterns: ${top3("misses")}.`,
    `The model's own errors: ` +
      (everyday
        ? `${everyday.errors.k} clear safety or security positives missed (${everyday.rate.k} of ${everyday.rate.n} ` +
          `such messages), e.g. "${clip(everyday.examples[0]?.text ?? "")}"`
        : `no clear positive missed`) +
      (foreign
        ? `; ${foreign.rate.k} of ${foreign.rate.n} non-English positives missed (an English encoder, and too ` +
          `few foreign examples for the lexical features)`
        : "") +
      `.`,
    `Expect: "What would you fix first?" (written definitions for the borderline topics, then human labels there: ` +
      `notebook 03). "Would a bigger model help?" (not with the label's own doubt; a multilingual encoder for the ` +
      `foreign messages).`,
  ]);
}
