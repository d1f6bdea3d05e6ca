import type { TrainingProgress, TrainOptions } from '@bpnet/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleLineStream, createProgressReporter, defaultProgressStream } from './create-progress-reporter.js';

/** A stream that records what is written, and a clock that the test moves by hand. */
function fakes(isTTY: boolean, columns?: number) {
  const chunks: string[] = [];
  const clock = { time: 0 };
  const stream = { isTTY, columns, write: (chunk: string) => chunks.push(chunk) };
  return { chunks, clock, stream, now: () => clock.time };
}

function progress(iteration: number, iterations: number, extra: Partial<TrainingProgress> = {}): TrainingProgress {
  return { iteration, iterations, epoch: iteration - 1, loss: 0.1234, ...extra };
}

describe('createProgressReporter off a terminal', () => {
  it('prints a plain line every tenth of the run, with elapsed time and the time left', () => {
    const { chunks, clock, stream, now } = fakes(false);
    const report = createProgressReporter({ stream, now });
    for (let iteration = 1; iteration <= 1000; iteration++) {
      clock.time = iteration * 4; // 4 ms per iteration
      report(progress(iteration, 1000, iteration === 201 ? { accuracy: 0.95 } : {}));
    }
    expect(chunks.map((chunk) => chunk.split('  ')[0])).toEqual(
      [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000].map((i) => `iteration ${i}/1000`),
    );
    expect(chunks[0]).toBe('iteration 100/1000  loss 0.1234  elapsed 0.4s  left 3.6s\n');
    expect(chunks[2]).toBe('iteration 300/1000  loss 0.1234  accuracy 0.950  elapsed 1.2s  left 2.8s\n');
    expect(chunks[9]).toBe('iteration 1000/1000  loss 0.1234  accuracy 0.950  elapsed 4.0s  left 0.0s\n');
    expect(chunks.join('')).not.toContain('\r');
  });

  it('always prints the last iteration, and honours everyIterations', () => {
    const run = (iterations: number, everyIterations?: number) => {
      const { chunks, stream, now } = fakes(false);
      const report = createProgressReporter({ stream, now, everyIterations });
      for (let iteration = 1; iteration <= iterations; iteration++) report(progress(iteration, iterations));
      return chunks.map((chunk) => Number(/^iteration (\d+)\//.exec(chunk)?.[1]));
    };
    expect(run(25)).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 25]); // every round(2.5) = 3
    expect(run(20, 7)).toEqual([7, 14, 20]);
    expect(run(4)).toEqual([1, 2, 3, 4]); // every max(1, round(0.4)) = 1
  });

  it('smooths the loss and shows the validation accuracy', () => {
    const { chunks, stream, now } = fakes(false);
    const report = createProgressReporter({ stream, now, smoothingWindow: 3, everyIterations: 2 }); // α = 0.5
    report(progress(1, 2, { loss: 2, accuracy: 0.5, validationAccuracy: 0.25 }));
    report(progress(2, 2, { loss: 4 }));
    expect(chunks).toEqual([
      `iteration 2/2  loss ${(10 / 3).toPrecision(4)}  accuracy 0.500  validation 0.250  elapsed 0.0s  left 0.0s\n`,
    ]);
  });

  it('shows a NaN loss as it is', () => {
    const { chunks, stream, now } = fakes(false);
    const report = createProgressReporter({ stream, now });
    report(progress(1, 2, { loss: 1 }));
    report(progress(2, 2, { loss: Number.NaN }));
    expect(chunks[1]).toContain('loss NaN');
  });

  it('starts over, clock included, when it is reused for another run', () => {
    const { chunks, clock, stream, now } = fakes(false);
    const report = createProgressReporter({ stream, now });
    for (let iteration = 1; iteration <= 10; iteration++) {
      clock.time = iteration * 100;
      report(progress(iteration, 10, { accuracy: 0.9 }));
    }
    clock.time = 60_000;
    for (let iteration = 1; iteration <= 10; iteration++) {
      clock.time += 40;
      report(progress(iteration, 10));
    }
    expect(chunks[9]).toBe('iteration 10/10  loss 0.1234  accuracy 0.900  elapsed 1.0s  left 0.0s\n');
    expect(chunks[10]).toBe('iteration 1/10  loss 0.1234  elapsed 0.0s  left ?\n');
    // 9 × 40 ms since its first iteration
    expect(chunks[19]).toBe('iteration 10/10  loss 0.1234  elapsed 0.4s  left 0.0s\n');
  });
});

