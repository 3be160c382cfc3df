// Presentation helpers (lib/present/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fmtEstimate } from "../lib/present/labelEvidence";

test("estimates: a difference keeps every digit in its interval, so one that crosses 0 shows it; no -0.000", () => {
  assert.equal(fmtEstimate({ value: 0.0104, lo: -0.0041, hi: 0.0412, n: 9 }), "0.010 [0.00, 0.04]");
  assert.equal(fmtEstimate({ value: 0.0104, lo: -0.0041, hi: 0.0412, n: 9 }, 3, true), "+0.010 [-0.004, +0.041]");
  assert.equal(fmtEstimate({ value: -0.0002, lo: -0.0031, hi: 0.0094, n: 9 }, 3, true), "0.000 [-0.003, +0.009]");
  assert.equal(fmtEstimate({ value: 8, lo: -1, hi: 18, n: 3022 }, 0, true), "+8 [-1, +18]");
});
