import type { ThresholdPolicy } from "../metrics/threshold";
import { ConfigError } from "../errors";

/** Parse a policy written as text: "max-f1", "recall-at-precision:0.9", "precision-at-recall:0.8", "fixed:0.5". */
export function parsePolicy(text: string): ThresholdPolicy {
  const [kind, arg] = text.split(":");
  const value = Number(arg);
  const needValue = (what: string) => {
    if (arg === undefined || !(value > 0 && value <= 1))
      throw new ConfigError("policy", `"${text}": ${what} must be a number in (0, 1], e.g. ${kind}:0.9`);
  };
  switch (kind) {
    case "max-f1":
      return { kind: "maxF1" };
    case "recall-at-precision":
      needValue("the minimum precision");
      return { kind: "recallAtPrecision", minPrecision: value };
    case "precision-at-recall":
      needValue("the minimum recall");
      return { kind: "precisionAtRecall", minRecall: value };
    case "fixed":
      needValue("the threshold");
      return { kind: "fixed", threshold: value };
    default:
      throw new ConfigError(
        "policy",
        `"${text}" is not a policy (use max-f1, recall-at-precision:P, precision-at-recall:R or fixed:T)`,
      );
  }
}
