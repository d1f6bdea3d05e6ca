import type { ContainerModule } from '@bpnet/core';
import type { Workload } from './workloads.js';
import { bpnetSession } from './runners/bpnet-session.js';

/** Heap growth of a bpnet session over steady-state iterations, or why it could not be measured. */
export interface HeapGrowth {
  readonly iterations: number;
  /** heapUsed after − before, in bytes, both after a forced GC. */
  readonly heapUsedBytes?: number;
  /** `external` (ArrayBuffers, wasm memory) after − before, in bytes. */
  readonly externalBytes?: number;
  readonly note?: string;
}

/**
 * Trains `workload` once (to reach steady state), forces a GC, trains `iterations` more iterations in one call,
 * drops the returned history, forces a GC again and reports the growth. Needs node's `--expose-gc`.
 */
export function measureHeapGrowth(workload: Workload, iterations: number, kernelsModule?: ContainerModule): HeapGrowth {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return { iterations, note: 'gc unavailable (run node with --expose-gc)' };
  const warm = bpnetSession(workload, 7, kernelsModule);
  const steady = bpnetSession({ ...workload, iterations }, 7, kernelsModule);
  try {
    warm.run();
    steady.run(); // first call allocates the network's buffers
    gc();
    gc();
    const before = process.memoryUsage();
    steady.run();
    gc();
    gc();
    const after = process.memoryUsage();
    return {
      iterations,
      heapUsedBytes: after.heapUsed - before.heapUsed,
      externalBytes: after.external - before.external,
    };
  } finally {
    warm.dispose?.(); // stops the helper threads of threaded kernels
    steady.dispose?.();
  }
}
