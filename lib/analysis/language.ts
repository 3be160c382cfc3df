// A crude language guess by stop words: enough to find the few non-English messages, not a language identifier.

/** The languages the stop-word detector tells apart. */
export const LANGUAGES = ["en", "es", "de", "fr", "pt", "it"] as const;
/** One of LANGUAGES. */
export type Language = (typeof LANGUAGES)[number];

/** Short, frequent function words (and thank-you words) of each language; words shared by two languages are left out. */
const STOP_WORDS: Record<Language, readonly string[]> = {
  en: [
    "the",
    "and",
    "for",
    "you",
    "to",
    "of",
    "with",
    "thanks",
    "thank",
    "was",
    "we",
    "our",
    "on",
    "in",
    "it",
    "is",
    "my",
    "your",
    "all",
    "so",
    "that",
    "this",
    "at",
  ],
  es: [
    "el",
    "los",
    "las",
    "gracias",
    "por",
    "del",
    "muy",
    "con",
    "muchas",
    "fue",
    "estuvo",
    "ayuda",
    "equipo",
    "eres",
    "y",
  ],
  de: [
    "der",
    "die",
    "das",
    "und",
    "für",
    "danke",
    "vielen",
    "dank",
    "ich",
    "wir",
    "ohne",
    "dich",
    "euch",
    "ist",
    "mit",
    "bei",
    "dem",
    "im",
  ],
  fr: [
    "le",
    "les",
    "merci",
    "pour",
    "des",
    "avec",
    "et",
    "ton",
    "ta",
    "vous",
    "votre",
    "au",
    "une",
    "est",
    "toute",
    "beaucoup",
    "sur",
    "à",
  ],
  pt: ["obrigado", "obrigada", "pela", "pelo", "com", "muito", "você", "ficou", "os", "uma", "às", "não"],
  it: ["grazie", "il", "della", "di", "gli", "che", "tutto", "sei", "molto", "hai", "alla", "nel"],
};

const WORD = /[\p{L}']+/gu;

/** Stop-word hits per language for one text (lower-cased words). */
export function stopWordHits(text: string): Record<Language, number> {
  const hits = Object.fromEntries(LANGUAGES.map((l) => [l, 0])) as Record<Language, number>;
  for (const w of text.toLowerCase().match(WORD) ?? []) {
    for (const l of LANGUAGES) if (STOP_WORDS[l].includes(w)) hits[l]++;
  }
  return hits;
}

/**
 * The language whose stop words a message uses most; English unless another language has at least two
 * hits and more than English (so a code-mixed "Gracias Mateo, you saved the demo!" stays English).
 */
export function detectLanguage(text: string): Language {
  const hits = stopWordHits(text);
  let best: Language = "en";
  for (const l of LANGUAGES) if (l !== "en" && hits[l] >= 2 && hits[l] > hits[best]) best = l;
  return best;
}
