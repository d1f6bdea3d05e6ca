import type { HeapGrowth } from './heap-growth.js';

/** One row of the result table: a runner on a workload. */
export interface ResultRow {
  readonly workload: string;
  readonly runner: string;
  readonly precision: string;
  readonly iterations: number;
  /** Median seconds per iteration over the timed runs (undefined when skipped). */
  readonly secondsPerIteration?: number;
  readonly runSeconds?: readonly number[];
  readonly finalLoss?: number;
  readonly skipped?: string;
  readonly extra?: Record<string, number>;
}

/** Formats seconds as µs or ms with 3 significant digits. */
export function formatTime(seconds: number): string {
  return seconds < 1e-3 ? `${(seconds * 1e6).toPrecision(3)} µs` : `${(seconds * 1e3).toPrecision(3)} ms`;
}

function ratio(time: number | undefined, base: number | undefined): string {
  return time === undefined || base === undefined ? '–' : `${(time / base).toFixed(2)}×`;
}

/**
 * The markdown table: per workload and runner, the median time per iteration and its ratio to bpnet-wasm's and
 * bpnet-js's time on the same workload (peer time / bpnet time: > 1 means bpnet is faster).
 */
export function markdownTable(rows: readonly ResultRow[]): string {
  const lines = [
    '| workload | runner | precision | time / iteration (median) | ÷ bpnet-wasm | ÷ bpnet-js | final loss |',
    '|---|---|---|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const base = (name: string) => rows.find((r) => r.workload === row.workload && r.runner === name)?.secondsPerIteration;
    const time = row.secondsPerIteration;
    lines.push(
      `| ${row.workload} | ${row.runner} | ${row.precision} | ${time === undefined ? `n/a (${row.skipped})` : formatTime(time)} | ` +
        `${ratio(time, base('bpnet-wasm'))} | ${ratio(time, base('bpnet-js'))} | ${row.finalLoss === undefined ? '–' : row.finalLoss.toPrecision(4)} |`,
    );
  }
  return lines.join('\n');
}

/** The heap-growth lines for the bpnet runners. */
export function heapReport(growth: Readonly<Record<string, HeapGrowth>>): string {
  return Object.entries(growth)
    .map(([name, g]) =>
      g.heapUsedBytes === undefined
        ? `- ${name}: ${g.note}`
        : `- ${name}: heapUsed ${signedKb(g.heapUsedBytes)}, external ${signedKb(g.externalBytes ?? 0)} over ${g.iterations} iterations of workload a (after forced GC)`,
    )
    .join('\n');
}

function signedKb(bytes: number): string {
  return `${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(1)} KiB`;
}

/** Lines on bpnet's fixed cost per train() call and the per-iteration time without it. */
export function trainCallReport(rows: readonly ResultRow[]): string {
  return rows
    .filter((r) => r.extra?.trainCallSeconds !== undefined && r.secondsPerIteration !== undefined)
    .map((r) => {
      const call = r.extra?.trainCallSeconds as number;
      const steady = Math.max((r.secondsPerIteration as number) - call / r.iterations, 0);
      return `- ${r.workload}, ${r.runner}: one 1-iteration train() call takes ${formatTime(call)}; per iteration without that fixed cost ≈ ${formatTime(steady)}`;
    })
    .join('\n');
}
