// The audit namespace of the public API (lib/index.ts): confident learning on the LLM's labels, and its review queue
// measured against its base rate.
export { confidentLearning, recallAtK, type LabelAudit, type Suspect } from "./confidentLearning";
export { auditLabels, type DatasetAudit } from "./auditDataset";
export { auditHitRates, reviewQueue, type AuditHitRate } from "./summary";
export { auditHitRateFigure } from "./auditFigures";
