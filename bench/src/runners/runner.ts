import type { Workload } from '../workloads.js';

/** How many runs to make: `warmups` untimed, then `runs` timed, each of `workload.iterations` iterations. */
export interface MeasurePlan {
  readonly warmups: number;
  readonly runs: number;
}

/** What a runner measured on one workload. */
export interface Measurement {
  /** Wall-clock seconds of each timed run. */
  readonly runSeconds: number[];
  /** The losses (mean ½‖t − z‖² over the batch) of the last timed run, in order. */
  readonly losses: number[];
  /** Iterations per timed run, when the runner timed fewer than the workload's (stated in the table). */
  readonly iterations?: number;
  /** Runner-specific extra timings in seconds (e.g. bpnet's fixed cost of one train() call). */
  readonly extra?: Record<string, number>;
}

/** A runner could not run this workload: why (printed and written to the results). */
export interface Skipped {
  readonly skipped: string;
}

/** One implementation of the benchmark's algorithm. */
export interface Runner {
  /** Name in the table, e.g. `bpnet-wasm`. */
  readonly name: string;
  /** Number type it computes in. */
  readonly precision: 'float64' | 'float32';
  /** What differs from the algorithm of docs/derivation.md, if anything (printed under the table). */
  readonly note?: string;
  /** Runs `plan` on `workload`. Never throws for a missing peer: returns {@link Skipped}. */
  measure(workload: Workload, plan: MeasurePlan): Promise<Measurement | Skipped>;
}

/** A prepared in-process training state: `run()` performs `workload.iterations` iterations and returns their losses. */
export interface Session {
  run(): number[] | Promise<number[]>;
  dispose?(): void;
}
