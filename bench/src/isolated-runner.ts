import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from './measure.js';
import { runProcess } from './run-process.js';
import type { Measurement, MeasurePlan, Runner, Skipped } from './runners/runner.js';
import type { Workload } from './workloads.js';

const script = join(dirname(fileURLToPath(import.meta.url)), 'run-isolated.ts');

/**
 * `runner` measured in a node process of its own (`run-isolated.ts`), on the workload with the same id and iteration
 * count. JavaScript engines specialise shared code for the types they have seen, so runners measured one after
 * another in one process would slow each other down.
 */
export function isolated(runner: Runner): Runner {
  return {
    ...runner,
    async measure(workload: Workload, plan: MeasurePlan): Promise<Measurement | Skipped> {
      const args = [
        '--expose-gc',
        '--conditions=source',
        '--import',
        'tsx',
        script,
        runner.name,
        workload.id,
        workload.iterations,
        plan.warmups,
        plan.runs,
      ].map(String);
      try {
        return JSON.parse(await runProcess(process.execPath, args)) as Measurement | Skipped;
      } catch (error) {
        return { skipped: `failed: ${errorMessage(error)}` };
      }
    },
  };
}
