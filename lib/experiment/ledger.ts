// The test-split ledger (data/test-split-ledger.json): every recorded look at the test split during development,
// what was seen and what changed after. Loaded and checked here; notebook 01 prints it (present/findings.ts).
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { DATA_DIR, projectRelative } from "../paths";
import { DataError } from "../errors";

/** The committed test-split ledger (data/test-split-ledger.json). */
export const TEST_SPLIT_LEDGER_FILE = path.join(DATA_DIR, "test-split-ledger.json");

const count = z.union([z.number().int().min(0), z.null()]);
const look = z
  .object({
    look: z.number().int().min(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD"),
    commits: z.array(z.string().regex(/^[0-9a-f]{7,40}$/, "an abbreviated commit hash")),
    source: z.string().min(1),
    testSplit: z.string().min(1),
    scored: z.string().min(1),
    seen: z.string().min(1),
    /** How many times this look scored the test split: at least `min`, at most `max` (null: not bounded by the record). */
    times: z.object({ min: z.number().int().min(0), max: count, why: z.string() }).strict(),
    changedAfter: z.string().min(1),
    decidedOn: z.string().min(1),
    /** Could the test split have steered what changed after? */
    testInfluence: z.enum(["none", "none known", "wording only", "possible", "direct"]),
    note: z.string().optional(),
  })
  .strict()
  .refine((l) => l.times.max === null || l.times.max >= l.times.min, {
    message: "times.max must be at least times.min (or null when the record does not bound it)",
    path: ["times", "max"],
  })
  .refine((l) => l.times.min === l.times.max || l.times.why.trim().length > 0, {
    message: "an uncertain count (min ≠ max) must say why in times.why",
    path: ["times", "why"],
  });

const ledger = z.object({ format: z.literal(1), about: z.string().min(1), looks: z.array(look).min(1) }).strict();

/** One look at the test split: when, how many scorings, what changed after, and whether the test steered it. */
export type TestSplitLook = z.infer<typeof look>;
/** Every look at the test split during development (checked on read). */
export type TestSplitLedger = z.infer<typeof ledger>;

/** Read and check the ledger: a clear error names the file and the field (looks[3].times.max: …). */
export function loadTestSplitLedger(file = TEST_SPLIT_LEDGER_FILE): TestSplitLedger {
  const where = projectRelative(file);
  if (!fs.existsSync(file)) throw new DataError(where, "the test-split ledger is missing");
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new DataError(where, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = ledger.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const at = first.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
    throw new DataError(where, `${at.replace(/^\./, "") || "the file"}: ${first.message}`, {
      field: at.replace(/^\./, ""),
    });
  }
  parsed.data.looks.forEach((l, k) => {
    if (l.look !== k + 1)
      throw new DataError(where, `looks[${k}].look is ${l.look}; looks are numbered 1, 2, 3… in order`, {
        field: `looks[${k}].look`,
      });
    if (k > 0 && l.date < parsed.data.looks[k - 1].date)
      throw new DataError(
        where,
        `looks[${k}].date ${l.date} is before the previous look's ${parsed.data.looks[k - 1].date}`,
        { field: `looks[${k}].date` },
      );
  });
  return parsed.data;
}

/** The ledger in numbers: how many looks, how many scorings at least, and how many changes the test could have steered. */
export interface LedgerSummary {
  looks: number;
  /** Scorings of the test split the record proves (sum of each look's minimum), and whether any look is unbounded. */
  scoredAtLeast: number;
  unbounded: number;
  /** Looks after which a model, feature, split or setting changed. */
  followedByChange: number;
  /** Of those, how many could have been steered by the test numbers (testInfluence "possible" or "direct"). */
  possiblySteered: number;
}

const NO_CHANGE = /^(nothing|no change)/i;

/** The ledger in numbers: looks, scorings at least, unbounded looks, and looks followed by a change. */
export function summarizeLedger(l: TestSplitLedger): LedgerSummary {
  return {
    looks: l.looks.length,
    scoredAtLeast: l.looks.reduce((a, x) => a + x.times.min, 0),
    unbounded: l.looks.filter((x) => x.times.max === null).length,
    followedByChange: l.looks.filter((x) => !NO_CHANGE.test(x.changedAfter) && x.testInfluence !== "wording only")
      .length,
    possiblySteered: l.looks.filter((x) => x.testInfluence === "possible" || x.testInfluence === "direct").length,
  };
}
