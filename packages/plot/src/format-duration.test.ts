import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration.js';

describe('formatDuration', () => {
  it('prints tenths of seconds under a minute, then minutes and seconds, then hours and minutes', () => {
    expect(formatDuration(0)).toBe('0.0s');
    expect(formatDuration(1.2)).toBe('1.2s');
    expect(formatDuration(2.8000000000000003)).toBe('2.8s');
    expect(formatDuration(59.94)).toBe('59.9s');
    expect(formatDuration(59.96)).toBe('1m00s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(3599.4)).toBe('59m59s');
    expect(formatDuration(3600)).toBe('1h00m');
    expect(formatDuration(3 * 3600 + 7 * 60 + 10)).toBe('3h07m');
  });

  it('prints ? when there is no estimate', () => {
    expect(formatDuration(Number.NaN)).toBe('?');
    expect(formatDuration(Infinity)).toBe('?');
    expect(formatDuration(-1)).toBe('?');
  });
});
