/**
 * The part of plotly's figure schema these figures use, typed so that a misspelt attribute or a value of the
 * wrong kind fails to compile instead of being ignored by plotly at draw time. Add an attribute here when a
 * figure needs it (names and meanings as in https://plotly.com/javascript/reference/).
 */

export type Dash = "solid" | "dot" | "dash";
/** A value per point; null leaves a gap. */
export type Values = ReadonlyArray<number | null> | readonly string[];

export interface Font {
  size?: number;
  color?: string;
}

export interface LineStyle {
  color?: string | readonly string[];
  dash?: Dash;
  width?: number;
  /** "vh": a step that goes vertical first (how average precision integrates a precision–recall curve). */
  shape?: "linear" | "vh";
}

export interface MarkerStyle {
  size?: number;
  color?: string | readonly string[];
  symbol?: string | readonly string[];
  line?: LineStyle;
}

/** Asymmetric error bars: `array` above (or right of) each value, `arrayminus` below. */
export interface ErrorBars {
  type: "data";
  symmetric: false;
  array: readonly number[];
  arrayminus: readonly number[];
}

export interface ScatterTrace {
  type: "scatter";
  mode: "lines" | "markers" | "lines+markers" | "lines+markers+text" | "markers+text";
  name?: string;
  x: Values;
  y: Values;
  text?: readonly string[];
  /** Where `text` sits beside each point (with a "+text" mode). */
  textposition?: "top center" | "bottom center" | "middle right" | "top left" | "bottom right";
  textfont?: Font;
  error_y?: ErrorBars;
  line?: LineStyle;
  marker?: MarkerStyle;
  showlegend?: boolean;
  connectgaps?: boolean;
  hoverinfo?: "x" | "y" | "text" | "name";
}

export interface BarTrace {
  type: "bar";
  name?: string;
  orientation?: "v" | "h";
  x: Values;
  y: Values;
  error_x?: ErrorBars;
  error_y?: ErrorBars;
  marker?: MarkerStyle;
  /** A label per bar, drawn where `textposition` says. */
  text?: readonly string[];
  textposition?: "inside" | "outside" | "auto" | "none";
}

export interface HeatmapTrace {
  type: "heatmap";
  z: number[][];
  x: readonly string[];
  y: readonly string[];
  text?: string[][];
  texttemplate?: string;
  textfont?: Font;
  /** [position 0–1, color] stops. */
  colorscale?: Array<[number, string]>;
  showscale?: boolean;
}

interface TableRowStyle {
  align?: "left" | "center" | "right";
  height?: number;
  font?: Font;
  fill?: { color: string };
}

/** One heading per column. */
export interface TableHeader extends TableRowStyle {
  values: readonly string[];
}

/** Table cells are given column by column. */
export interface TableCells extends TableRowStyle {
  values: Array<Array<string | number>>;
}

export interface TableTrace {
  type: "table";
  domain: { x: [number, number]; y: [number, number] };
  columnwidth?: number[];
  header: TableHeader;
  cells: TableCells;
}

/** The plotly traces the figures use (scatter, bar, heatmap, table), typed as far as the figures need. */
export type Trace = ScatterTrace | BarTrace | HeatmapTrace | TableTrace;

export interface Axis {
  title?: { text: string; standoff?: number };
  range?: [number, number];
  domain?: [number, number];
  type?: "linear" | "log";
  autorange?: "reversed";
}

export interface LineShape {
  type: "line";
  xref?: "x" | "paper";
  yref?: "y" | "paper";
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  line: LineStyle;
}

/**
 * One slider position: `method: "update"` applies `args` = [per-trace attribute changes, layout changes, the
 * indices of the traces changed]. Attribute paths ("cells.values", "shapes[1].x0") are plotly's, so the
 * two change objects are typed by the figure that builds them.
 */
export interface SliderStep<TraceUpdate extends object, LayoutUpdate extends object> {
  method: "update";
  label: string;
  value: string;
  args: [TraceUpdate, LayoutUpdate, number[]];
}

export interface Slider<TraceUpdate extends object, LayoutUpdate extends object> {
  active: number;
  steps: Array<SliderStep<TraceUpdate, LayoutUpdate>>;
  x?: number;
  len?: number;
  y?: number;
  yanchor?: "top" | "middle" | "bottom";
  pad?: { t?: number; b?: number };
  ticklen?: number;
  font?: Font;
  currentvalue?: {
    visible: boolean;
    prefix?: string;
    xanchor?: "left" | "center" | "right";
    offset?: number;
    font?: Font;
  };
}

/** The plotly layout fields the figures set. */
export interface Layout {
  title?: { text: string };
  xaxis?: Axis;
  yaxis?: Axis;
  margin?: { l: number; r: number; t: number; b: number };
  height?: number;
  legend?: { orientation: "h" | "v"; x?: number; y?: number };
  showlegend?: boolean;
  barmode?: "group" | "stack" | "overlay";
  shapes?: LineShape[];
  // The explorer's slider carries its own change types; the layout only needs to hold and serialize it.
  sliders?: Array<Slider<object, object>>;
}

/** A plotly figure as plain data: what Plotly.newPlot(div, data, layout) takes. Unit-testable, JSON-serializable. */
export interface Figure {
  data: Trace[];
  layout: Layout;
}
