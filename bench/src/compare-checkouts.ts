/**
 * `pnpm bench:compare <other checkout>`: times bpnet's own runners in this checkout and in another one (e.g. the
 * previous release, checked out with `git worktree add ../bpnet-base <commit>` and `pnpm install` there), in
 * alternating fresh processes within one run, and prints each workload's per-iteration medians and fastest runs
 * and their ratios this / other (the fastest run is the one least disturbed by other work on the machine). Both
 * checkouts must have the bench's `run-isolated.ts`. Whether the losses agree bit for bit is printed too (the same seed
 * trains the same network in both, unless the change was meant to alter the numbers).
 *
 *   pnpm bench:compare /tmp/bpnet-base [--runners bpnet-js,bpnet-wasm] [--only a,b] [--rounds 5]
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSkipped, median } from './measure.js';
import { runProcess } from './run-process.js';
import type { Measurement, Skipped } from './runners/runner.js';
import { workloadSpecs } from './workloads.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Options {
  readonly other: string;
  readonly runners: readonly string[];
  readonly only: readonly string[];
  readonly rounds: number;
}

function parse(argv: readonly string[]): Options {
  let other: string | undefined;
  let runners = ['bpnet-js', 'bpnet-wasm'];
  let only = ['a', 'b'];
  let rounds = 5;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg === '--runners') runners = (argv[++i] ?? '').split(',');
    else if (arg === '--only') only = (argv[++i] ?? '').split(',');
    else if (arg === '--rounds') rounds = Number(argv[++i]);
    else if (other === undefined && !arg.startsWith('--')) other = arg;
    else
      throw new Error(`unknown option '${arg}' (expected <other checkout> [--runners a,b] [--only a,b] [--rounds n])`);
  }
  if (other === undefined)
    throw new Error('usage: pnpm bench:compare <other checkout> [--runners a,b] [--only a,b] [--rounds n]');
  if (!Number.isSafeInteger(rounds) || rounds < 1)
    throw new Error(`--rounds must be a positive integer, got ${rounds}`);
  return { other: resolve(other), runners, only, rounds };
}

/** One fresh process of `runner` on workload `id` in the bench folder `benchDirectory`. */
async function measureIn(
  benchDirectory: string,
  runner: string,
  id: string,
  iterations: number,
  warmups: number,
): Promise<Measurement | Skipped> {
  const args = [
    '--expose-gc',
    '--conditions=source',
    '--import',
    'tsx',
    join(benchDirectory, 'src', 'run-isolated.ts'),
    runner,
    id,
    iterations,
    warmups,
    2,
  ].map(String);
  return JSON.parse(await runProcess(process.execPath, args)) as Measurement | Skipped;
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const checkouts = [
    { label: 'this', bench: resolve(here, '..') },
    { label: 'other', bench: join(options.other, 'bench') },
  ];
  for (const id of options.only) {
    const spec = workloadSpecs.find((w) => w.id === id);
    if (spec === undefined) throw new Error(`--only: unknown workload '${id}'`);
    for (const runner of options.runners) {
      const seconds: number[][] = [[], []];
      const losses: number[][] = [[], []];
      for (let round = 0; round < options.rounds; round++) {
        // Alternate which checkout goes first, so a drift in the machine's speed affects both alike.
        const order = round % 2 === 0 ? [0, 1] : [1, 0];
        for (const index of order) {
          const result = await measureIn(checkouts[index].bench, runner, id, spec.iterations, spec.warmupRuns);
          if (isSkipped(result)) throw new Error(`${runner} on ${id} in ${checkouts[index].bench}: ${result.skipped}`);
          seconds[index].push(...result.runSeconds.map((s) => s / spec.iterations));
          losses[index] = result.losses;
        }
      }
      const [mine, theirs] = seconds.map((values) => median(values) * 1e6);
      const [mineFastest, theirsFastest] = seconds.map((values) => Math.min(...values) * 1e6);
      const sameLosses =
        losses[0].length === losses[1].length && losses[0].every((loss, i) => Object.is(loss, losses[1][i]));
      process.stdout.write(
        `(${id}) ${spec.title}, ${runner}: this ${mine.toFixed(2)} µs/it, other ` +
          `${theirs.toFixed(2)} µs/it, ratio this/other ${(mine / theirs).toFixed(3)} ` +
          `(median of ${seconds[0].length} runs each); fastest runs ${mineFastest.toFixed(2)} and ` +
          `${theirsFastest.toFixed(2)} µs/it, ratio ${(mineFastest / theirsFastest).toFixed(3)}; ` +
          `losses ${sameLosses ? 'identical' : 'DIFFER'}\n`,
      );
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
