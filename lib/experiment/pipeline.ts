import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { ModelFileError } from "../errors";
import { EncoderRecord, encoderRecordSchema } from "../embeddings/manifest";
import { MpnetEmbedder } from "../embeddings/mpnet";
import type { TextEmbedder } from "../embeddings/store";
import { UseLiteEncoder, USE_LITE_METHOD } from "../embeddings/use/encoder";
import { USE_PACKAGE } from "../embeddings/use/files";
import type { TextRows } from "../features/featurizer";
import { PipelineJSON, pipelineJsonSchema } from "../features/formats";
import { pipelineFromJSON, TextPipeline } from "../features/pipelines";
import { thresholdPolicySchema } from "../metrics/threshold";
import { checkSaved, readJsonFile, readSavedJson } from "../util/savedJson";
import { exactly, integer, number, record } from "../util/schema";
import { ExperimentResult, findModelResult } from "./run";

/** A model that is saved and can score new messages. */
export type PredictModel = "logreg" | "mlp";
/** Every PredictModel. */
export const PREDICT_MODELS: readonly PredictModel[] = ["logreg", "mlp"];

/** A saved model's entry: its threshold, and the file beside pipeline.json that holds its pipeline. */
const modelEntrySchema = record({
  threshold: number(),
  file: z.string().regex(/^[\w.-]+\.json$/, { message: "must be a .json file name beside pipeline.json" }),
});

/**
 * models/pipeline.json, declared: which encoder made the vectors, the run's seed and policy, and each model's
 * threshold and file (predict reads only the one it uses). Checked on load; a problem names the file and field.
 */
export const pipelineFileSchema = record({
  formatVersion: exactly(3),
  seed: integer(),
  policy: thresholdPolicySchema,
  encoder: encoderRecordSchema,
  models: record({ logreg: modelEntrySchema.optional(), mlp: modelEntrySchema.optional() }),
});
type PipelineFile = z.infer<typeof pipelineFileSchema>;

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

/** A saved pipeline, loaded: its encoder record, models and thresholds, ready to score new texts. */
export interface LoadedPipeline {
  encoder: EncoderRecord;
  /** The models this pipeline saved (baselines are never saved). */
  models: PredictModel[];
  /**
   * The frozen encoder's vectors for new texts, from the same model and version that made the training vectors.
   * The encoder loads once, on the first call; `workers` and `onProgress` go to the USE-lite encoder's batch API.
   */
  embed(
    texts: readonly string[],
    options?: { workers?: number; onProgress?: (doneBatches: number, totalBatches: number) => void },
  ): Promise<TextRows>;
  /** Score embedded rows with a saved model (loaded once, on its first use). */
  score(model: PredictModel, rows: TextRows): Promise<{ scores: Float64Array; threshold: number }>;
  /** Backend the encoder last ran on ("wasm", "tensorflow", "cpu"; "" before any or for another encoder). */
  encoderBackend(): string;
  /** Free the loaded models (MLP tensors). */
  dispose(): void;
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

/** A model's file holds that model's pipelines (a logreg file listed for the mlp is a broken run folder). */
function checkModelKind(saved: PipelineJSON, name: PredictModel, file: string): void {
  const want = `${name}-pipeline`;
  const kinds = saved.kind === "fold-ensemble" ? saved.members.map((m) => m.kind) : [saved.kind];
  const bad = kinds.findIndex((k) => k !== want);
  if (bad >= 0)
    throw new ModelFileError(
      file,
      saved.kind === "fold-ensemble" ? `members[${bad}].kind` : "kind",
      `must be "${want}" (pipeline.json lists this file for ${name}), got "${kinds[bad]}"`,
    );
}

/** Read a saved pipeline folder (pipeline.json and a file per model), checked against its declared format. */
export async function loadPipeline(dir: string): Promise<LoadedPipeline> {
  const file = path.join(dir, "pipeline.json");
  const saved = readJsonFile(
    file,
    "no trained pipeline here: run `npm start` first (it trains the models and saves them)",
  );
  // An older format fails on other fields too: say what it is before naming the first field that differs.
  const version = saved !== null && typeof saved === "object" ? Reflect.get(saved, "formatVersion") : undefined;
  if (version !== 3)
    throw new ModelFileError(
      file,
      "formatVersion",
      `is ${JSON.stringify(version)}: saved by another version (format 3 expected): run \`npm start\` again`,
    );
  const p = checkSaved(pipelineFileSchema, saved, file);
  const trained = PREDICT_MODELS.filter((m) => p.models[m]);
  let encoder: Promise<TextEmbedder> | null = null;
  let loaded: TextEmbedder | null = null;
  const models = new Map<PredictModel, Promise<TextPipeline>>();
  const loadModel = async (name: PredictModel, modelFile: string) => {
    const json = readSavedJson(
      pipelineJsonSchema,
      modelFile,
      "missing (pipeline.json names it): run `npm start` again",
    );
    checkModelKind(json, name, modelFile);
    return pipelineFromJSON(json);
  };
  return {
    encoder: p.encoder,
    models: trained,
    async embed(texts, options = {}) {
      encoder ??= loadEncoder(file, p.encoder);
      const e = (loaded = await encoder);
      // Small inputs stay in this thread (the encoder's default); workers pay off on long lists.
      const X = e instanceof UseLiteEncoder ? await e.embed(texts, options) : await e.transform(texts);
      return { texts, X };
    },
    async score(name, rows) {
      const entry = p.models[name];
      if (!entry)
        throw new ModelFileError(
          file,
          `models.${name}`,
          `is missing: model "${name}" was not trained in this run (${trained.length ? `trained: ${trained.join(", ")}` : "it saved no model: baselines only"})`,
        );
      let model = models.get(name);
      if (!model) models.set(name, (model = loadModel(name, path.join(dir, entry.file))));
      return { scores: await (await model).predictProba(rows), threshold: entry.threshold };
    },
    encoderBackend() {
      return loaded instanceof UseLiteEncoder ? loaded.backend : "";
    },
    dispose() {
      for (const m of models.values()) void m.then((x) => x.dispose());
      models.clear();
    },
  };
}
