/**
 * Runs one in-process runner on one workload in this process and prints its result as one JSON line, so that each
 * JavaScript runner is measured in a process of its own (as a program using one configuration would run), not in a
 * process whose shared code was already compiled for every other runner.
 *
 *   node --conditions=source --import tsx src/run-isolated.ts <runner name> <workload id> <iterations> <warmups> <runs>
 */
import { errorMessage } from './measure.js';
import { allRunners } from './runners/all-runners.js';
import { loadWorkload, withIterations, workloadSpecs } from './workloads.js';

async function main(): Promise<void> {
  const [name, id, iterations, warmups, runs] = process.argv.slice(2);
  const runner = allRunners().runners.find((r) => r.name === name);
  const spec = workloadSpecs.find((w) => w.id === id);
  if (runner === undefined || spec === undefined) throw new Error(`unknown runner '${name}' or workload '${id}'`);
  const workload = withIterations(loadWorkload(spec), Number(iterations));
  const result = await runner.measure(workload, { warmups: Number(warmups), runs: Number(runs) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0), // helper threads and TF.js backends must not keep the process alive
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ skipped: `failed: ${errorMessage(error)}` })}\n`);
    process.exit(0);
  },
);
