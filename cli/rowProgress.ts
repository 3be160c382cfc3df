import { progressBar, progressLine } from "../lib/present/scoring";
import type { ScoringProgress } from "../lib/scoring/scoreCsv";

/**
 * predict's progress on stderr: a bar redrawn in place on a terminal (at most 4 times a second); a plain line every
 * `everySeconds` when stderr is a file, a pipe or CI.
 */
export function rowProgress(
  stream: NodeJS.WriteStream = process.stderr,
  everySeconds = 5,
): {
  onProgress: (p: ScoringProgress) => void;
  /** Print a message above the bar (on a terminal the bar is redrawn under it). */
  log: (message: string) => void;
  done: () => void;
} {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  let lastDraw = -Infinity;
  let last: ScoringProgress | null = null;
  let drawn = "";
  return {
    onProgress(p) {
      last = p;
      const now = Date.now();
      if (now - lastDraw < (tty ? 250 : everySeconds * 1000) && p.rowsDone < p.totalRows) return;
      lastDraw = now;
      if (tty) {
        const cols = stream.columns ?? 100;
        const line = progressBar(p).slice(0, cols - 1);
        stream.write(`\r${line.padEnd(drawn.length)}`);
        drawn = line;
      } else stream.write(`${progressLine(p)}\n`);
    },
    log(message) {
      if (tty && drawn) stream.write(`\r${" ".repeat(drawn.length)}\r${message}\n${drawn}`);
      else stream.write(`${message}\n`);
    },
    done() {
      if (tty && drawn) stream.write("\n");
      else if (!tty && last && last.rowsDone < last.totalRows) stream.write(`${progressLine(last)}\n`);
    },
  };
}
