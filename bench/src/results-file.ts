import { writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import type { HeapGrowth } from './heap-growth.js';
import type { ResultRow, TargetCheck } from './report.js';

/** Everything `bench/results.json` holds. */
export interface BenchResults {
  readonly date: string;
  readonly mode: 'full' | 'quick';
  readonly machine: { cpu: string; cores: number; os: string; node: string; numpy: string | null };
  readonly plan: { rounds: number; runs: number; warmups: Record<string, number> };
  readonly rows: readonly ResultRow[];
  readonly heapGrowth: Readonly<Record<string, HeapGrowth>>;
  readonly notes: readonly string[];
  /** The performance targets and the ratios measured for them. */
  readonly targets: readonly TargetCheck[];
}

/** Describes this machine (numpy's version is the one the numpy runner reported, if any). */
export function machineInfo(numpy: string | undefined): BenchResults['machine'] {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model ?? 'unknown',
    cores: cpuList.length,
    os: `${platform()} ${release()}`,
    node: process.version,
    numpy: numpy ?? null,
  };
}

/** Writes `results` as pretty JSON to `path`. */
export function writeResults(path: string, results: BenchResults): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
