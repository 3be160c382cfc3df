import { DataError } from "../../data/errors";
import type { ManifestHead, UseLiteManifest, UseLiteParams } from "../manifest";
import { TOKENIZER_PACKAGE, USE_PACKAGE, UseModelInfo } from "./files";
import { USE_LITE_DIMENSION, USE_LITE_METHOD, USE_LITE_MODEL, USE_LITE_NAME } from "./identity";

export function useLiteManifestHead(
  info: UseModelInfo,
  batchSize: number,
  extra: { backend: string; embeddedRows: number },
): ManifestHead<UseLiteManifest> {
  const params: UseLiteParams = {
    model: USE_LITE_MODEL,
    package: USE_PACKAGE,
    packageVersion: info.packageVersion,
    weightsSha256: info.weightsSha256,
    vocabSha256: info.vocabSha256,
    tokenizer: TOKENIZER_PACKAGE,
    tokenizerVersion: info.tokenizerVersion,
    batchSize,
    batches:
      "all usable rows of data.csv, embedded once, then split into train and test; batchSize 1: each vector as " +
      "one graph call per message gives it (messages of equal token count share a call of the forward pass on " +
      "the SIMD kernels: same bytes); batchSize N > 1: cut every N rows in file order, each cut one graph call " +
      "padded to its longest message",
  };
  return {
    formatVersion: 1,
    method: USE_LITE_METHOD,
    name: `${USE_LITE_NAME}, from ${USE_PACKAGE}@${info.packageVersion}`,
    params,
    dimension: USE_LITE_DIMENSION,
    dtype: "float32",
    fittedOn: "pretrained",
    extra,
  };
}

/**
 * Embeddings are only as good as the model that made them: refuse the
 * encoder's .npy files when the model, its package version, its weights, its
 * vocabulary or its tokenizer differ from what is installed now.
 */
export function checkUseLiteManifest(manifestFile: string, manifest: UseLiteManifest, installed: UseModelInfo): void {
  const fix = "Run `npm run embed` to embed the messages again with the installed encoder.";
  // Read from a file: any field may be missing, and every comparison below then fails with a clear message.
  const p = manifest.params;
  if (p.model !== USE_LITE_MODEL || p.package !== USE_PACKAGE || manifest.dimension !== USE_LITE_DIMENSION) {
    const what = `${JSON.stringify(p.model)} from ${JSON.stringify(p.package)}, ${manifest.dimension} dims`;
    throw new DataError(
      manifestFile,
      `embeddings made with another model (${what}), not ${USE_LITE_MODEL} from ` + `${USE_PACKAGE}. ${fix}`,
    );
  }
  const short = (v: unknown) => (typeof v === "string" && v.length === 64 ? `${v.slice(0, 12)}…` : String(v));
  const checks: Array<[keyof UseLiteParams & keyof UseModelInfo, string]> = [
    ["packageVersion", `${USE_PACKAGE} version`],
    ["weightsSha256", "weights (SHA-256 of model.json and shards)"],
    ["vocabSha256", "vocabulary (SHA-256 of vocab.json)"],
    ["tokenizerVersion", `${TOKENIZER_PACKAGE} (tokenizer) version`],
  ];
  for (const [key, label] of checks) {
    if (p[key] !== installed[key]) {
      throw new DataError(
        manifestFile,
        `embeddings made with another encoder ${label}: ${short(p[key])} in the ` +
          `manifest, ${short(installed[key])} installed. ${fix}`,
      );
    }
  }
}
