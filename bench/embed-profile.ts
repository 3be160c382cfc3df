// Where the encoder's time goes, before and after, on one thread: the same messages through the
// published graph one message per call (before) and through the default path (after), with CPU time
// taken around every TF.js kernel and every SIMD kernel. FLOPs are counted from the shapes of the
// graph's own matrix products as it runs them; the machine's rate is a matrix product of a comparable
// shape ([512 × 512] · [512 × 1536]) on TF.js (XNNPACK) and on the encoder's kernel.
// Run: npm run bench:embed-profile [-- --rows 300]
import * as os from "node:os";
import { loadDataset } from "../lib/data/dataset";
import { UseLiteEncoder } from "../lib/embeddings/use/encoder";
import { encoderKernels, KernelExports, packPanels } from "../lib/embeddings/use/kernels";
import { makeTokenizer } from "../lib/embeddings/use/tokenizer";
import { readUseModel } from "../lib/embeddings/use/files";
import { initTfBackend, tf } from "../lib/models/tfBackend";
import { DEFAULT_DATA_FILE } from "../lib/paths";

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU milliseconds and FLOPs by category, filled by the wrappers below. */
const spent = new Map<string, number>();
const flops = new Map<string, number>();
let kernelCalls = 0;
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

interface Shaped {
  shape: number[];
}

/** Every TF.js wasm kernel wrapped: its CPU time, and for matrix products 2·M·K·N (attention: batched ones). */
function wrapTfKernels(): void {
  for (const config of tf.getKernelsForBackend("wasm")) {
    const run = config.kernelFunc;
    tf.unregisterKernel(config.kernelName, "wasm");
    tf.registerKernel({
      ...config,
      setupFunc: undefined,
      kernelFunc: (args) => {
        const t = cpuMs();
        const out = run(args);
        const ms = cpuMs() - t;
        kernelCalls++;
        const inputs = args.inputs as Record<string, Shaped | undefined>;
        let category = "other TF.js kernels";
        if (config.kernelName === "BatchMatMul" || config.kernelName === "Conv2D") {
          const a = (inputs.a ?? inputs.x)?.shape ?? [];
          const b = (inputs.b ?? inputs.filter)?.shape ?? [];
          const batched = config.kernelName === "BatchMatMul" && a.length > 2 && a[0] * (a.length > 3 ? a[1] : 1) > 1;
          category = batched ? "attention products (TF.js scalar loop)" : "dense products (XNNPACK)";
          const rows = a.slice(0, -1).reduce((p, q) => p * q, 1);
          const transposed = batched && (args.attrs as { transposeB?: boolean }).transposeB;
          const n = transposed ? b[b.length - 2] : b[b.length - 1];
          add(flops, category, 2 * rows * a[a.length - 1] * n);
        }
        add(spent, category, ms);
        return out;
      },
    });
  }
}

/** The SIMD kernels wrapped the same way. */
function wrapSimdKernels(k: KernelExports): void {
  const names: Record<string, string> = {
    gemm: "dense products (SIMD gemm)",
    scores: "attention products (SIMD)",
    context: "attention products (SIMD)",
    layerNorm: "layer norm, mean (SIMD)",
    meanRows: "layer norm, mean (SIMD)",
  };
  for (const name of ["gemm", "scores", "context", "layerNorm", "meanRows"] as const) {
    const run = k[name];
    k[name] = (...a: number[]) => {
      const t = cpuMs();
      Reflect.apply(run, undefined, a);
      add(spent, names[name], cpuMs() - t);
      if (name === "gemm") add(flops, names[name], 2 * a[1] * a[2] * a[4]);
    };
  }
}

function report(title: string, n: number, totalMs: number, tokenizeMs: number): void {
  console.log(`${title}: ${(totalMs / n).toFixed(2)} ms CPU per message`);
  const rows = [...spent].sort((a, b) => b[1] - a[1]);
  const inKernels = rows.reduce((s, [, v]) => s + v, 0);
  for (const [k, v] of rows) {
    const f = flops.get(k);
    const rate = f ? `, ${(f / v / 1e6).toFixed(1)} GFLOP/s` : "";
    console.log(`  ${k.padEnd(40)} ${(v / n).toFixed(2).padStart(6)} ms (${((100 * v) / totalMs).toFixed(0)}%${rate})`);
  }
  console.log(`  ${"tokenizer".padEnd(40)} ${(tokenizeMs / n).toFixed(2).padStart(6)} ms`);
  const rest = totalMs - inKernels - tokenizeMs;
  console.log(
    `  ${"outside kernels (executor, JS, copies)".padEnd(40)} ${(rest / n).toFixed(2).padStart(6)} ms (${((100 * rest) / totalMs).toFixed(0)}%)`,
  );
  spent.clear();
  flops.clear();
}

