// The models namespace of the public API (lib/index.ts): estimators with fit / predictProba (scikit-learn's
// convention), their settings, and their saved formats (declared, checked on load).
export { NotFittedError } from "../errors";
export { type BinaryClassifier, type ClassWeight, type Estimator } from "./types";
export { StandardScaler } from "./scaler";
export { LogisticRegression, type ConvergenceInfo, type LogisticRegressionOptions } from "./logisticRegression";
export { logregJsonSchema, type LogregJSON } from "./logregFormat";
export { MlpClassifier } from "./mlp";
export {
  DEFAULT_MLP_OPTIONS,
  DEFAULT_MLP_SETTINGS,
  mlpOptionsSchema,
  mlpSettingsSchema,
  type MlpOptions,
  type MlpSettings,
} from "./mlpOptions";
export { mlpJsonSchema, type EpochLog, type MlpFitInfo, type MlpJSON } from "./mlpFormat";
export {
  DEFAULT_KEYWORDS,
  KeywordClassifier,
  keywordJsonSchema,
  MajorityClassifier,
  majorityJsonSchema,
  type KeywordJSON,
  type MajorityJSON,
  type TextInput,
} from "./baselines";
