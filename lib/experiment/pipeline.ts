import * as fs from "node:fs";
import * as path from "node:path";
import { ModelFileError } from "../errors";
import type { EncoderRecord } from "../embeddings/manifest";
import { MpnetEmbedder } from "../embeddings/mpnet";
import type { TextEmbedder } from "../embeddings/store";
import { UseLiteEncoder, USE_LITE_METHOD } from "../embeddings/use/encoder";
import { USE_PACKAGE } from "../embeddings/use/files";
import type { TextRows } from "../features/featurizer";
import { PipelineJSON, pipelineFromJSON } from "../features/pipelines";
import { ExperimentResult, findModelResult } from "./run";

export type PredictModel = "logreg" | "mlp";
export const PREDICT_MODELS: readonly PredictModel[] = ["logreg", "mlp"];

interface PipelineFile {
  formatVersion: 3;
  seed: number;
  policy: unknown;
  encoder: EncoderRecord;
  /** Each model's threshold and the file (beside this one) that holds its pipeline: predict reads only the one it uses. */
  models: Partial<Record<PredictModel, { threshold: number; file: string }>>;
}

/**
 * Save what `predict` needs: which encoder made the vectors, and each model's
 * pipeline (its featurizer and classifier, refitted on all training rows)
 * with its threshold. Baselines are not saved.
 */
export function savePipeline(dir: string, result: ExperimentResult, encoder: EncoderRecord): void {
  fs.mkdirSync(dir, { recursive: true });
  const models: PipelineFile["models"] = {};
  for (const name of PREDICT_MODELS) {
    const m = findModelResult(result, name);
    if (!m) continue;
    const file = `${name}.json`;
    fs.writeFileSync(path.join(dir, file), JSON.stringify(m.fitted.toJSON()));
    models[name] = { threshold: m.threshold.threshold, file };
  }
  const file: PipelineFile = {
    formatVersion: 3,
    seed: result.config.seed,
    policy: result.config.policy,
    encoder,
    models,
  };
  fs.writeFileSync(path.join(dir, "pipeline.json"), JSON.stringify(file));
}

export interface LoadedPipeline {
  encoder: EncoderRecord;
  /** The frozen encoder's vectors for new texts, from the same model and version that made the training vectors. */
  embed(texts: readonly string[]): Promise<TextRows>;
  score(model: PredictModel, rows: TextRows): Promise<{ scores: Float64Array; threshold: number }>;
}

async function loadEncoder(file: string, record: EncoderRecord): Promise<TextEmbedder> {
  if (record.method === "mpnet") return MpnetEmbedder.create(record.params);
  if (record.method === "tfidf-lsa")
    throw new ModelFileError(
      file,
      "encoder.method",
      "is tfidf-lsa: the models were trained on TF-IDF + SVD vectors (tfidf-lsa), which are fitted to the training split and not " +
        "saved with the pipeline: embed with the encoder (`npm run embed`) and retrain (`npm start`) to predict",
    );
  if (record.method !== USE_LITE_METHOD)
    throw new ModelFileError(
      file,
      "encoder.method",
      `is unknown (${JSON.stringify(record)}): retrain with \`npm start\``,
    );
  const encoder = await UseLiteEncoder.load();
  const want = record.params;
  const have = encoder.info;
  if (want.packageVersion !== have.packageVersion || want.weightsSha256 !== have.weightsSha256) {
    throw new ModelFileError(
      file,
      "encoder",
      `says the models were trained on vectors from ${USE_PACKAGE}@${want.packageVersion} (weights ${String(want.weightsSha256).slice(0, 12)}…) ` +
        `but ${have.packageVersion} (weights ${have.weightsSha256.slice(0, 12)}…) is installed: run \`npm run embed\` and \`npm start\` again`,
    );
  }
  return encoder;
}

export async function loadPipeline(dir: string): Promise<LoadedPipeline> {
  const file = path.join(dir, "pipeline.json");
  if (!fs.existsSync(file))
    throw new ModelFileError(
      file,
      null,
      "no trained pipeline here: run `npm start` first (it trains the models and saves them)",
    );
  const p: PipelineFile = JSON.parse(fs.readFileSync(file, "utf8"));
  if (p.formatVersion !== 3)
    throw new ModelFileError(
      file,
      "formatVersion",
      `is ${p.formatVersion}: saved by an older version (format 3 expected): run \`npm start\` again`,
    );
  return {
    encoder: p.encoder,
    async embed(texts) {
      const encoder = await loadEncoder(file, p.encoder);
      // The encoder itself stays in this thread for small inputs (workers only pay off on long lists).
      const X = await encoder.transform(texts);
      return { texts, X };
    },
    async score(name, rows) {
      const entry = p.models[name];
      if (!entry)
        throw new ModelFileError(
          file,
          `models.${name}`,
          `is missing: model "${name}" was not trained in this run (trained: ${Object.keys(p.models).join(", ")})`,
        );
      const modelFile = path.join(dir, entry.file);
      if (!fs.existsSync(modelFile))
        throw new ModelFileError(modelFile, null, `missing (pipeline.json names it): run \`npm start\` again`);
      const model = await pipelineFromJSON(JSON.parse(fs.readFileSync(modelFile, "utf8")) as PipelineJSON);
      try {
        return { scores: await model.predictProba(rows), threshold: entry.threshold };
      } finally {
        model.dispose();
      }
    },
  };
}
