// Times matrix products with core's jsKernels and with WasmKernels and prints GFLOP/s (not a test).
//
//   pnpm --filter @bpnet/wasm bench          (runs from the TypeScript sources; no build needed)
//
// The shapes are a 64-sample batch through a 784 → 128 dense layer (MNIST-sized): forward x·W (matmul), the weight
// gradient xᵀ·δ (matmulTransposeA, k = 64) and the input sensitivity δ·Wᵀ (matmulTransposeB, k = 128). "staged" is
// WasmKernels on ordinary JavaScript matrices (copied in and out on each call); "resident" on matrices it made in its
// own memory (what layers use); "2 threads" shares each product with a worker thread; "f32" is the float32 kernels.
import { jsKernels, type Kernels, Matrix, SeededRandom } from '@bpnet/core';
import { randomMatrix } from '@bpnet/core/testing';
import { workerProductThreads } from '../src/node/worker-product-threads.js';
import { WasmKernels } from '../src/wasm-kernels.js';

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

type Product = 'matmul' | 'matmulTransposeA' | 'matmulTransposeB';
const cases: { label: string; product: Product; a: Matrix; b: Matrix }[] = [
  {
    label: `x·W   matmul           ${m}×${k} · ${k}×${n}`,
    product: 'matmul',
    a: randomMatrix(m, k, random),
    b: randomMatrix(k, n, random),
  },
  {
    label: `xᵀ·δ  matmulTransposeA (${m}×${k})ᵀ · ${m}×${n}`,
    product: 'matmulTransposeA',
    a: randomMatrix(m, k, random),
    b: randomMatrix(m, n, random),
  },
  {
    label: `δ·Wᵀ  matmulTransposeB ${m}×${n} · (${k}×${n})ᵀ`,
    product: 'matmulTransposeB',
    a: randomMatrix(m, n, random),
    b: randomMatrix(k, n, random),
  },
];

/** `matrix` copied into memory `kernels` computes in. */
function resident(kernels: Kernels, matrix: Matrix): Matrix {
  const copy = kernels.matrix(matrix.rows, matrix.cols);
  copy.data.set(matrix.data);
  return copy;
}

const threaded = new WasmKernels({ threads: workerProductThreads(2) });
const threaded32 = new WasmKernels({ precision: 'float32', threads: workerProductThreads(2) });
const configurations: { name: string; kernels: Kernels; inPlace: boolean }[] = [
  { name: 'js', kernels: jsKernels, inPlace: false },
  { name: 'staged', kernels: new WasmKernels(), inPlace: false },
  { name: 'resident', kernels: new WasmKernels(), inPlace: true },
  { name: '2 threads', kernels: threaded, inPlace: true },
  { name: 'f32', kernels: new WasmKernels({ precision: 'float32' }), inPlace: true },
  { name: 'f32 2 thr', kernels: threaded32, inPlace: true },
];
// The helper thread starts
while (!threaded.threadsReady || !threaded32.threadsReady) await new Promise((resolve) => setTimeout(resolve, 10));
console.log(
  `GFLOP/s for an m×k·k×n product, m=${m} k=${k} n=${n} ` +
    `(${(flops / 1e6).toFixed(1)} MFLOP per call), best of 5 rounds; Node ${process.version}`,
);
console.log(`${'product'.padEnd(48)}${configurations.map((c) => c.name.padStart(11)).join('')}`);
for (const { label, product, a, b } of cases) {
  const row = configurations.map(({ kernels, inPlace }) => {
    const [rows, cols] =
      product === 'matmulTransposeA' ? [a.cols, b.cols] : product === 'matmul' ? [a.rows, b.cols] : [a.rows, b.rows];
    const [x, y, out] = inPlace
      ? [resident(kernels, a), resident(kernels, b), kernels.matrix(rows, cols)]
      : [a, b, Matrix.zeros(rows, cols)];
    return (flops / time(() => void kernels[product](x, y, out)) / 1e9).toFixed(2).padStart(11);
  });
  console.log(`${label.padEnd(48)}${row.join('')}`);
}
threaded.close();
threaded32.close();
