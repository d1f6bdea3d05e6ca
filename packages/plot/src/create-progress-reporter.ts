import type { TrainingProgress } from '@bpnet/core';
import { formatDuration } from './format-duration.js';
import type { ProgressReporterOptions, ProgressStream } from './progress-reporter-options.js';

/**
 * A training progress display, to pass as the trainer's `onProgress` option:
 * `train(network, X, labels, { learningRate: 0.1, iterations: 1000, onProgress: createProgressReporter() })`.
 *
 * On a terminal (`stream.isTTY`) it redraws one line in place with `\r`, at most every `intervalMs` and always after
 * the last iteration, which ends the line with a newline:
 *
 * `[######..............] 300/1000  loss 0.1234  accuracy 0.950  elapsed 1.2s  left 2.8s`
 *
 * Elsewhere (a file, a pipe, CI logs) it prints a plain line every `everyIterations` iterations and after the last:
 *
 * `iteration 300/1000  loss 0.1234  accuracy 0.950  elapsed 1.2s  left 2.8s`
 *
 * The loss is a bias-corrected exponential moving average over the last `smoothingWindow` (default 20) iterations'
 * losses (the batch losses jump around); the accuracy, and the validation accuracy when there is one, are the latest
 * recorded (once per epoch); a NaN or infinite loss is shown as it is. Elapsed time counts from the reporter's
 * creation; the time left assumes the remaining iterations take as long as the average one so far. When the iteration
 * count goes back (the reporter is reused for another training run) it starts over, and its clock with it.
 *
 * Without a `stream` it writes to `process.stderr` in Node.js (and wherever `globalThis.process.stderr` exists); where
 * there is no `process`, as in a browser, it prints each plain line with `console.log` (see
 * {@link ProgressReporterOptions.stream}). It never refers to `process` when a `stream` is given.
 *
 * @throws RangeError for a negative `intervalMs`, or an `everyIterations`, `smoothingWindow` or `barWidth` under 1.
 */
export function createProgressReporter(options: ProgressReporterOptions = {}): (progress: TrainingProgress) => void {
  const stream: ProgressStream = options.stream ?? defaultProgressStream();
  const intervalMs = options.intervalMs ?? 100;
  const smoothingWindow = options.smoothingWindow ?? 20;
  const barWidth = options.barWidth ?? 20;
  const now = options.now ?? (() => performance.now());
  if (!(intervalMs >= 0))
    throw new RangeError(`createProgressReporter: intervalMs must be at least 0, got ${intervalMs}`);
  if (
    options.everyIterations !== undefined &&
    !(Number.isInteger(options.everyIterations) && options.everyIterations >= 1)
  ) {
    throw new RangeError(
      `createProgressReporter: everyIterations must be a positive integer, got ${options.everyIterations}`,
    );
  }
  if (!(smoothingWindow >= 1) || !Number.isFinite(smoothingWindow)) {
    throw new RangeError(
      `createProgressReporter: smoothingWindow must be a finite number of at least 1, got ${smoothingWindow}`,
    );
  }
  if (!Number.isInteger(barWidth) || barWidth < 1)
    throw new RangeError(`createProgressReporter: barWidth must be a positive integer, got ${barWidth}`);
  const terminal = stream.isTTY === true;
  const alpha = 2 / (smoothingWindow + 1);

  let run = newRun(now(), 0);
  let lineOpen = false; // a terminal line drawn without its final newline
  let previousLength = 0;

  return (progress: TrainingProgress) => {
    const time = now();
    if (progress.iteration <= run.lastIteration) {
      if (lineOpen) stream.write('\n');
      lineOpen = false;
      previousLength = 0;
      run = newRun(time, progress.iteration);
    }
    run.lastIteration = progress.iteration;
    if (Number.isFinite(progress.loss)) {
      run.average = (1 - alpha) * run.average + alpha * progress.loss;
      run.remainingWeight *= 1 - alpha;
      run.lossSeen = true;
    }
    if (progress.accuracy !== undefined) run.accuracy = progress.accuracy;
    if (progress.validationAccuracy !== undefined) run.validationAccuracy = progress.validationAccuracy;

    const last = progress.iteration >= progress.iterations;
    if (terminal) {
      if (!last && time - run.lastDraw < intervalMs) return;
      run.lastDraw = time;
      let text = `${bar(progress, barWidth)} ${progress.iteration}/${progress.iterations}  ${details(progress, time)}`;
      if (stream.columns !== undefined && stream.columns > 1) text = text.slice(0, stream.columns - 1);
      const padding = ' '.repeat(Math.max(0, previousLength - text.length)); // wipe the end of a longer previous line
      previousLength = text.length;
      stream.write(`\r${text}${padding}${last ? '\n' : ''}`);
      lineOpen = !last;
    } else {
      const every = options.everyIterations ?? Math.max(1, Math.round(progress.iterations / 10));
      if (!last && progress.iteration % every !== 0) return;
      stream.write(`iteration ${progress.iteration}/${progress.iterations}  ${details(progress, time)}\n`);
    }
  };

  function details(progress: TrainingProgress, time: number): string {
    // A NaN or infinite loss is shown as it is rather than hidden in the average.
    const loss =
      run.lossSeen && Number.isFinite(progress.loss) ? run.average / (1 - run.remainingWeight) : progress.loss;
    const parts = [`loss ${formatLoss(loss)}`];
    if (run.accuracy !== undefined) parts.push(`accuracy ${run.accuracy.toFixed(3)}`);
    if (run.validationAccuracy !== undefined) parts.push(`validation ${run.validationAccuracy.toFixed(3)}`);
    const elapsed = (time - run.startTime) / 1000;
    const done = progress.iteration - run.startIteration;
    const left = done > 0 ? (elapsed / done) * Math.max(0, progress.iterations - progress.iteration) : Number.NaN;
    parts.push(`elapsed ${formatDuration(elapsed)}`, `left ${formatDuration(left)}`);
    return parts.join('  ');
  }
}

