import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  CONTROL_HEADER,
  CONTROL_PER_THREAD,
  MAX_THREADS,
  type ProductCall,
  type ProductThreads,
  type ProductThreadsFactory,
} from '../product-threads.js';
import { type KernelsInstance, PRODUCT_EXPORTS, type ProductExport } from '../wasm-module.js';

/**
 * Polls of a job number before a thread sleeps on it (some tens of microseconds). Longer spins take the core from
 * the calling thread's own work between products; shorter ones pay a futex wake-up (tens of microseconds) per product.
 */
const SPINS = 50_000;

/** A helper's ready slot: 1 once it has started, FAILED once a product threw in it. */
const READY = 1;
const FAILED = 2;

/**
 * Control slots of the current product's panel count and of its next unclaimed pair of panels: threads claim two
 * panels (64 bytes of a float64 row, 2 × 32) at a time, so neighbouring columns written by different threads share
 * fewer cache lines.
 */
const PANELS = 12;
const NEXT_CLAIM = 13;
const PANELS_PER_CLAIM = 2;
/**
 * A helper's slots after its first: the job number it has done, its ready (or failed) flag, the panels it has computed.
 */
const DONE = 0;
const STATE = 1;
const COMPUTED = 2;

/**
 * The helper thread, as CommonJS source for `new Worker(source, { eval: true })`: it instantiates the kernels on the
 * shared memory, says it is ready, then for each new job number claims panels and computes them until none are
 * left, and records the job as done.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, controlOffset, controlLength, index } = workerData;
const { exports } = new WebAssembly.Instance(module, { env: { memory } });
const kernels = ${JSON.stringify(PRODUCT_EXPORTS)}.map((name) => exports[name]);
const control = new Int32Array(memory.buffer, controlOffset, controlLength);
const slot = ${CONTROL_HEADER} + ${CONTROL_PER_THREAD} * index;
let seen = Atomics.load(control, 0);
Atomics.store(control, slot + ${STATE}, ${READY});
for (;;) {
  for (let spin = 0; spin < ${SPINS} && Atomics.load(control, 0) === seen; spin++);
  Atomics.wait(control, 0, seen);
  seen = Atomics.load(control, 0);
  const panels = control[${PANELS}], kernel = kernels[control[1]];
  const a = control[2] >>> 0, b = control[3] >>> 0, out = control[4] >>> 0;
  const size0 = control[5], size1 = control[6], n = control[7];
  const accumulate = control[8], scratch = control[9] >>> 0, packedA = control[10] >>> 0, row = control[11] >>> 0;
  try {
    for (
      let first = ${PANELS_PER_CLAIM} * Atomics.add(control, ${NEXT_CLAIM}, 1);
      first < panels;
      first = ${PANELS_PER_CLAIM} * Atomics.add(control, ${NEXT_CLAIM}, 1)
    ) {
      const last = Math.min(first + ${PANELS_PER_CLAIM}, panels);
      kernel(a, b, out, size0, size1, n, accumulate, scratch, packedA, first, last, row);
      Atomics.add(control, slot + ${COMPUTED}, last - first);
    }
  } catch {
    Atomics.store(control, slot + ${STATE}, ${FAILED}); // the caller throws; the job is still marked done below
  }
  Atomics.store(control, slot + ${DONE}, seen);
  Atomics.notify(control, slot + ${DONE});
}
`;

/**
 * Node worker threads for the WebAssembly products: `count` threads in all (the caller's and `count − 1` workers),
 * by default one per available core. Pass it to `WasmKernels` or use {@link threadedWasmKernelsModule}.
 */
export function workerProductThreads(count: number = availableParallelism()): ProductThreadsFactory {
  if (!Number.isInteger(count) || count < 1 || count > MAX_THREADS) {
    throw new Error(`workerProductThreads: count must be an integer from 1 to ${MAX_THREADS}, got ${count}`);
  }
  return (instance, control) => new WorkerProductThreads(instance, control, count);
}

class WorkerProductThreads implements ProductThreads {
  private readonly workers: Worker[] = [];
  private job = 0;
  private started = false;
  private failed = false;
  /** The calling thread's product exports, by `PRODUCT_EXPORTS` index. */
  private readonly kernels: readonly ProductExport[];

  constructor(
    instance: KernelsInstance,
    private readonly control: Int32Array,
    readonly count: number,
  ) {
    this.kernels = PRODUCT_EXPORTS.map((name) => instance.exports[name] as ProductExport);
    for (let index = 1; index < count; index++) {
      const workerData = {
        module: instance.module,
        memory: instance.memory,
        controlOffset: control.byteOffset,
        controlLength: control.length,
        index,
      };
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
      worker.unref(); // idle helpers never keep the process alive
      worker.on('error', () => undefined); // a helper that fails to start never says it is ready, so it is never used
      this.workers.push(worker);
    }
  }

  run(call: ProductCall): boolean {
    const { control, count } = this;
    if (!this.ready) return false;
    control[1] = call.kernel;
    control[2] = call.a;
    control[3] = call.b;
    control[4] = call.out;
    control[5] = call.size0;
    control[6] = call.size1;
    control[7] = call.n;
    control[8] = call.accumulate;
    control[9] = call.scratch;
    control[10] = call.packedA;
    control[11] = call.row;
    control[PANELS] = call.panels;
    Atomics.store(control, NEXT_CLAIM, 0);
    const previous = this.job;
    const job = (this.job = (previous + 1) | 0);
    Atomics.store(control, 0, job);
    Atomics.notify(control, 0);
    let failed = false;
    try {
      // Panels go to whichever thread is free: a helper that starts late, or runs on a busy core, takes fewer.
      const kernel = this.kernels[call.kernel];
      for (
        let first = PANELS_PER_CLAIM * Atomics.add(control, NEXT_CLAIM, 1);
        first < call.panels;
        first = PANELS_PER_CLAIM * Atomics.add(control, NEXT_CLAIM, 1)
      ) {
        kernel(
          call.a,
          call.b,
          call.out,
          call.size0,
          call.size1,
          call.n,
          call.accumulate,
          call.scratch,
          call.packedA,
          first,
          Math.min(first + PANELS_PER_CLAIM, call.panels),
          call.row,
        );
      }
    } finally {
      // Even when the caller's own share throws, every helper finishes this job before the next one is posted.
      for (let index = 1; index < count; index++) {
        const done = slotOf(index) + DONE;
        for (let spin = 0; spin < SPINS && Atomics.load(control, done) !== job; spin++);
        while (Atomics.load(control, done) !== job) Atomics.wait(control, done, previous);
        failed ||= Atomics.load(control, slotOf(index) + STATE) === FAILED;
      }
      if (failed) this.failed = true; // from now on products run on the calling thread
    }
    if (failed) {
      throw new Error(
        'WasmKernels: a worker thread failed while computing its part of a matrix product; the result is incomplete',
      );
    }
    return true;
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate();
  }

  get ready(): boolean {
    if (this.failed) return false;
    if (!this.started) {
      let all = true;
      for (let index = 1; index < this.count; index++)
        all &&= Atomics.load(this.control, slotOf(index) + STATE) === READY;
      this.started = all;
    }
    return this.started;
  }
}

/** Panels helper thread `index` (1 …) of the threads on `control` has computed so far (for tests and diagnostics). */
export function panelsComputedBy(control: Int32Array, index: number): number {
  return Atomics.load(control, slotOf(index) + COMPUTED);
}

function slotOf(index: number): number {
  return CONTROL_HEADER + CONTROL_PER_THREAD * index;
}