describe('createProgressReporter on a terminal', () => {
  it('redraws one line with \\r, at most every intervalMs, and ends it with a newline after the last iteration', () => {
    const { chunks, clock, stream, now } = fakes(true);
    const report = createProgressReporter({ stream, now, barWidth: 10 });
    for (let iteration = 1; iteration <= 100; iteration++) {
      clock.time = iteration * 3; // 3 ms per iteration: a redraw every 34 iterations at most
      report(progress(iteration, 100));
    }
    expect(chunks.map((chunk) => Number(/ (\d+)\/100 /.exec(chunk)?.[1]))).toEqual([1, 35, 69, 100]);
    for (const chunk of chunks) expect(chunk.startsWith('\r')).toBe(true);
    expect(chunks.slice(0, -1).join('')).not.toContain('\n');
    expect(chunks.at(-1)).toBe('\r[##########] 100/100  loss 0.1234  elapsed 0.3s  left 0.0s\n');
    expect(chunks[1]).toBe('\r[###.......] 35/100  loss 0.1234  elapsed 0.1s  left 0.2s');
    expect(chunks.join('').split('\n')).toHaveLength(2); // exactly one newline, at the end
  });

  it('draws every iteration with intervalMs 0, and the last one even when it comes too soon', () => {
    const { chunks, stream, now } = fakes(true);
    const report = createProgressReporter({ stream, now, intervalMs: 0 });
    for (let iteration = 1; iteration <= 5; iteration++) report(progress(iteration, 5));
    expect(chunks).toHaveLength(5);
    const slow = fakes(true);
    const throttled = createProgressReporter({ stream: slow.stream, now: slow.now, intervalMs: 1000 });
    for (let iteration = 1; iteration <= 5; iteration++) throttled(progress(iteration, 5));
    expect(slow.chunks.map((chunk) => Number(/ (\d)\/5 /.exec(chunk)?.[1]))).toEqual([1, 5]);
    expect(slow.chunks[1].endsWith('\n')).toBe(true);
  });

  it('wipes the rest of a longer previous line and fits the terminal width', () => {
    const { chunks, clock, stream, now } = fakes(true);
    const report = createProgressReporter({ stream, now, intervalMs: 0 });
    clock.time = 0;
    report(progress(1, 3, { loss: 123.456, accuracy: 0.5, validationAccuracy: 0.5 }));
    report(progress(2, 3, { loss: Number.NaN }));
    const first = chunks[0].slice(1);
    const second = chunks[1].slice(1);
    expect(second.length).toBe(first.length);
    expect(second.trimEnd().length).toBeLessThan(second.length);

    const narrow = fakes(true, 30);
    const fitted = createProgressReporter({ stream: narrow.stream, now: narrow.now, intervalMs: 0 });
    for (let iteration = 1; iteration <= 3; iteration++) fitted(progress(iteration, 3, { accuracy: 1 }));
    for (const chunk of narrow.chunks) expect(chunk.replace(/[\r\n]/g, '').length).toBeLessThanOrEqual(29);
    expect(narrow.chunks.at(-1)?.endsWith('\n')).toBe(true);
  });

  it('closes an unfinished line before a new run starts', () => {
    const { chunks, stream, now } = fakes(true);
    const report = createProgressReporter({ stream, now, intervalMs: 0 });
    report(progress(1, 10));
    report(progress(2, 10)); // the run stops here (a DivergenceError, say)
    report(progress(1, 5));
    expect(chunks[2]).toBe('\n');
    expect(chunks[3].startsWith('\r[')).toBe(true);
  });
});

describe('createProgressReporter options', () => {
  it('fits TrainOptions.onProgress and checks its options', () => {
    const options: TrainOptions = {
      learningRate: 0.1,
      onProgress: createProgressReporter({ stream: { write: () => true } }),
    };
    expect(typeof options.onProgress).toBe('function');
    expect(() => createProgressReporter({ intervalMs: -1 })).toThrow(/intervalMs/);
    expect(() => createProgressReporter({ everyIterations: 0 })).toThrow(/everyIterations must be a positive integer/);
    expect(() => createProgressReporter({ smoothingWindow: 0 })).toThrow(/smoothingWindow/);
    expect(() => createProgressReporter({ barWidth: 0 })).toThrow(/barWidth/);
  });
});

describe('createProgressReporter without a stream', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('writes to process.stderr where there is a process', () => {
    expect(defaultProgressStream()).toBe(process.stderr);
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const report = createProgressReporter({ now: () => 0, everyIterations: 1 });
      report(progress(1, 2));
      // on a terminal the line is redrawn in place, elsewhere printed: either way it goes to process.stderr
      expect(write).toHaveBeenCalledTimes(1);
      expect(String(write.mock.calls[0][0])).toContain('1/2  loss 0.1234');
    } finally {
      write.mockRestore();
    }
  });

  it('prints each line with console.log where there is no process, as in a browser', () => {
    vi.stubGlobal('process', undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const report = createProgressReporter({ now: () => 0, everyIterations: 2 });
      for (let iteration = 1; iteration <= 3; iteration++) report(progress(iteration, 3));
      expect(log.mock.calls).toEqual([
        ['iteration 2/3  loss 0.1234  elapsed 0.0s  left 0.0s'],
        ['iteration 3/3  loss 0.1234  elapsed 0.0s  left 0.0s'],
      ]);
    } finally {
      log.mockRestore();
    }
  });
});

describe('consoleLineStream', () => {
  it('logs each complete line without its line break and keeps an unfinished one for later', () => {
    const lines: string[] = [];
    const stream = consoleLineStream((line) => lines.push(line));
    expect(stream.isTTY).toBe(false);
    stream.write('a\nb');
    expect(lines).toEqual(['a']);
    stream.write('c\n\nd\n');
    expect(lines).toEqual(['a', 'bc', '', 'd']);
  });
});
