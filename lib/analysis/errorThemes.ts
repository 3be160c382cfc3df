// The patterns behind a model's errors, named so a listener can see them, each defined by a rule here (language,
// the other labelings, the data card's source categories, or a word pattern), never by reading rows one by one.
// Every message gets the first pattern whose rule it meets, so the counts add up. The word patterns were written
// after reading the out-of-fold errors: they describe where the errors fall, they do not test a hypothesis.
import type { Relabel, SourceCategory } from "../data/relabels";
import { wilson } from "../metrics/proportion";
import type { Interval } from "../metrics/interval";
import { getOrThrow } from "../util/maps";
import { outcomes, ScoredMessages } from "./errors";
import { detectLanguage } from "./language";
import { InternalError } from "../errors";

/** What a rule sees of a message. */
export interface MessageFacts {
  text: string;
  label: number;
  category: SourceCategory;
  /** The second run or the refined prompt labels it the other way. */
  disputed: boolean;
}

/** A named pattern of errors, its rule in words and in code, and whether it lies on the labeler's blurry line. */
export interface ErrorPattern {
  name: string;
  /** The rule in words, for the table. */
  rule: string;
  /**
   * The pattern lies on the labeler's own blurry line (topics its prompt does not settle, or labels its reruns
   * dispute), rather than being the model's mistake about a message whose label is clear.
   */
  labelersLine: boolean;
  matches: (m: MessageFacts) => boolean;
}

const words = (re: RegExp) => (m: MessageFacts) => re.test(m.text);

/** In order: a message takes the first pattern it matches. */
export const ERROR_PATTERNS: readonly ErrorPattern[] = [
  {
    name: "not in English",
    labelersLine: false,
    rule: "detectLanguage finds another language (the encoder is English-only)",
    matches: (m) => detectLanguage(m.text) !== "en",
  },
  {
    name: "label in doubt",
    labelersLine: true,
    rule: "a second run of the prompt or the refined prompt labels it the other way",
    matches: (m) => m.disputed,
  },
  {
    name: "account and access help",
    labelersLine: true,
    rule: "passwords, log-ins, accounts, access, MFA, VPN, mailboxes, resets",
    matches: words(
      /password|log ?-?in|locked (me )?out|unlock|account|laptop|\bvpn\b|\bmfa\b|\b2fa\b|reset|mailbox|access/i,
    ),
  },
  {
    name: "health, wellbeing and speaking up",
    labelersLine: true,
    rule: "flu jabs, Covid, hygiene, health checks, wellbeing, checking in on people, no-blame debriefs",
    matches: words(
      /\bflu\b|vaccin|\bjabs?\b|covid|pandemic|omicron|lateral flow|infection|hygiene|health check|blood pressure|wellbeing|well-being|mental health|check(ed|ing)? in on|moral injury|no[- ]blame|blameless|speak up|debrief/i,
    ),
  },
  {
    name: "repairs and equipment",
    labelersLine: false,
    rule: "fixing or repairing machines, lines, lifts, printers, sensors",
    matches: words(
      /\b(fix|fixed|fixing|repair|repaired|broken|jam|sensor|conveyor|lift|chiller|printer|scanner|machine)\b/i,
    ),
  },
  {
    name: "other borderline (written as ambiguous)",
    labelersLine: true,
    rule: "the data card's 'ambiguous' source category, none of the above",
    matches: (m) => m.category === "ambiguous",
  },
  {
    name: "clear safety or security, in everyday words",
    labelersLine: false,
    rule: "written as clear safety or security (the data card's categories), none of the above",
    matches: (m) => m.category === "safety" || m.category === "security",
  },
  {
    name: "ordinary recognition",
    labelersLine: false,
    rule: "written as ordinary recognition or another sense of the words, none of the above",
    matches: (m) => m.category === "general" || m.category === "wordsense",
  },
  { name: "everything else", rule: "none of the above", labelersLine: false, matches: () => true },
];

/** The first pattern a message meets. */
export function patternOf(m: MessageFacts, patterns: readonly ErrorPattern[] = ERROR_PATTERNS): string {
  const p = patterns.find((x) => x.matches(m));
  if (!p) throw new InternalError("no error pattern matches: the last pattern must match everything");
  return p.name;
}

/** One pattern's share of a kind of error, and how error-prone its messages are. */
export interface PatternCount {
  pattern: string;
  rule: string;
  labelersLine: boolean;
  /** Errors of this kind with the pattern, of all errors of this kind (Wilson interval). */
  errors: Interval & { k: number };
  /** Of the messages that could make this error (label False for false alarms, True for misses) with the pattern, how many did (Wilson). */
  rate: Interval & { k: number };
  /** The pattern's most confident errors (highest-scored false alarms, lowest-scored misses), up to two. */
  examples: Array<{ id: string; score: number; text: string }>;
}

/** The errors of one kind counted by pattern, each with a Wilson interval. */
export interface ErrorPatterns {
  kind: "false alarms" | "misses";
  /** All errors of this kind, and all messages that could make it. */
  errors: number;
  eligible: number;
  patterns: PatternCount[];
}

/** A model's false alarms and misses by pattern, on test or out-of-fold rows; patterns with no error are left out. */
export function errorPatterns(
  s: ScoredMessages,
  relabels: Map<string, Relabel>,
  patterns: readonly ErrorPattern[] = ERROR_PATTERNS,
): ErrorPatterns[] {
  const out = outcomes(s);
  const facts = s.ids.map((id, i): MessageFacts => {
    const r = getOrThrow(relabels, id, "relabels");
    return {
      text: s.texts[i],
      label: s.y[i],
      category: r.category,
      disputed: r.rerun !== s.y[i] || r.refined !== s.y[i],
    };
  });
  const names = facts.map((f) => patternOf(f, patterns));
  return (["false alarms", "misses"] as const).map((kind) => {
    const label = kind === "false alarms" ? 0 : 1;
    const error = kind === "false alarms" ? "fp" : "fn";
    const eligible = s.ids.map((_, i) => i).filter((i) => s.y[i] === label);
    const errors = eligible.filter((i) => out[i] === error);
    const rows = patterns.flatMap((p): PatternCount[] => {
      const mine = errors.filter((i) => names[i] === p.name);
      const k = mine.length;
      const n = eligible.filter((i) => names[i] === p.name).length;
      if (!k) return [];
      return [
        {
          pattern: p.name,
          rule: p.rule,
          labelersLine: p.labelersLine,
          errors: { ...wilson(k, errors.length), k },
          rate: { ...wilson(k, n), k },
          examples: mine
            .sort((a, b) => (label ? s.scores[a] - s.scores[b] : s.scores[b] - s.scores[a]))
            .slice(0, 2)
            .map((i) => ({ id: s.ids[i], score: s.scores[i], text: s.texts[i] })),
        },
      ];
    });
    return {
      kind,
      errors: errors.length,
      eligible: eligible.length,
      patterns: rows.sort((a, b) => b.errors.k - a.errors.k),
    };
  });
}

/** How many of the errors (false alarms and misses together) lie on the labeler's line, of how many. */
export function errorsOnLabelersLine(kinds: readonly ErrorPatterns[]): Interval & { k: number } {
  const all = kinds.reduce((a, x) => a + x.errors, 0);
  const k = kinds.reduce((a, x) => a + x.patterns.filter((p) => p.labelersLine).reduce((b, p) => b + p.errors.k, 0), 0);
  return { ...wilson(k, all), k };
}
