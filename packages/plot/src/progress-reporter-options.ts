/**
 * Where a progress reporter writes: `process.stderr`, `process.stdout`, or any object with `write` (in a browser,
 * e.g. one that appends to a `<pre>` element).
 */
export interface ProgressStream {
  /** True for a terminal: the reporter then redraws one line in place; otherwise it prints plain lines. */
  readonly isTTY?: boolean;
  /** The terminal's width; a redrawn line is cut to `columns − 1` characters so that it never wraps. */
  readonly columns?: number;
  write(chunk: string): unknown;
}

/** Options of {@link createProgressReporter}. */
export interface ProgressReporterOptions {
  /**
   * Default `process.stderr` where `globalThis.process` exists (Node.js); elsewhere, as in a browser, a stream that
   * prints each line with `console.log` (not a terminal, so plain lines every `everyIterations` iterations).
   */
  readonly stream?: ProgressStream;
  /**
   * On a terminal, the least time between two redraws in milliseconds (the last iteration is always drawn);
   * default 100.
   */
  readonly intervalMs?: number;
  /**
   * Off a terminal, print a line every this many iterations (and after the last);
   * default max(1, round(iterations / 10)).
   */
  readonly everyIterations?: number;
  /**
   * The window, in iterations, of the exponential moving average of the loss shown; default 20 (1 shows the last loss).
   */
  readonly smoothingWindow?: number;
  /** Characters inside the bar's brackets; default 20. */
  readonly barWidth?: number;
  /** The clock, in milliseconds (only differences matter); default `performance.now()`. Inject a fake one in tests. */
  readonly now?: () => number;
}
