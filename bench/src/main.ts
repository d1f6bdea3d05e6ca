/**
 * `pnpm bench`: bpnet (JS kernels; wasm kernels on one thread and on every core, float64 and float32) against numpy,
 * TF.js and brain.js on the three-layer network of docs/derivation.md.
 * Prints a markdown table of per-iteration times and ratios and writes `bench/results.json`.
 * Options: `--quick` (smoke run), `--only a,b` (pick workloads).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCliOptions } from './cli-options.js';
import { type HeapGrowth, measureHeapGrowth } from './heap-growth.js';
import { combineRounds, errorMessage, isSkipped, median } from './measure.js';
import { heapReport, markdownTable, type ResultRow, targetChecks, targetReport, trainCallReport } from './report.js';
import { machineInfo, writeResults } from './results-file.js';
import { isolated } from './isolated-runner.js';
import { allRunners } from './runners/all-runners.js';
import { bpnetRunners } from './runners/bpnet-runners.js';
import type { Measurement, MeasurePlan, Runner, Skipped } from './runners/runner.js';
import type { Workload } from './workloads.js';
import { loadWorkload, withIterations, type WorkloadSpec, workloadSpecs } from './workloads.js';

/**
 * One round of `runner` on `workload`: numpy in a python process of its own, every JavaScript runner in a node process
 * of its own.
 */
async function measureRunner(runner: Runner, workload: Workload, plan: MeasurePlan): Promise<Measurement | Skipped> {
  try {
    return await (runner.name.startsWith('numpy') ? runner : isolated(runner)).measure(workload, plan);
  } catch (error) {
    return { skipped: `failed: ${errorMessage(error)}` };
  }
}

/** Iterations per run in `--quick` mode. */
const quickIterations: Readonly<Record<string, number>> = { a: 100, b: 20, c: 10 };

async function main(): Promise<void> {
  const options = parseCliOptions(
    process.argv.slice(2),
    workloadSpecs.map((w) => w.id),
  );
  // Per round and runner: a fresh process, the workload's untimed warm-up runs, then timed runs.
  const runs = options.quick ? 1 : 2;
  const planFor = (spec: WorkloadSpec): MeasurePlan => ({ warmups: options.quick ? 1 : spec.warmupRuns, runs });
  const rounds = options.quick ? 1 : 3;
  const specs = workloadSpecs.filter((w) => options.only === undefined || options.only.includes(w.id));
  const { runners, numpyVersion } = allRunners();
  const rows: ResultRow[] = [];
  for (const spec of specs) {
    const full = loadWorkload(spec);
    const workload = options.quick ? withIterations(full, quickIterations[spec.id]) : full;
    const label = `(${spec.id}) ${spec.title}, ${workload.iterations} it`;
    // Rounds interleave the runners, so a machine that speeds up or slows down during the run affects every runner
    // alike.
    const results = runners.map((): (Measurement | Skipped)[] => []);
    for (let round = 1; round <= rounds; round++) {
      for (const [index, runner] of runners.entries()) {
        process.stderr.write(`${label}, round ${round}/${rounds}: ${runner.name} … `);
        const result = await measureRunner(runner, workload, planFor(workload));
        process.stderr.write(
          isSkipped(result)
            ? `skipped: ${result.skipped}\n`
            : `${((median(result.runSeconds) / (result.iterations ?? workload.iterations)) * 1e3).toFixed(4)} ms/it\n`,
        );
        results[index].push(result);
      }
    }
    for (const [index, runner] of runners.entries()) {
      const result = combineRounds(results[index]);
      const iterations = isSkipped(result) ? workload.iterations : (result.iterations ?? workload.iterations);
      const base = {
        workload: label,
        runner: iterations === workload.iterations ? runner.name : `${runner.name} (${iterations} it/run)`,
        precision: runner.precision,
        iterations,
      };
      if (isSkipped(result)) rows.push({ ...base, skipped: result.skipped });
      else {
        const secondsPerIteration = median(result.runSeconds) / iterations;
        rows.push({
          ...base,
          secondsPerIteration,
          runSeconds: result.runSeconds,
          finalLoss: result.losses.at(-1),
          extra: result.extra,
        });
      }
    }
  }
  process.stderr.write('heap growth … ');
  const toy = loadWorkload(workloadSpecs[0]);
  const heapGrowth: Record<string, HeapGrowth> = Object.fromEntries(
    bpnetRunners.map((runner) => [runner.name, measureHeapGrowth(toy, 10_000, runner.kernelsModule())]),
  );
  process.stderr.write('done\n');
  const notes = runners.filter((r) => r.note !== undefined).map((r) => `${r.name}: ${r.note}`);
  const machine = machineInfo(numpyVersion());
  const mode = options.quick ? 'quick' : 'full';
  const timedRuns = rounds * runs;
  const warmups = specs.map((spec) => `${planFor(spec).warmups} for (${spec.id})`).join(', ');
  console.log(
    `## bpnet benchmark (${mode}: ${rounds} round${rounds > 1 ? 's' : ''} over all ` +
      `runners, each in a new process with untimed warm-up runs (${warmups}) and ${runs} ` +
      `timed; median of the ${timedRuns} timed run${timedRuns > 1 ? 's' : ''})\n`,
  );
  console.log(
    `${machine.cpu}, ${machine.cores} cores, ${machine.os}, node ${machine.node}, numpy ${machine.numpy ?? 'n/a'}\n`,
  );
  console.log(
    'Ratios are peer time / bpnet time per iteration on the same workload: > ' +
      '1 means bpnet is faster, < 1 means the peer is faster.\n',
  );
  console.log(markdownTable(rows));
  console.log(`\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}`);
  console.log(
    `- bpnet: container TRAINER with sampling 'random-batch' (train()'s per-call checks included in the ` +
      `time); -threads: @bpnet/wasm/node's threadedWasmKernelsModule() on every core; -f32: float32`,
  );
  const checks = targetChecks(rows);
  console.log(`\nTargets (ratios of time per iteration in this run):\n${targetReport(checks)}`);
  console.log(
    `\nbpnet's fixed cost per train() call (included above; the table times one ` +
      `train() call of all the iterations):\n${trainCallReport(rows)}`,
  );
  console.log(`\nHeap growth (bpnet, steady state):\n${heapReport(heapGrowth)}`);
  const path = join(dirname(fileURLToPath(import.meta.url)), '..', 'results.json');
  writeResults(path, {
    date: new Date().toISOString(),
    mode,
    machine,
    plan: { rounds, runs, warmups: Object.fromEntries(specs.map((spec) => [spec.id, planFor(spec).warmups])) },
    rows,
    heapGrowth,
    notes,
    targets: checks,
  });
  console.log(`\nRaw results: ${path}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
