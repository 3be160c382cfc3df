// The figures' shared look: one colour per model in order, and the base layout every figure starts from.
import type { Layout } from "./plotly";

export const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];
export const base = (title: string, x: string, y: string, extra: Layout = {}): Layout => ({
  title: { text: title },
  xaxis: { title: { text: x } },
  yaxis: { title: { text: y } },
  margin: { l: 60, r: 20, t: 50, b: 50 },
  height: 420,
  legend: { orientation: "h", y: -0.2 },
  ...extra,
});
