// What a label costs: an LLM call (tokens × an assumed price) against a person (seconds × an assumed wage).
import * as fs from "node:fs";
import * as path from "node:path";
import { DATA_DIR } from "../paths";

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
      if (end < 0) throw new Error(`prompts file: code block opened on line ${i + 1} is never closed`);
      out.push({ heading, prompt: lines.slice(i + 1, end).join("\n") });
      i = end;
    }
  }
  if (!out.length) throw new Error("prompts file: no fenced code block (the prompt) found");
  return out;
}

/** The prompts of a prompts file (default: the committed data/prompts.md). */
export function readPrompts(file = PROMPTS_FILE): Array<{ heading: string; prompt: string }> {
  if (!fs.existsSync(file)) throw new Error(`${file}: prompts file not found`);
  try {
    return promptsFromMarkdown(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

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
  if (!x.messageTokens.length) throw new Error("no messages to measure token counts on");
  if (!(x.messagesPerCall >= 1)) throw new Error(`messagesPerCall must be ≥ 1, got ${x.messagesPerCall}`);
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
