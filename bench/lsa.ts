// Benchmark: fitting the LSA-384 embedder notebook 02 refits six times (TF-IDF word 1–2 + char 3–5 grams, then a
// randomized SVD with 5 power iterations) on the training split, with the WebAssembly SIMD kernels (the default)
// and with the plain TypeScript loops (SAFETY_SIGNAL_NO_SIMD=1), each in a child process of its own, in ABBA order
// over --repeats. Checks that both give the same projection bytes, and prints the median of each.
// Run: npm run bench:lsa [-- --repeats 2] [--rows N]
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { LsaEmbedder, DEFAULT_LSA_CONFIG } from "../lib/embeddings/lsa";
import { loadExperimentData } from "../lib/experiment/data";

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);

interface FitResult {
  rows: number;
  terms: number;
  seconds: number;
  sha256: string;
}

function child(): void {
  const train = loadExperimentData().train;
  const rows = Number(arg("--rows") ?? train.texts.length);
  const texts = train.texts.slice(0, rows);
  const started = process.hrtime.bigint();
  const lsa = LsaEmbedder.fit(texts, DEFAULT_LSA_CONFIG);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const v = lsa.transform(texts.slice(0, 200));
  const sha256 = createHash("sha256").update(new Uint8Array(v.data.buffer)).digest("hex");
  const result: FitResult = { rows, terms: lsa.vocabularySize, seconds, sha256 };
  process.stdout.write(JSON.stringify(result));
}

function run(plain: boolean): FitResult {
  const env = { ...process.env, SAFETY_SIGNAL_NO_SIMD: plain ? "1" : "0" };
  const rows = arg("--rows");
  const args = [...process.execArgv, __filename, "--child", "1", ...(rows ? ["--rows", rows] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { env, encoding: "utf8" })) as FitResult;
}

function main(): void {
  const repeats = Number(arg("--repeats") ?? 2);
  const times: Record<"kernels" | "plain", number[]> = { kernels: [], plain: [] };
  const hashes = new Set<string>();
  let shape = "";
  for (let r = 0; r < repeats; r++) {
    for (const plain of r % 2 ? [true, false] : [false, true]) {
      const res = run(plain);
      times[plain ? "plain" : "kernels"].push(res.seconds);
      hashes.add(res.sha256);
      shape = `${res.rows} texts × ${res.terms} terms → ${DEFAULT_LSA_CONFIG.dimension} dims`;
      console.log(`${plain ? "plain loops" : "SIMD kernels"}: ${res.seconds.toFixed(2)} s`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const [k, p] = [median(times.kernels), median(times.plain)];
  console.log(`LSA fit, ${shape}, median of ${repeats}: SIMD kernels ${k.toFixed(2)} s, plain loops ${p.toFixed(2)} s`);
  console.log(
    `  ${(p / k).toFixed(2)}× faster with the kernels; same projection bytes both ways: ${hashes.size === 1}`,
  );
  if (hashes.size !== 1) process.exitCode = 1;
}

if (arg("--child")) child();
else main();
