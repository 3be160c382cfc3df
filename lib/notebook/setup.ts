import { setTfBackendLogger } from "../models/tfBackend";
import { loadPlotly } from "../plots/notebook";
import { assertFreshBuild } from "./freshness";

/**
 * The first cell of every notebook: refuse a stale library build, load plotly
 * into the page once, and log the TensorFlow.js backend on stdout (on stderr it
 * would look like an error in the notebook).
 */
export function setupNotebook(): string {
  const status = assertFreshBuild();
  loadPlotly();
  setTfBackendLogger((m) => console.log(m));
  return status;
}
