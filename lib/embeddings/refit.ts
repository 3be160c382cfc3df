import * as fs from "node:fs";
import * as path from "node:path";
import type { DatasetSplit } from "../split/splitFile";
import { LsaConfig, LsaEmbedder } from "./lsa";
import { EmbeddingManifest, sha256 } from "./manifest";
import { MpnetEmbedder } from "./mpnet";
import { npyBytes } from "./npy";
import type { TextEmbedder } from "./store";

/**
 * The embedder that made the committed embeddings, ready to embed new text.
 * For LSA it is refitted on the training split from the manifest's parameters
 * and must reproduce the committed training .npy byte for byte; a cached copy
 * in `cacheDir` is reused when it was made for the same file.
 */
export async function embedderForManifest(manifest: EmbeddingManifest, split: DatasetSplit, cacheDir: string): Promise<TextEmbedder> {
  if (manifest.method === "mpnet") return MpnetEmbedder.create(manifest.params as { modelId?: string });
  const stamp = path.join(cacheDir, "fitted-for.txt");
  const want = manifest.files.train.npySha256;
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === want) return LsaEmbedder.load(cacheDir);
  const lsa = LsaEmbedder.fit(
    split.train.map((r) => r.message),
    manifest.params as unknown as LsaConfig,
  );
  const got = sha256(new Uint8Array(npyBytes(lsa.transform(split.train.map((r) => r.message)))));
  if (got !== want) {
    throw new Error(`refitting the LSA embedder did not reproduce data/${manifest.files.train.file} (sha256 ${got.slice(0, 12)}… vs ${want.slice(0, 12)}…): regenerate with \`npm run embed\``);
  }
  lsa.save(cacheDir);
  fs.writeFileSync(stamp, want);
  return lsa;
}
