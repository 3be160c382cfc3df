import * as fs from "node:fs";
import { dump, parse } from "npyjs";
import { DataError } from "../data/errors";
import type { Matrix } from "../linalg/matrix";

/** Write a float32 matrix as a C-order .npy file (numpy reads it back as float32, shape (rows, cols)). */
export function writeNpyMatrix(file: string, m: Matrix<Float32Array>): void {
  fs.writeFileSync(file, Buffer.from(npyBytes(m)));
}

export function npyBytes(m: Matrix<Float32Array>): ArrayBuffer {
  return dump(m.data, [m.rows, m.cols], { dtype: "f4" });
}

/**
 * Read a 2-D float32 .npy file and check everything a silent misuse would
 * hide: a truncated or corrupt file, another dtype, Fortran order, an
 * unexpected shape, NaN or Inf. Each is a DataError naming the file.
 */
export function readNpyMatrix(file: string, expect?: { rows?: number; cols?: number }): Matrix<Float32Array> {
  if (!fs.existsSync(file)) throw new DataError(file, "embeddings file not found (create it with `npm run embed`)");
  const buf = fs.readFileSync(file);
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  if (buf.length < 10 || buf.toString("latin1", 1, 6) !== "NUMPY" || buf[0] !== 0x93) {
    throw new DataError(file, "not a .npy file (bad magic bytes)");
  }
  let arr;
  try {
    arr = parse(bytes);
  } catch (err) {
    throw new DataError(file, `cannot parse the .npy file (truncated or corrupt?): ${(err as Error).message}`);
  }
  if (arr.dtype !== "f4") throw new DataError(file, `expected float32 (dtype <f4), found ${arr.dtype}`);
  if (arr.fortranOrder)
    throw new DataError(file, "array is in Fortran (column-major) order; save it C-ordered (np.ascontiguousarray)");
  if (arr.shape.length !== 2)
    throw new DataError(file, `expected a 2-D array (rows × dimensions), found shape (${arr.shape.join(", ")})`);
  const [rows, cols] = arr.shape;
  const data = arr.data as Float32Array;
  if (!(data instanceof Float32Array) || data.length !== rows * cols) {
    throw new DataError(
      file,
      `file is truncated: the header says ${rows}×${cols} = ${rows * cols} values, the data holds ${data.length}`,
    );
  }
  // The header's shape and the byte count must agree exactly, or the file was cut or padded.
  const headerLen = buf.readUInt16LE(8);
  const dataStart = buf[6] >= 2 ? 12 + buf.readUInt32LE(8) : 10 + headerLen;
  if (buf.length - dataStart !== rows * cols * 4) {
    throw new DataError(
      file,
      `file size does not match its header: expected ${rows * cols * 4} data bytes for ${rows}×${cols} float32, found ${buf.length - dataStart} (truncated?)`,
    );
  }
  if (expect?.rows !== undefined && rows !== expect.rows)
    throw new DataError(file, `expected ${expect.rows} rows, found ${rows}`);
  if (expect?.cols !== undefined && cols !== expect.cols)
    throw new DataError(file, `expected ${expect.cols} columns, found ${cols}`);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new DataError(
        file,
        `row ${Math.floor(i / cols)}, column ${i % cols} is ${data[i]} (embeddings must be finite)`,
      );
    }
  }
  return { rows, cols, data: Float32Array.from(data) };
}
