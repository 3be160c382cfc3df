// Presentation helpers (lib/present/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fmtEstimate } from "../lib/present/labelEvidence";
import type { Interval } from "../lib/metrics/interval";

const interval = (estimate: number, low: number, high: number, n: number): Interval => ({
  estimate,
  low,
  high,
  level: 0.95,
  method: "bootstrap",
  n,
});

test("estimates: a difference keeps every digit in its interval, so one that crosses 0 shows it; no -0.000", () => {
  assert.equal(fmtEstimate(interval(0.0104, -0.0041, 0.0412, 9)), "0.010 [0.00, 0.04]");
  assert.equal(fmtEstimate(interval(0.0104, -0.0041, 0.0412, 9), 3, true), "+0.010 [-0.004, +0.041]");
  assert.equal(fmtEstimate(interval(-0.0002, -0.0031, 0.0094, 9), 3, true), "0.000 [-0.003, +0.009]");
  assert.equal(fmtEstimate(interval(8, -1, 18, 3022), 0, true), "+8 [-1, +18]");
});
