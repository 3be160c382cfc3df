// What a label costs: an LLM call (tokens × an assumed price) against a person (seconds × an assumed wage).
import * as fs from "node:fs";
import * as path from "node:path";
import { DATA_DIR } from "../paths";
import { DataError, InvalidInputError } from "../errors";

/** The committed labeling prompts (data/prompts.md). */
export const PROMPTS_FILE = path.join(DATA_DIR, "prompts.md");

/** An assumption stated as a range: the low, central and high values we believe plausible. */
export interface Assumed {
  low: number;
  central: number;
  high: number;
}

/**
 * Tokens in a text, approximated as characters / 4 (the usual rule of thumb for English with
 * BPE tokenizers). No tokenizer of the unrecorded labeling model is available to count exactly.
 */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The fenced code blocks of prompts.md, in order, each under the nearest heading before it. */
export function promptsFromMarkdown(markdown: string): Array<{ heading: string; prompt: string }> {
  const out: Array<{ heading: string; prompt: string }> = [];
  let heading = "";
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (/^#+\s/.test(lines[i])) heading = lines[i].replace(/^#+\s*/, "").trim();
    if (lines[i].startsWith("```")) {
      const end = lines.findIndex((l, j) => j > i && l.startsWith("```"));
      if (end < 0)
        throw new InvalidInputError("markdown", `prompts file: code block opened on line ${i + 1} is never closed`);
      out.push({ heading, prompt: lines.slice(i + 1, end).join("\n") });
      i = end;
    }
  }
  if (!out.length) throw new InvalidInputError("markdown", "prompts file: no fenced code block (the prompt) found");
  return out;
}

