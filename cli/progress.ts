/** One step of a long job (the experiment's ProgressEvent is one). */
export interface BarEvent {
  model: string;
  stage: string;
  message: string;
  done: number;
  total: number;
}

/** A one-line progress bar on a terminal; plain lines when output is piped or in CI. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (e: BarEvent) => void;
  /** Print a message above the bar (on a terminal the bar is redrawn under it). */
  log: (message: string) => void;
  done: () => void;
} {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  let last = "";
  return {
    onProgress(e) {
      const width = 24;
      const filled = Math.round((width * e.done) / e.total);
      const text = `${e.model.padEnd(8)} ${e.stage}: ${e.message}`;
      if (tty) {
        const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(e.done).padStart(2)}/${e.total} ${text}`;
        const cols = stream.columns ?? 100;
        stream.write(`\r${line.slice(0, cols - 1).padEnd(Math.min(cols - 1, last.length))}`);
        last = line.slice(0, cols - 1);
      } else {
        stream.write(`[${e.done}/${e.total}] ${text}\n`);
      }
    },
    log(message) {
      if (tty && last) stream.write(`\r${" ".repeat(last.length)}\r${message}\n${last}`);
      else stream.write(`${message}\n`);
    },
    done() {
      if (tty && last) stream.write("\n");
    },
  };
}
