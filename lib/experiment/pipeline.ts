import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../data/errors";
import { LsaEmbedder } from "../embeddings/lsa";
import { MpnetEmbedder } from "../embeddings/mpnet";
import type { TextEmbedder } from "../embeddings/store";
import { LogisticRegression } from "../models/logisticRegression";
import { MlpClassifier } from "../models/mlp";
import type { Matrix } from "../linalg/matrix";
import type { ModelName } from "./config";
import type { ExperimentResult } from "./run";

export type PredictModel = "logreg" | "mlp";
export const PREDICT_MODELS: readonly PredictModel[] = ["logreg", "mlp"];

interface PipelineFile {
  formatVersion: 1;
  seed: number;
  policy: unknown;
  embedding: { method: string; name: string; params: Record<string, unknown> };
  models: Partial<Record<ModelName, { threshold: number; model: unknown }>>;
}

/**
 * Save what `predict` needs: the embedder (fitted on the training split), each
 * model refitted on all training rows, and each model's threshold.
 */
export function savePipeline(dir: string, result: ExperimentResult, embedder: TextEmbedder, embedding: PipelineFile["embedding"]): void {
  fs.mkdirSync(dir, { recursive: true });
  if (embedder instanceof LsaEmbedder) embedder.save(path.join(dir, "embedder"));
  const file: PipelineFile = {
    formatVersion: 1,
    seed: result.config.seed,
    policy: result.config.policy,
    embedding,
    models: Object.fromEntries(Object.values(result.models).map((m) => [m!.name, { threshold: m!.threshold.threshold, model: m!.fitted.toJSON() }])),
  };
  fs.writeFileSync(path.join(dir, "pipeline.json"), JSON.stringify(file));
}

export interface LoadedPipeline {
  embedding: PipelineFile["embedding"];
  embed(texts: readonly string[]): Promise<Matrix<Float32Array>>;
  score(model: PredictModel, X: Matrix): Promise<{ scores: Float64Array; threshold: number }>;
}

export async function loadPipeline(dir: string): Promise<LoadedPipeline> {
  const file = path.join(dir, "pipeline.json");
  if (!fs.existsSync(file)) throw new DataError(file, "no trained pipeline here: run `npm start` first (it trains the models and saves them)");
  const p: PipelineFile = JSON.parse(fs.readFileSync(file, "utf8"));
  let embedder: TextEmbedder | null = null;
  const getEmbedder = async (): Promise<TextEmbedder> => {
    if (embedder) return embedder;
    embedder = p.embedding.method === "mpnet" ? await MpnetEmbedder.create(p.embedding.params as { modelId?: string }) : LsaEmbedder.load(path.join(dir, "embedder"));
    return embedder;
  };
  return {
    embedding: p.embedding,
    async embed(texts) {
      return (await getEmbedder()).transform(texts);
    },
    async score(name, X) {
      const entry = p.models[name];
      if (!entry) throw new DataError(file, `model "${name}" was not trained in this run (trained: ${Object.keys(p.models).join(", ")})`);
      if (name === "logreg") {
        return { scores: LogisticRegression.fromJSON(entry.model as never).predictProba(X), threshold: entry.threshold };
      }
      const mlp = await MlpClassifier.fromJSON(entry.model as never);
      try {
        return { scores: await mlp.predictProba(X), threshold: entry.threshold };
      } finally {
        mlp.dispose();
      }
    },
  };
}
