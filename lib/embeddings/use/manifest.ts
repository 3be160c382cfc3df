import { DataError } from "../../data/errors";
import type { EmbeddingManifest } from "../manifest";
import { TOKENIZER_PACKAGE, USE_PACKAGE, UseModelInfo } from "./files";
import { USE_LITE_DIMENSION, USE_LITE_METHOD, USE_LITE_MODEL, USE_LITE_NAME } from "./identity";

/** How the encoder's embeddings were made: enough to refuse them once another model or version is installed. */
export interface UseLiteParams {
  model: string;
  package: string;
  packageVersion: string;
  weightsSha256: string;
  vocabSha256: string;
  tokenizer: string;
  tokenizerVersion: string;
  batchSize: number;
  batches: string;
}

export function useLiteManifestHead(
  info: UseModelInfo,
  batchSize: number,
  extra: { backend: string; embeddedRows: number },
): Omit<EmbeddingManifest, "files"> {
  const params: UseLiteParams = {
    model: USE_LITE_MODEL,
    package: USE_PACKAGE,
    packageVersion: info.packageVersion,
    weightsSha256: info.weightsSha256,
    vocabSha256: info.vocabSha256,
    tokenizer: TOKENIZER_PACKAGE,
    tokenizerVersion: info.tokenizerVersion,
    batchSize,
    batches: "all usable rows of data.csv in file order, cut every batchSize rows; then split into train and test",
  };
  return {
    formatVersion: 1,
    method: USE_LITE_METHOD,
    name: `${USE_LITE_NAME}, from ${USE_PACKAGE}@${info.packageVersion}`,
    params: { ...params },
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
export function checkUseLiteManifest(manifestFile: string, manifest: EmbeddingManifest, installed: UseModelInfo): void {
  const fix = "Run `npm run embed` to embed the messages again with the installed encoder.";
  const p = manifest.params as Partial<UseLiteParams>;
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
