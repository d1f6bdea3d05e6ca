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

/** Whether a runner is one of bpnet's configurations. */
function isBpnet(row: ResultRow): boolean {
  return row.runner.startsWith('bpnet');
}

/** The fastest row among `rows` of `workload` that pass `filter`. */
function fastest(
  rows: readonly ResultRow[],
  workload: string,
  filter: (row: ResultRow) => boolean,
): ResultRow | undefined {
  return rows
    .filter((row) => row.workload === workload && row.secondsPerIteration !== undefined && filter(row))
    .reduce<ResultRow | undefined>(
      (best, row) =>
        best === undefined || (row.secondsPerIteration as number) < (best.secondsPerIteration as number) ? row : best,
      undefined,
    );
}

/**
 * The markdown table: per workload and runner, the median time per iteration and its ratio to the fastest bpnet
 * configuration in float64 and in float32 on the same workload (peer time / bpnet time: > 1 means bpnet is faster).
 */
export function markdownTable(rows: readonly ResultRow[]): string {
  const lines = [
    '| workload | runner | precision | time / iteration (median) | ÷ ' +
      'fastest bpnet float64 | ÷ fastest bpnet float32 | final loss |',
    '|---|---|---|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const base = (precision: string) =>
      fastest(rows, row.workload, (r) => isBpnet(r) && r.precision === precision)?.secondsPerIteration;
    const time = row.secondsPerIteration;
    lines.push(
      `| ${row.workload} | ${row.runner} | ${row.precision} | ` +
        `${time === undefined ? `n/a (${row.skipped})` : formatTime(time)} | ` +
        `${ratio(time, base('float64'))} | ${ratio(time, base('float32'))} | ` +
        `${row.finalLoss === undefined ? '–' : row.finalLoss.toPrecision(4)} |`,
    );
  }
  return lines.join('\n');
}

/** One performance target: the ratio it asks for and the one measured. */
export interface TargetCheck {
  readonly target: string;
  readonly workload: string;
  readonly required: number;
  readonly measured?: number;
  readonly met?: boolean;
  readonly comparing?: string;
}

/**
 * The targets, as ratios of throughput in this run (peer time / bpnet time): the toy ≥ 10× numpy single-threaded;
 * the MNIST nets ≥ 0.5× numpy single-threaded in float64 and in float32; every workload ≥ 10× TF.js's fastest
 * backend. bpnet's time is its fastest configuration of the precision compared (TF.js against bpnet's fastest).
 */
export function targetChecks(rows: readonly ResultRow[]): TargetCheck[] {
  const workloads = [...new Set(rows.map((row) => row.workload))];
  const checks: TargetCheck[] = [];
  const check = (
    target: string,
    workload: string,
    required: number,
    peer: ResultRow | undefined,
    bpnet: ResultRow | undefined,
  ) => {
    if (peer === undefined || bpnet === undefined) {
      checks.push({ target, workload, required });
      return;
    }
    const measured = (peer.secondsPerIteration as number) / (bpnet.secondsPerIteration as number);
    checks.push({
      target,
      workload,
      required,
      measured,
      met: measured >= required,
      comparing: `${peer.runner} ÷ ${bpnet.runner}`,
    });
  };
  workloads.forEach((workload) => {
    const bpnetBest = (precision: string) => fastest(rows, workload, (r) => isBpnet(r) && r.precision === precision);
    const numpySingle = (precision: string) =>
      fastest(
        rows,
        workload,
        (r) => r.runner.startsWith('numpy') && r.runner.includes('1-thread') && r.precision === precision,
      );
    if (workload.startsWith('(a)'))
      check(
        'toy ≥ 10× faster than numpy (float64, 1 thread)',
        workload,
        10,
        numpySingle('float64'),
        bpnetBest('float64'),
      );
    else {
      check('≥ 0.5× numpy float64 (1 thread)', workload, 0.5, numpySingle('float64'), bpnetBest('float64'));
      check('≥ 0.5× numpy float32 (1 thread)', workload, 0.5, numpySingle('float32'), bpnetBest('float32'));
    }
    const tfjs = fastest(rows, workload, (r) => r.runner.startsWith('tfjs'));
    check('≥ 10× faster than TF.js (fastest backend)', workload, 10, tfjs, fastest(rows, workload, isBpnet));
  });
  return checks;
}

/**
 * `measured` to 2 decimals, or truncated to 3 when 2 would round it onto `required` from below (0.4995 is not 0.50).
 */
function ratioText(measured: number, required: number): string {
  const short = measured.toFixed(2);
  return measured < required && Number(short) >= required ? (Math.floor(measured * 1000) / 1000).toFixed(3) : short;
}

/** The target checks as markdown lines. */
export function targetReport(checks: readonly TargetCheck[]): string {
  return checks
    .map((c) => {
      const result =
        c.measured === undefined
          ? 'not measured (a runner was skipped)'
          : `${ratioText(c.measured, c.required)}× (${c.comparing}) — ${c.met ? 'met' : 'NOT met'}`;
      return `- ${c.workload}: ${c.target}: ${result}`;
    })
    .join('\n');
}

/** The heap-growth lines for the bpnet runners. */
export function heapReport(growth: Readonly<Record<string, HeapGrowth>>): string {
  return Object.entries(growth)
    .map(([name, g]) =>
      g.heapUsedBytes === undefined
        ? `- ${name}: ${g.note}`
        : `- ${name}: heapUsed ${signedKb(g.heapUsedBytes)}, external ` +
          `${signedKb(g.externalBytes ?? 0)} over ${g.iterations} iterations of workload a (after forced GC)`,
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
      return (
        `- ${r.workload}, ${r.runner}: one 1-iteration train() call takes ` +
        `${formatTime(call)}; per iteration without that fixed cost ≈ ${formatTime(steady)}`
      );
    })
    .join('\n');
}
