// Files that are either absent or complete: a process killed at any moment leaves no half-written file under its
// final name (write a temporary file beside it, flush it to disk, rename it into place).
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** Temporary names start with a dot and carry this mark, so listings and loaders never take them for results. */
export const TEMP_MARK = ".tmp-";

/** A fresh temporary name beside `file`: `.name.tmp-<pid>-<random>`. */
export function tempPathFor(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString("hex")}`,
  );
}

export function isTempName(name: string): boolean {
  return name.startsWith(".") && name.includes(TEMP_MARK);
}

/**
 * Test seam: with SAFETY_SIGNAL_PAUSE_AT=<point> in the environment, the process announces
 * `paused at <point>` on stderr when it reaches that point and blocks there (up to two minutes), so a test
 * can kill it at exactly that moment. Without the variable this does nothing.
 */
export function pausePoint(point: string): void {
  if (process.env.SAFETY_SIGNAL_PAUSE_AT !== point) return;
  fs.writeSync(2, `paused at ${point}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd, bytes, off, bytes.length - off);
}

/** Flush a folder's entries (a rename) to disk; a no-op where folders cannot be opened (Windows). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Not supported on this platform: the rename is still atomic, only its durability on power loss is weaker.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Write `data` to `file` atomically: to a temporary file beside it first, flushed, then renamed over `file`.
 * Readers see the old file or the new one, never a part of it.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const tmp = tempPathFor(file);
  const name = path.basename(file);
  try {
    const fd = fs.openSync(tmp, "wx");
    try {
      const half = bytes.length >> 1;
      writeAll(fd, bytes.subarray(0, half));
      pausePoint(`half-written:${name}`);
      writeAll(fd, bytes.subarray(half));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    pausePoint(`before-rename:${name}`);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(file));
}

/** Flush every file under a folder to disk (before the folder is renamed into place). */
export function fsyncTree(dir: string): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) fsyncTree(p);
    else {
      const fd = fs.openSync(p, "r");
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
  }
  fsyncDir(dir);
}

/** SHA-256 of a file's bytes, read in pieces (files may be large). */
export function sha256File(file: string): string {
  const hash = createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

export function sha256Text(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
