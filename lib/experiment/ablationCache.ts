// A committed cache of the feature ablation (ablation.ts), so notebook 01 shows it in seconds. It is keyed by what
// the numbers depend on, each part hashed on its own so a stale cache can say which part moved: the settings (seed,
// folds, the logistic regression's grid and rule, the MLP's settings), the candidates, the training data (ids,
// labels, texts, repeat groups), the CV folds, and the encoder's vectors. A changed part recomputes and rewrites it.
// The learners' code is not in the key: after changing a solver, refresh it (npm run bench:embedding-choice -- --write).
import * as fs from "node:fs";
import * as path from "node:path";
import { sha256 } from "../embeddings/manifest";
import { DATA_DIR, projectRelative } from "../paths";
import type { Fold } from "../split/split";
import { stratifiedGroupKFold } from "../split/split";
import { AblationCandidate, AblationRow, defaultAblationCandidates, featureAblation } from "./ablation";
import type { ExperimentConfig } from "./config";
import type { CvRunOptions } from "./cv";
import type { Part } from "./data";
import { DataError } from "../errors";

/** The committed ablation cache (data/ablation-cache.json). */
export const ABLATION_CACHE_FILE = path.join(DATA_DIR, "ablation-cache.json");
/** Bump when the cached rows' meaning changes (what is computed, not how fast). */
const CACHE_FORMAT = 1;

export type AblationKeyPart = "settings" | "candidates" | "training data" | "folds" | "encoder vectors";
export type AblationKey = Record<AblationKeyPart, string>;

interface CacheFile {
  format: number;
  note: string;
  key: AblationKey;
  rows: AblationRow[];
}

/** The hash of each part the ablation's numbers depend on. */
export function ablationKey(
  train: Part,
  folds: readonly Fold[],
  candidates: readonly AblationCandidate[],
  config: ExperimentConfig,
): AblationKey {
  const h = (x: unknown) => sha256(JSON.stringify(x)).slice(0, 16);
  const { Cs, cRule, classWeight, standardize } = config.logreg;
  const X = train.X.data;
  return {
    settings: h({
      seed: config.seed,
      cvFolds: config.cvFolds,
      logreg: { Cs, cRule, classWeight, standardize },
      mlp: config.mlp,
    }),
    candidates: h(candidates),
    "training data": h({ ids: train.ids, y: train.y, texts: train.texts, groups: train.groups }),
    folds: h(folds.map((f) => f.validation)),
    "encoder vectors": sha256(new Uint8Array(X.buffer, X.byteOffset, X.byteLength)).slice(0, 16),
  };
}

/** The ablation as shown, where it came from, and (when recomputed) why. */
export interface CachedAblation {
  rows: AblationRow[];
  fromCache: boolean;
  /** The key parts that differed from the cache's (empty when it was used or there was none). */
  stale: AblationKeyPart[];
  /** The cache file, relative to the project. */
  file: string;
}

function readCache(file: string): CacheFile | null {
  if (!fs.existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new DataError(projectRelative(file), `not valid JSON (${(err as Error).message}): delete it to recompute`);
  }
  const c = parsed as Partial<CacheFile>;
  if (c.format !== CACHE_FORMAT || typeof c.key !== "object" || !Array.isArray(c.rows)) return null;
  return c as CacheFile;
}

/**
 * The feature ablation for this configuration: read from the cache when every key part matches, else computed
 * (minutes on 2 cores) and written back, deterministically (no timings or dates), so a recomputation with the same
 * inputs leaves the file unchanged.
 */
export async function cachedAblation(
  train: Part,
  config: ExperimentConfig,
  options: {
    candidates?: AblationCandidate[];
    file?: string;
    refresh?: boolean;
    run?: CvRunOptions & { onCandidate?: (row: AblationRow, index: number) => void };
    /** Told when the cache is stale and each candidate as it finishes (a recomputation takes minutes). */
    log?: (line: string) => void;
  } = {},
): Promise<CachedAblation> {
  const file = options.file ?? ABLATION_CACHE_FILE;
  const candidates = options.candidates ?? defaultAblationCandidates(config);
  const folds = stratifiedGroupKFold(train.y, train.groups, config.cvFolds, config.seed);
  const key = ablationKey(train, folds, candidates, config);
  const cache = options.refresh ? null : readCache(file);
  const stale = cache ? (Object.keys(key) as AblationKeyPart[]).filter((k) => cache.key[k] !== key[k]) : [];
  if (cache && !stale.length) return { rows: cache.rows, fromCache: true, stale, file: projectRelative(file) };
  const log = options.log ?? (() => {});
  log(
    `ablation: ${stale.length ? `${stale.join(", ")} changed` : "no cache"}; computing ${candidates.length} candidates`,
  );
  const onCandidate = (row: AblationRow, index: number) => {
    log(`ablation: ${index + 1} of ${candidates.length} done (${row.model}, ${row.features})`);
    options.run?.onCandidate?.(row, index);
  };
  const rows = await featureAblation(train, folds, candidates, config, { ...options.run, onCandidate });
  const out: CacheFile = {
    format: CACHE_FORMAT,
    note: "Grouped CV average precision on the training split (lib/experiment/ablation.ts); written by notebook 01 or `npm run bench:embedding-choice -- --write` when its key no longer matches.",
    key,
    rows,
  };
  fs.writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
  return { rows, fromCache: false, stale, file: projectRelative(file) };
}
