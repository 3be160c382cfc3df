/** Lower-cased, Unicode-normalized text: the form every analyzer starts from. */
export function preprocess(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Word tokens (letters and digits, keeping inner apostrophes: "don't", "priya's"). */
export function words(text: string): string[] {
  return preprocess(text).match(WORD) ?? [];
}

/** Word n-grams for n in [minN, maxN], joined by a space. */
export function wordNgrams(text: string, minN: number, maxN: number): string[] {
  const toks = words(text);
  const out: string[] = [];
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= toks.length; i++) out.push(toks.slice(i, i + n).join(" "));
  }
  return out;
}

/**
 * Character n-grams inside word boundaries (scikit-learn's "char_wb"): each
 * word is padded with a space and cut into n-grams of code points. Robust to
 * typos, inflections and the few non-English messages.
 */
export function charWbNgrams(text: string, minN: number, maxN: number): string[] {
  const out: string[] = [];
  for (const w of preprocess(text).split(/\s+/)) {
    if (w === "") continue;
    const chars = Array.from(` ${w} `);
    for (let n = minN; n <= maxN; n++) {
      // As scikit-learn does: a padded word shorter than n counts once, whole, and ends the loop.
      if (chars.length <= n) {
        out.push(chars.join(""));
        break;
      }
      for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(""));
    }
  }
  return out;
}
