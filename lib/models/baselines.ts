/**
 * Baselines that keep the models honest. On data that is seven-eighths
 * negative, "always False" is 87% accurate and useless: it flags nothing.
 */

import { z } from "zod";
import { ConfigError, InvalidInputError } from "../errors";
import { checkLabels01 } from "../metrics/validate";
import { exactly, nonEmpty, number, record, text } from "../util/schema";
import { Estimator, NotFittedError } from "./types";

/** What a baseline reads of a message: its text (the encoder's vectors are ignored). */
export interface TextInput {
  texts: readonly string[];
}

function checkBaselineFit(rows: TextInput, y: ArrayLike<number>): number {
  if (rows.texts.length !== y.length)
    throw new InvalidInputError("y", `X has ${rows.texts.length} rows but y has ${y.length}`);
  if (y.length === 0) throw new InvalidInputError("X", "cannot fit on zero rows");
  return checkLabels01(y, "y");
}

/** A fitted majority baseline as saved: the training positive rate. */
export const majorityJsonSchema = record({ kind: exactly("majority"), prior: number({ gte: 0, lte: 1 }) });
/** A saved MajorityClassifier. */
export type MajorityJSON = z.infer<typeof majorityJsonSchema>;

/** The keyword rule as saved: its keywords. */
export const keywordJsonSchema = record({
  kind: exactly("keyword"),
  keywords: nonEmpty(text(), "a list of keywords"),
});
/** A saved KeywordClassifier. */
export type KeywordJSON = z.infer<typeof keywordJsonSchema>;

/** scikit-learn's DummyClassifier(strategy="prior"): every message gets the training positive rate. */
export class MajorityClassifier implements Estimator<TextInput> {
  readonly name = "majority";
  prior = NaN;

  get isFitted(): boolean {
    return !Number.isNaN(this.prior);
  }

  fit(rows: TextInput, y: ArrayLike<number>): this {
    this.prior = checkBaselineFit(rows, y) / y.length;
    return this;
  }

  predictProba(rows: TextInput): Float64Array {
    if (!this.isFitted) throw new NotFittedError("MajorityClassifier");
    return new Float64Array(rows.texts.length).fill(this.prior);
  }

  toJSON(): MajorityJSON {
    if (!this.isFitted) throw new NotFittedError("MajorityClassifier");
    return { kind: "majority", prior: this.prior };
  }

  static fromJSON(j: Pick<MajorityJSON, "prior">): MajorityClassifier {
    const m = new MajorityClassifier();
    m.prior = j.prior;
    return m;
  }
}

/** A transparent rule anyone can read: these words mean safety or security. */
export const DEFAULT_KEYWORDS = [
  "safety",
  "safe",
  "safely",
  "unsafe",
  "hazard",
  "hazards",
  "hazardous",
  "injury",
  "injuries",
  "injured",
  "accident",
  "near miss",
  "ppe",
  "helmet",
  "hard hat",
  "goggles",
  "first aid",
  "cpr",
  "defibrillator",
  "evacuation",
  "evacuate",
  "fire drill",
  "fire alarm",
  "extinguisher",
  "spill",
  "lockout",
  "risk assessment",
  "incident",
  "emergency",
  "security",
  "secure",
  "cybersecurity",
  "phishing",
  "password",
  "passwords",
  "breach",
  "vulnerability",
  "malware",
  "ransomware",
  "fraud",
  "scam",
  "encryption",
  "mfa",
  "2fa",
  "firewall",
  "access control",
  "intruder",
  "theft",
];

/** Score 1 when the message contains any keyword as a whole word or phrase, else 0. */
export class KeywordClassifier implements Estimator<TextInput> {
  readonly name = "keyword";
  private readonly pattern: RegExp;
  /** A fixed rule learns nothing, but keeps the contract: fit (which checks the labels) before predicting. */
  private fitted = false;

  constructor(readonly keywords: readonly string[] = DEFAULT_KEYWORDS) {
    if (keywords.length === 0) throw new ConfigError("keywords", "must hold at least one keyword (KeywordClassifier)");
    const escaped = keywords.map((k) =>
      k
        .toLowerCase()
        .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
        .replace(/ /g, "\\s+"),
    );
    this.pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "iu");
  }

  /** The keyword that fired, or null. */
  match(text: string): string | null {
    const m = this.pattern.exec(text);
    return m ? m[0].toLowerCase() : null;
  }

  get isFitted(): boolean {
    return this.fitted;
  }

  fit(rows: TextInput, y: ArrayLike<number>): this {
    checkBaselineFit(rows, y);
    this.fitted = true;
    return this;
  }

  predictProba(rows: TextInput): Float64Array {
    if (!this.fitted) throw new NotFittedError("KeywordClassifier");
    return Float64Array.from(rows.texts, (t) => (this.pattern.test(t) ? 1 : 0));
  }

  toJSON(): KeywordJSON {
    if (!this.fitted) throw new NotFittedError("KeywordClassifier");
    return { kind: "keyword", keywords: [...this.keywords] };
  }

  static fromJSON(j: Pick<KeywordJSON, "keywords">): KeywordClassifier {
    const m = new KeywordClassifier(j.keywords);
    m.fitted = true;
    return m;
  }
}
