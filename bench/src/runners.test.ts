import { describe, expect, it } from 'vitest';
import { allRunners } from './runners/all-runners.js';
import type { Measurement, Skipped } from './runners/runner.js';
import { loadWorkload, withIterations, workloadSpecs } from './workloads.js';

const plan = { warmups: 0, runs: 1 };

describe('bench runners (2 iterations each, no timing assertions)', () => {
  for (const spec of workloadSpecs) {
    it(
      `workload ${spec.id}: every runner gives finite losses; bpnet's ` +
        `float64 runners agree to 1e-12, float32 to 1e-4`,
      async () => {
        const workload = withIterations(loadWorkload(spec), 2);
        const results = new Map<string, Measurement | Skipped>();
        for (const runner of allRunners().runners) results.set(runner.name, await runner.measure(workload, plan));
        for (const [name, result] of results) {
          if ('skipped' in result) {
            expect(name, `${name} skipped: ${result.skipped}`).toMatch(/^numpy/); // only python may be absent
            continue;
          }
          expect(result.losses, name).toHaveLength(2);
          for (const loss of result.losses) expect(Number.isFinite(loss), `${name}: ${loss}`).toBe(true);
        }
        const js = results.get('bpnet-js') as Measurement;
        for (const [name, tolerance] of [
          ['bpnet-wasm', 1e-12],
          ['bpnet-wasm-threads', 1e-12],
          ['bpnet-wasm-f32', 1e-4],
          ['bpnet-wasm-f32-threads', 1e-4],
        ] as const) {
          const other = results.get(name) as Measurement;
          js.losses.forEach((loss, i) =>
            expect(Math.abs(loss - other.losses[i]), `${name}, iteration ${i}`).toBeLessThanOrEqual(tolerance * loss),
          );
        }
      },
    );
  }
});
