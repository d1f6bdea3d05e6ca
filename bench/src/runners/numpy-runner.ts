import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '../measure.js';
import { runProcess } from '../run-process.js';
import type { Workload } from '../workloads.js';
import type { Measurement, MeasurePlan, Runner, Skipped } from './runner.js';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'python', 'sgd_bench.py');

/** The environment that pins numpy's BLAS to one thread. */
const singleThreadEnv = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

/**
 * numpy running the algorithm of docs/derivation.md in `python/sgd_bench.py` in `precision`, fed the workload's data
 * through a temporary binary file. `singleThread` pins BLAS to one thread; otherwise numpy uses its default thread
 * count. Skips (with the reason) when python3 or numpy is missing.
 */
export function numpyRunner(
  singleThread: boolean,
  precision: 'float64' | 'float32',
): Runner & { lastVersion?: string } {
  const runner: Runner & { lastVersion?: string } = {
    name: `numpy${precision === 'float32' ? '-f32' : ''} ${singleThread ? '1-thread' : 'default-threads'}`,
    precision,
    note:
      'batches drawn by numpy Generator.choice(replace=False), the batch accuracy once ' +
      'per epoch as in the reference program; runs in its own python3 process',
    async measure(workload: Workload, plan: MeasurePlan): Promise<Measurement | Skipped> {
      const folder = mkdtempSync(join(tmpdir(), 'bpnet-bench-'));
      try {
        const dataPath = join(folder, 'inputs.f64');
        const labelsPath = join(folder, 'labels.i32');
        writeFileSync(
          dataPath,
          new Uint8Array(workload.inputs.buffer, workload.inputs.byteOffset, workload.inputs.byteLength),
        );
        writeFileSync(
          labelsPath,
          new Uint8Array(workload.labels.buffer, workload.labels.byteOffset, workload.labels.byteLength),
        );
        const args = [
          script,
          dataPath,
          labelsPath,
          workload.rows,
          workload.cols,
          workload.hidden,
          workload.outputs,
          workload.batchSize,
          workload.iterations,
          workload.learningRate,
          workload.weightStd(workload.cols),
          workload.weightStd(workload.hidden),
          plan.warmups,
          plan.runs,
          precision,
        ].map(String);
        const env = singleThread ? { ...process.env, ...singleThreadEnv } : process.env;
        const output = await runProcess('python3', args, env);
        const parsed = JSON.parse(output) as {
          error?: string;
          numpy?: string;
          runSeconds?: number[];
          losses?: number[];
        };
        if (parsed.error !== undefined) return { skipped: parsed.error };
        runner.lastVersion = parsed.numpy;
        return { runSeconds: parsed.runSeconds ?? [], losses: parsed.losses ?? [] };
      } catch (error) {
        return { skipped: `python3/numpy unavailable: ${errorMessage(error)}` };
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
  return runner;
}