function matrixRates(k: KernelExports): { tfjs: number; simd: number } {
  const [M, K, N] = [512, 512, 1536];
  const a = tf.randomNormal([M, K], 0, 1, "float32", 1);
  const b = tf.randomNormal([K, N], 0, 0.05, "float32", 2);
  const best = (f: () => void) => {
    f();
    let ms = Infinity;
    for (let r = 0; r < 9; r++) {
      const t = cpuMs();
      f();
      ms = Math.min(ms, cpuMs() - t);
    }
    return (2 * M * K * N) / ms / 1e6;
  };
  const tfjs = best(() => tf.matMul(a, b).dispose());
  const floats = (n: number) => (4 * n + 15) & ~15;
  // Past everything the encoder keeps in the kernels' memory (its packed weights).
  const base = k.memory.buffer.byteLength;
  const [aAt, bAt, biasAt] = [base, base + floats(M * K), base + floats(M * K) + floats(K * N)];
  const outAt = biasAt + floats(N);
  const need = outAt + floats(M * N) - base;
  if (need > 0) k.memory.grow(Math.ceil(need / 65536));
  const mem = new Float32Array(k.memory.buffer);
  mem.set(a.dataSync(), aAt / 4);
  mem.set(packPanels(b.dataSync() as Float32Array, K, N), bAt / 4);
  mem.fill(0, biasAt / 4, biasAt / 4 + N);
  const simd = best(() => k.gemm(aAt, M, K, bAt, N, biasAt, outAt, 0, 0));
  tf.dispose([a, b]);
  return { tfjs, simd };
}

async function main(): Promise<void> {
  const rows = Number(arg("--rows") ?? 300);
  const all = loadDataset(DEFAULT_DATA_FILE).usable.map((r) => r.message);
  const step = Math.max(1, Math.floor(all.length / rows));
  const texts = all.filter((_, i) => i % step === 0).slice(0, rows);
  await initTfBackend(() => {});
  const k = encoderKernels();
  if (!k) throw new Error("WebAssembly SIMD is unavailable: nothing to profile");
  const encoder = await UseLiteEncoder.load();
  const tokenizer = makeTokenizer(readUseModel().vocabulary);
  // Warm both paths (graph load, kernels, weights packed) before measuring.
  await encoder.embed(texts.slice(0, 3), { workers: 1, batchSize: 1 });
  await encoder.embed(texts.slice(0, 3), { workers: 1 });
  let t = cpuMs();
  const tokens = texts.map((s) => tokenizer.encode(s).length);
  const tokenizeMs = cpuMs() - t;
  const clipped = tokens.map((n) => Math.min(n, 128));
  console.log(
    `${texts.length} messages (every ${step}th usable one), ${(clipped.reduce((a, b) => a + b, 0) / texts.length).toFixed(1)} ` +
      `tokens each on average (the graph keeps 128), 1 thread, ${os.availableParallelism()} cores, ` +
      `load average ${os.loadavg()[0].toFixed(1)}`,
  );

  wrapTfKernels();
  kernelCalls = 0;
  t = cpuMs();
  await encoder.embed(texts, { workers: 1, batchSize: 1 });
  const beforeMs = cpuMs() - t;
  const calls = kernelCalls;
  const perMessage = (name: string) => (flops.get(name) ?? 0) / texts.length / 1e6;
  const dense = perMessage("dense products (XNNPACK)");
  const attention = perMessage("attention products (TF.js scalar loop)");
  report("before: one message per graph call", texts.length, beforeMs, tokenizeMs);
  console.log(`  ${(calls / texts.length).toFixed(0)} TF.js kernel calls per message`);

  wrapSimdKernels(k);
  t = cpuMs();
  await encoder.embed(texts, { workers: 1 });
  report("after: equal-length batches on the SIMD kernels", texts.length, cpuMs() - t, tokenizeMs);

  const rate = matrixRates(k);
  console.log(
    `arithmetic per message: ${dense.toFixed(0)} MFLOP in dense products + ${attention.toFixed(1)} MFLOP in attention ` +
      `(from the graph's matrix products as it ran them)`,
  );
  console.log(
    `machine, [512×512]·[512×1536] on one core: TF.js (XNNPACK) ${rate.tfjs.toFixed(1)} GFLOP/s, ` +
      `SIMD gemm ${rate.simd.toFixed(1)} GFLOP/s (best of 9, CPU time)`,
  );
  process.exit(0);
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
