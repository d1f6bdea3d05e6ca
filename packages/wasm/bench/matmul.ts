// Times matrix products with core's jsKernels and with WasmKernels and prints GFLOP/s (not a test).
//
//   pnpm --filter @bpnet/wasm bench          (runs from the TypeScript sources; no build needed)
//
// The shape is a 64-sample batch through a 784 → 128 dense layer (MNIST-sized): forward x·W (matmul), the weight
// gradient xᵀ·δ (matmulTransposeA) and the input sensitivity δ·Wᵀ (matmulTransposeB). "wasm" is what a layer gets
// (copies in and out included); "wasm kernel only" runs the compiled kernel on operands already in wasm memory.
import { jsKernels, type Kernels, Matrix, SeededRandom } from '@bpnet/core';
import { randomMatrix } from '@bpnet/core/testing';
import { WasmKernels } from '../src/wasm-kernels.js';
import { instantiateKernels } from '../src/wasm-module.js';

const [m, k, n] = [64, 784, 128];
const flops = 2 * m * k * n;
const random = new SeededRandom(1);

/** Best of five rounds of ≥ 0.3 s each, in seconds per call. */
function time(run: () => void): number {
  for (let i = 0; i < 20; i++) run(); // warm-up, so the code is optimized before it is timed
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < 300) {
      run();
      calls++;
      elapsed = performance.now() - start;
    }
    best = Math.min(best, elapsed / 1000 / calls);
  }
  return best;
}

/** A kernel-only runner: the operands are copied into a fresh instance's memory once. */
function kernelOnly(product: 'matmul' | 'matmulTransposeA' | 'matmulTransposeB', a: Matrix, b: Matrix): () => void {
  const { exports, memory } = instantiateKernels(16);
  const scratchLength = 4 * k * Math.ceil(n / 4);
  const bytes = (a.data.length + b.data.length + m * n + scratchLength) * 8 + exports.heapBase() + 256;
  memory.grow(Math.ceil(bytes / 65536));
  const pa = Math.ceil(exports.heapBase() / 16) * 16;
  const pb = pa + a.data.length * 8 + 32;
  const pc = pb + b.data.length * 8 + 32;
  const scratch = pc + m * n * 8 + 32;
  const view = new Float64Array(memory.buffer);
  view.set(a.data, pa / 8);
  view.set(b.data, pb / 8);
  if (product === 'matmulTransposeA') return () => exports.matmulTransposeA(pa, pb, pc, k, m, n, 0, scratch);
  return () => exports[product](pa, pb, pc, m, k, n, 0, scratch);
}

const x = randomMatrix(m, k, random); // batch × inputs
const w = randomMatrix(k, n, random); // inputs × units
const xt = randomMatrix(k, m, random); // for xᵀ·δ as aᵀ·b with a: k×m
const d = randomMatrix(k, n, random);
const wt = randomMatrix(n, k, random); // for δ·Wᵀ as a·bᵀ with b: n×k
const out = Matrix.zeros(m, n);
const wasm = new WasmKernels();

const cases: { label: string; product: 'matmul' | 'matmulTransposeA' | 'matmulTransposeB'; a: Matrix; b: Matrix }[] = [
  { label: `matmul           ${m}×${k} · ${k}×${n}`, product: 'matmul', a: x, b: w },
  { label: `matmulTransposeA (${k}×${m})ᵀ · ${k}×${n}`, product: 'matmulTransposeA', a: xt, b: d },
  { label: `matmulTransposeB ${m}×${k} · (${n}×${k})ᵀ`, product: 'matmulTransposeB', a: x, b: wt },
];

console.log(`GFLOP/s for an m×k·k×n product, m=${m} k=${k} n=${n} (${(flops / 1e6).toFixed(1)} MFLOP per call), best of 5 rounds; Node ${process.version}`);
console.log(`${'product'.padEnd(40)}  ${'js'.padStart(7)}  ${'wasm'.padStart(7)}  ${'wasm kernel only'.padStart(16)}  wasm/js`);
for (const { label, product, a, b } of cases) {
  const gflops = (seconds: number) => flops / seconds / 1e9;
  const run = (kernels: Kernels) => () => void kernels[product](a, b, out);
  const js = gflops(time(run(jsKernels)));
  const viaCopies = gflops(time(run(wasm)));
  const raw = gflops(time(kernelOnly(product, a, b)));
  console.log(`${label.padEnd(40)}  ${js.toFixed(2).padStart(7)}  ${viaCopies.toFixed(2).padStart(7)}  ${raw.toFixed(2).padStart(16)}  ${(viaCopies / js).toFixed(1).padStart(6)}×`);
}
