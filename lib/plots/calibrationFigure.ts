import { calibrationBins } from "../metrics/probabilistic";
import { wilson } from "../metrics/proportion";
import type { ScoredModel } from "./figures";
import type { Figure } from "./plotly";
import { base, COLORS } from "./style";

/**
 * Reliability diagram: the share labeled True against the mean score per bin, each point with its Wilson 95%
 * interval and labeled with the number of messages it holds (a bin of 9 messages says little).
 */
export function calibrationFigure(
  models: readonly ScoredModel[],
  nBins = 10,
  title = "Calibration (reliability diagram)",
): Figure {
  const data: Figure["data"] = [
    {
      type: "scatter",
      mode: "lines",
      name: "perfectly calibrated",
      x: [0, 1],
      y: [0, 1],
      line: { dash: "dot", color: "#999" },
    },
  ];
  models.forEach((m, k) => {
    const bins = calibrationBins(m.y, m.scores, nBins).map((b) => ({
      ...b,
      ci: wilson(Math.round(b.fractionPositive * b.count), b.count),
    }));
    data.push({
      type: "scatter",
      mode: "lines+markers+text",
      name: `${m.name} (label: messages in the bin)`,
      x: bins.map((b) => b.meanPredicted),
      y: bins.map((b) => b.fractionPositive),
      text: bins.map((b) => `${b.count}`),
      textposition: k % 2 ? "bottom right" : "top left",
      textfont: { size: 11, color: COLORS[k % COLORS.length] },
      error_y: {
        type: "data",
        symmetric: false,
        array: bins.map((b) => b.ci.high - b.fractionPositive),
        arrayminus: bins.map((b) => b.fractionPositive - b.ci.low),
      },
      line: { color: COLORS[k % COLORS.length] },
    });
  });
  return {
    data,
    layout: base(title, "mean predicted probability", "fraction labeled True (95% Wilson interval)", {
      xaxis: { range: [0, 1], title: { text: "mean score in the bin" } },
      yaxis: { range: [0, 1.05], title: { text: "fraction labeled True (95% Wilson interval)" } },
      height: 480,
    }),
  };
}
