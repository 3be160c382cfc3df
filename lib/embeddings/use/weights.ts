import type { UseModelFiles } from "./files";

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** The model's unquantized float32 weights by name, read from the shards in model.json's order. */
export function float32Weights(files: UseModelFiles): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  let offset = 0;
  for (const w of files.weightSpecs) {
    const size = w.shape.reduce((a, b) => a * b, 1);
    const bytes = size * (BYTES[w.quantization?.dtype ?? w.dtype] ?? 4);
    if (w.dtype === "float32" && !w.quantization) {
      out.set(w.name, new Float32Array(files.weightData.slice(offset, offset + bytes)));
    }
    offset += bytes;
  }
  return out;
}
