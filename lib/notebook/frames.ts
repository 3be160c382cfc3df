import type { DataFrame } from "danfojs-node";
import { htmlTable, showTable } from "../plots/notebook";

type Row = Record<string, string | number | boolean | null>;

/**
 * A danfojs DataFrame from plain rows (danfojs-node is loaded on first use:
 * it is heavy, and only notebooks need it).
 */
export function toDataFrame(rows: Row[]): DataFrame {
  const dfd: typeof import("danfojs-node") = require("danfojs-node");
  return new dfd.DataFrame(rows);
}

/** Rows of a danfojs DataFrame back as plain objects. */
export function frameRows(df: DataFrame): Row[] {
  const cols: string[] = df.columns;
  return (df.values as unknown[][]).map((vals) => Object.fromEntries(cols.map((c, k) => [c, vals[k] as Row[string]])));
}

/** Show a DataFrame as an HTML table in the notebook (danfojs's own print is a console table). */
export function showFrame(df: DataFrame, caption?: string): void {
  showTable(frameRows(df), caption);
}

export { htmlTable };
