import { describe, expect, it } from 'vitest';
import { logTicks } from './log-ticks.js';

describe('logTicks', () => {
  it('adds 2 and 5 × 10^k over fewer than three decades', () => {
    expect(logTicks(0.01, 1)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
    expect(logTicks(0.03, 0.4)).toEqual([0.05, 0.1, 0.2]);
  });

  it('keeps only powers of ten over three decades and more, thinned when there are many', () => {
    expect(logTicks(1e-6, 1)).toEqual([1e-6, 1e-5, 1e-4, 0.001, 0.01, 0.1, 1]);
    expect(logTicks(1e-20, 1)).toEqual([1e-20, 1e-15, 1e-10, 1e-5, 1]);
    expect(logTicks(1e-20, 1, 20)).toHaveLength(21);
  });

  it('gives exact decimal values', () => {
    expect(logTicks(1e-3, 1e-1)).toContain(0.002);
    expect(logTicks(1e-3, 1e-1)).toContain(0.05);
  });

  it('handles degenerate ranges', () => {
    expect(logTicks(0, 1)).toEqual([]);
    expect(logTicks(-1, 1)).toEqual([]);
    expect(logTicks(2, 1)).toEqual([]);
    expect(logTicks(0.5, 0.5)).toEqual([0.5]);
  });
});