/**
 * The stream a reporter writes to when given none: `globalThis.process.stderr` when there is one (Node.js), else
 * {@link consoleLineStream}. Looked up through `globalThis`, so that no bundler sees a free `process` to polyfill.
 */
export function defaultProgressStream(): ProgressStream {
  const stderr = (globalThis as { process?: { stderr?: ProgressStream | null } | null }).process?.stderr;
  return typeof stderr?.write === 'function' ? stderr : consoleLineStream();
}

/**
 * A stream, not a terminal, that hands each complete line to `log` (by default `console.log`) without its line
 * break, keeping an unfinished line until its end arrives: `write('a\nb')` then `write('c\n')` logs `'a'`, then
 * `'bc'`.
 */
export function consoleLineStream(log: (line: string) => void = (line) => console.log(line)): ProgressStream {
  let pending = '';
  return {
    isTTY: false,
    write(chunk: string) {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) log(line);
      return true;
    },
  };
}

interface RunState {
  readonly startTime: number;
  /** Iterations already done when the clock started (0 for a fresh reporter). */
  readonly startIteration: number;
  lastIteration: number;
  lastDraw: number;
  average: number;
  remainingWeight: number;
  lossSeen: boolean;
  accuracy: number | undefined;
  validationAccuracy: number | undefined;
}

function newRun(startTime: number, startIteration: number): RunState {
  return {
    startTime,
    startIteration,
    lastIteration: startIteration === 0 ? 0 : startIteration - 1,
    lastDraw: -Infinity,
    average: 0,
    remainingWeight: 1,
    lossSeen: false,
    accuracy: undefined,
    validationAccuracy: undefined,
  };
}

function bar(progress: TrainingProgress, width: number): string {
  const fraction = progress.iterations > 0 ? Math.min(1, Math.max(0, progress.iteration / progress.iterations)) : 1;
  const filled = Math.floor(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

function formatLoss(loss: number): string {
  return Number.isFinite(loss) ? loss.toPrecision(4) : String(loss);
}
