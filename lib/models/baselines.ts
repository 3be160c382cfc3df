/**
 * Baselines that keep the models honest. On data that is seven-eighths
 * negative, "always False" is 87% accurate and useless: it flags nothing.
 */

/** scikit-learn's DummyClassifier(strategy="prior"): every message gets the training positive rate. */
export class MajorityClassifier {
  readonly name = "majority";
  prior = NaN;

  fit(y: ArrayLike<number>): this {
    let pos = 0;
    for (let i = 0; i < y.length; i++) pos += y[i];
    this.prior = pos / y.length;
    return this;
  }

  predictProba(rows: number): Float64Array {
    if (Number.isNaN(this.prior)) throw new Error("MajorityClassifier: call fit first");
    return new Float64Array(rows).fill(this.prior);
  }
}

/** A transparent rule anyone can read: these words mean safety or security. */
export const DEFAULT_KEYWORDS = [
  "safety", "safe", "safely", "unsafe", "hazard", "hazards", "hazardous", "injury", "injuries", "injured", "accident",
  "near miss", "ppe", "helmet", "hard hat", "goggles", "first aid", "cpr", "defibrillator", "evacuation", "evacuate",
  "fire drill", "fire alarm", "extinguisher", "spill", "lockout", "risk assessment", "incident", "emergency",
  "security", "secure", "cybersecurity", "phishing", "password", "passwords", "breach", "vulnerability", "malware",
  "ransomware", "fraud", "scam", "encryption", "mfa", "2fa", "firewall", "access control", "intruder", "theft",
];

/** Score 1 when the message contains any keyword as a whole word or phrase, else 0. */
export class KeywordClassifier {
  readonly name = "keyword";
  private readonly pattern: RegExp;

  constructor(readonly keywords: readonly string[] = DEFAULT_KEYWORDS) {
    if (keywords.length === 0) throw new Error("KeywordClassifier needs at least one keyword");
    const escaped = keywords.map((k) => k.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"));
    this.pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "iu");
  }

  /** The keyword that fired, or null. */
  match(text: string): string | null {
    const m = this.pattern.exec(text);
    return m ? m[0].toLowerCase() : null;
  }

  predictProba(texts: readonly string[]): Float64Array {
    return Float64Array.from(texts, (t) => (this.pattern.test(t) ? 1 : 0));
  }
}
