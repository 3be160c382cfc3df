// Notebook 02's summary figure: every pitfall's measured damage, ranked, coloured by its class.
import type { PitfallClass, RankedPitfall } from "../pitfalls/rank";
import { fixed } from "../util/numberText";
import type { BarTrace, Figure } from "./plotly";

const CLASS_COLORS: Record<PitfallClass, string> = {
  "invalidates the estimate": "#d62728",
  "inflates the reported number": "#ff7f0e",
  "no measurable effect here": "#7f7f7f",
};

/** "3. Evaluating on the training data<br><sub>logreg average precision…</sub>": rank, name, headline metric. */
function rowLabel(r: RankedPitfall): string {
  const name = r.variant ? `${r.title} (${r.variant})` : r.title;
  const notANumber = r.damage === null ? " · the faulty value is not a number" : "";
  return `${r.rank}. ${name}<br><sub>${r.headline.metric}${notANumber}</sub>`;
}

/**
 * One horizontal bar per pitfall: faulty − clean on its headline metric (all on a 0–1 scale), with its interval,
 * in rank order, one colour per class. A faulty value that is not a number (0/0) keeps its row with no bar.
 */
export function pitfallRankingFigure(ranked: readonly RankedPitfall[]): Figure {
  const labels = ranked.map(rowLabel);
  const classes = Object.keys(CLASS_COLORS) as PitfallClass[];
  const data: BarTrace[] = classes.map((c) => {
    const x = ranked.map((r) =>
      r.pitfallClass === c && r.damage !== null ? (r.headline.difference?.estimate ?? null) : null,
    );
    const iv = ranked.map((r) => (r.pitfallClass === c ? r.headline.difference : undefined));
    return {
      type: "bar",
      orientation: "h",
      name: c,
      y: labels,
      x,
      error_x: {
        type: "data",
        symmetric: false,
        array: x.map((v, i) => (v === null || !iv[i] ? 0 : iv[i].high - v)),
        arrayminus: x.map((v, i) => (v === null || !iv[i] ? 0 : v - iv[i].low)),
      },
      marker: { color: CLASS_COLORS[c] },
      // The value beside each bar: the small effects are too short to read off the axis.
      text: x.map((v) => (v === null ? "" : fixed(v, 3, true))),
      textposition: "auto",
    };
  });
  // Room beyond the widest interval for the labels drawn outside short bars.
  const ends = ranked.flatMap((r) =>
    r.damage === null || !r.headline.difference ? [0] : [r.headline.difference.low, r.headline.difference.high],
  );
  const pad = 0.12 * (Math.max(...ends, 0) - Math.min(...ends, 0) || 1);
  return {
    data,
    layout: {
      title: { text: "What each pitfall does to the number it reports, ranked (faulty − clean, with its interval)" },
      xaxis: {
        title: { text: "faulty − clean on the headline metric (0–1 scale)" },
        range: [Math.min(...ends, 0) - pad, Math.max(...ends, 0) + pad],
      },
      yaxis: { autorange: "reversed" },
      barmode: "overlay",
      height: 160 + 46 * ranked.length,
      margin: { l: 420, r: 20, t: 50, b: 90 },
      legend: { orientation: "h", y: -0.12 },
      shapes: [
        { type: "line", xref: "x", yref: "paper", x0: 0, x1: 0, y0: 0, y1: 1, line: { color: "#333", width: 1 } },
      ],
    },
  };
}