/** The prompts of a prompts file (default: the committed data/prompts.md). */
export function readPrompts(file = PROMPTS_FILE): Array<{ heading: string; prompt: string }> {
  if (!fs.existsSync(file)) throw new DataError(file, "prompts file not found");
  try {
    return promptsFromMarkdown(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new DataError(file, (e as Error).message);
  }
}

/** What labeling with an LLM costs per call: token counts, batching and prices (as stated ranges). */
export interface LlmCostInputs {
  /** Tokens of each message (our data's length distribution). */
  messageTokens: readonly number[];
  promptTokens: number;
  /** Tokens the model answers with per message ("True"/"False" plus formatting). */
  outputTokensPerLabel: number;
  /** Messages per call: the prompt is paid once per call (the labels came in batches of a few hundred). */
  messagesPerCall: number;
  /** USD per million input and output tokens. */
  inputPrice: Assumed;
  outputPrice: Assumed;
}

/** A labeling cost per 1,000 labels at the low, central and high assumptions. */
export interface Cost {
  /** USD per 1,000 labels at the low, central and high assumptions. */
  perThousand: Assumed;
  /** Tokens per label (input, output), at the mean message length. */
  inputTokensPerLabel: number;
  outputTokensPerLabel: number;
}

const at = (f: (k: keyof Assumed) => number): Assumed => ({ low: f("low"), central: f("central"), high: f("high") });

/** Cost per 1,000 LLM labels: (prompt / batch + mean message + answer tokens) × price. */
export function llmCostPerThousand(x: LlmCostInputs): Cost {
  if (!x.messageTokens.length) throw new InvalidInputError("messageTokens", "no messages to measure token counts on");
  if (!(x.messagesPerCall >= 1))
    throw new InvalidInputError("messagesPerCall", `messagesPerCall must be ≥ 1, got ${x.messagesPerCall}`);
  const meanMessage = x.messageTokens.reduce((a, b) => a + b, 0) / x.messageTokens.length;
  const input = x.promptTokens / x.messagesPerCall + meanMessage;
  const output = x.outputTokensPerLabel;
  return {
    perThousand: at((k) => (1000 * (input * x.inputPrice[k] + output * x.outputPrice[k])) / 1e6),
    inputTokensPerLabel: input,
    outputTokensPerLabel: output,
  };
}

/** Cost per 1,000 human labels: seconds per label × hourly wage (low with low, high with high). */
export function humanCostPerThousand(
  secondsPerLabel: Assumed,
  hourlyWage: Assumed,
): { perThousand: Assumed; hoursPerThousand: Assumed } {
  return {
    perThousand: at((k) => (1000 * secondsPerLabel[k] * hourlyWage[k]) / 3600),
    hoursPerThousand: at((k) => (1000 * secondsPerLabel[k]) / 3600),
  };
}

/** Calling the LLM for every message against scoring it with the distilled model, at a stated monthly volume. */
export interface ServingInputs {
  /** Messages scored a month (a stated volume, not a measurement). */
  monthlyMessages: number;
  /** The LLM's cost per 1,000 messages (llmCostPerThousand). */
  llmPerThousand: Assumed;
  /** CPU milliseconds per message of the distilled model (encoder benchmark + measured classifier). */
  cpuMsPerMessage: number;
  /** USD per CPU-hour (assumed). */
  cpuHourPrice: Assumed;
  /** USD a month the distilled model costs whatever the volume (assumed: a small server, or a share of one). */
  fixedMonthly: Assumed;
}

/** Calling the LLM on every message against scoring with the distilled model: monthly costs and the break-even. */
export interface ServingEconomics {
  monthlyMessages: number;
  /** USD per 1,000 messages: the LLM (as given), and the distilled model's compute alone. */
  llmPerThousand: Assumed;
  distilledPerThousand: Assumed;
  /** USD a month: the LLM called on every message; the distilled model's compute; its compute plus fixed cost. */
  llmMonthly: Assumed;
  distilledComputeMonthly: Assumed;
  distilledMonthly: Assumed;
  /**
   * LLM cost per message over the distilled model's compute per message. The range pairs the extremes (cheapest
   * LLM with dearest CPU, and the reverse), so it is as wide as the assumptions allow.
   */
  perMessageRatio: Assumed;
  /**
   * Monthly messages above which the distilled model (fixed + compute) costs less than calling the LLM; the range
   * pairs the extremes the same way. Infinity: the LLM is never dearer per message.
   */
  breakEvenMessages: Assumed;
}

/** Monthly costs of both ways of scoring, the per-message ratio and the break-even volume, at every assumption. */
export function servingEconomics(x: ServingInputs): ServingEconomics {
  if (!(x.monthlyMessages > 0))
    throw new InvalidInputError("monthlyMessages", `monthlyMessages must be > 0, got ${x.monthlyMessages}`);
  if (!(x.cpuMsPerMessage > 0))
    throw new InvalidInputError("cpuMsPerMessage", `cpuMsPerMessage must be > 0, got ${x.cpuMsPerMessage}`);
  const llmPerMessage = (k: keyof Assumed) => x.llmPerThousand[k] / 1000;
  const cpuPerMessage = (k: keyof Assumed) => (x.cpuMsPerMessage / 3.6e6) * x.cpuHourPrice[k];
  const compute = at((k) => x.monthlyMessages * cpuPerMessage(k));
  const breakEven = (llm: keyof Assumed, cpu: keyof Assumed, fixed: keyof Assumed) => {
    const margin = llmPerMessage(llm) - cpuPerMessage(cpu);
    return margin > 0 ? x.fixedMonthly[fixed] / margin : Infinity;
  };
  return {
    monthlyMessages: x.monthlyMessages,
    llmPerThousand: x.llmPerThousand,
    distilledPerThousand: at((k) => 1000 * cpuPerMessage(k)),
    llmMonthly: at((k) => x.monthlyMessages * llmPerMessage(k)),
    distilledComputeMonthly: compute,
    distilledMonthly: at((k) => compute[k] + x.fixedMonthly[k]),
    perMessageRatio: {
      low: llmPerMessage("low") / cpuPerMessage("high"),
      central: llmPerMessage("central") / cpuPerMessage("central"),
      high: llmPerMessage("high") / cpuPerMessage("low"),
    },
    breakEvenMessages: {
      low: breakEven("high", "low", "low"),
      central: breakEven("central", "central", "central"),
      high: breakEven("low", "high", "high"),
    },
  };
}
