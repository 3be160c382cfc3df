// The economics of distilling vs calling the LLM, in words: what one message costs each way, measured or assumed.
import type { Assumed, ServingEconomics } from "../labels/economics";
import type { EmbedBenchmark, ScoringCost } from "../labels/serving";
import { count, fixed } from "./format";
import { dollars, givenDollars, roughly } from "./labelEvidence";

type Row = Record<string, string | number>;

const range = (a: Assumed, f: (x: number) => string) => `${f(a.low)} – ${f(a.high)}`;
const ms = (x: number) => (x >= 1000 ? `${fixed(x / 1000, 1)} s` : `${x < 10 ? fixed(x, 2) : fixed(x, 0)} ms`);
const messages = (x: number) => (x === Infinity ? "never" : `${roughly(x)} messages`);
const volumes = (a: Assumed) => `${roughly(a.low)} – ${messages(a.high)}`;

/** Where the distilled model's time goes per message: the encoder (its benchmark file) and the classifier (measured). */
export function servingCostTable(bench: EmbedBenchmark, scoring: ScoringCost, model: string): Row[] {
  const d = bench.default;
  const when = bench.measuredAt.slice(0, 10);
  return [
    {
      step: `sentence encoder: ${d.name}`,
      "CPU per message": ms(d.cpuMsPerMessage),
      "wall per message": ms(d.msPerMessage),
      source:
        `bench/results/embed.json: ${bench.rows} messages, ${d.workers} workers, ${bench.machine.backend}, ` +
        `${bench.machine.cores} cores, ${when}`,
    },
    {
      step: `${model} (TF-IDF and classifier)`,
      "CPU per message": ms(scoring.cpuMsPerMessage),
      "wall per message": ms(scoring.msPerMessage),
      source: `measured in this run: ${scoring.rows} test messages, median of ${scoring.repeats} (shared machine)`,
    },
    {
      step: "one message alone, encoder loaded fresh (predict --text)",
      "CPU per message": "",
      "wall per message": `${ms(bench.singleText.msPerMessage)} + ${ms(bench.singleText.loadMs)} load`,
      source: "bench/results/embed.json",
    },
  ];
}

/** The prices the economics assume (stated ranges): a CPU hour and a fixed monthly cost. */
export interface ServingAssumptions {
  cpuHourPrice: Assumed;
  fixedMonthly: Assumed;
}

/** Monthly cost both ways at the stated volume, the per-message ratio and the break-even volume. */
export function economicsTable(e: ServingEconomics, cpuMsPerMessage: number, a: ServingAssumptions): Row[] {
  const row = (quantity: string, central: string, spread: string): Row => ({
    quantity,
    central,
    "low – high (assumed ranges)": spread,
  });
  return [
    row("distilled model's CPU per message (measured)", ms(cpuMsPerMessage), "measured, not assumed"),
    row("CPU price per hour (assumed)", givenDollars(a.cpuHourPrice.central), range(a.cpuHourPrice, givenDollars)),
    row(
      "server for the distilled model, a month (assumed)",
      givenDollars(a.fixedMonthly.central),
      range(a.fixedMonthly, givenDollars),
    ),
    row("calling the LLM, a month", dollars(e.llmMonthly.central), range(e.llmMonthly, dollars)),
    row(
      "distilled model's CPU, a month",
      dollars(e.distilledComputeMonthly.central),
      range(e.distilledComputeMonthly, dollars),
    ),
    row(
      "LLM ÷ distilled CPU, per message",
      `about ${roughly(e.perMessageRatio.central)}×`,
      range(e.perMessageRatio, (x) => `${roughly(x)}×`),
    ),
    row("break-even: distilled cheaper above", messages(e.breakEvenMessages.central), volumes(e.breakEvenMessages)),
  ];
}

/** The takeaway title of the economics section: monthly costs at the stated volume, and the break-even. */
export function economicsTitle(e: ServingEconomics, a: ServingAssumptions): string {
  return (
    `### At ${count(e.monthlyMessages)} messages a month the LLM costs ` +
    `${dollars(e.llmMonthly.central)} and our model ${dollars(e.distilledComputeMonthly.central)} of CPU; ` +
    `a ${givenDollars(a.fixedMonthly.central)} server pays off above about ${messages(e.breakEvenMessages.central)}`
  );
}

/** Speaker notes for the economics slide: the measured inputs and the assumptions, with their ranges. */
export function economicsNotes(e: ServingEconomics): string {
  const r = e.perMessageRatio;
  return [
    `**Speaker notes.** Per message the distilled model is ${roughly(r.central)}× cheaper than calling the LLM ` +
      `(${roughly(r.low)}× – ${roughly(r.high)}× across the assumed prices; the ratio is rounded to one significant ` +
      `figure because the prices span two orders of magnitude). At this volume both bills are small: the money ` +
      `argument only wins once a server is paid for, above about ${messages(e.breakEvenMessages.central)} a month. ` +
      `The stronger reasons to distil are the ones the table cannot price: messages with names stay in house, the ` +
      `target cannot change under us when the vendor updates its model, and the same message always gets the same ` +
      `score.`,
    "",
    "Questions to expect:",
    "",
    `- "Where does the CPU time come from?" The encoder's from \`npm run bench:embed\` (its file says when and on ` +
      `what machine), the classifier's measured in this run; CPU time, because the machine was shared.`,
    `- "Why not a batched LLM call?" It cuts the prompt's share (see the cost table), not the privacy or drift.`,
    `- "What volume is realistic?" The stated one is an assumption; the break-even range says when it matters.`,
  ].join("\n");
}
