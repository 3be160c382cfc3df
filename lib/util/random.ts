import { InvalidInputError } from "../errors";
/**
 * Seeded pseudo-random numbers (mulberry32): small, fast and identical on every
 * platform, so the same seed gives the same split, folds and bootstrap.
 */
export type Rng = () => number;

/** A seeded uniform generator on [0, 1) (mulberry32): the same seed gives the same stream on every machine. */
export function makeRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new InvalidInputError("seed", `seed must be an integer, got ${seed}`);
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [0, n). */
export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Standard normal via Box–Muller (used for seeded weight initialisation). */
export function gaussian(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
