import { describe, expect, it } from 'vitest';
import { combineRounds, median } from './measure.js';

describe('combineRounds', () => {
  it('pools the timed runs of every round and keeps the last round’s losses and extras', () => {
    const combined = combineRounds([
      { runSeconds: [3, 1], losses: [0.5], extra: { trainCallSeconds: 9 } },
      { runSeconds: [2], losses: [0.25], extra: { trainCallSeconds: 7 } },
    ]);
    expect(combined).toEqual({ runSeconds: [3, 1, 2], losses: [0.25], extra: { trainCallSeconds: 7 } });
    expect(median((combined as { runSeconds: number[] }).runSeconds)).toBe(2);
  });

  it('reports the first skip when any round was skipped, and a skip when nothing ran', () => {
    expect(combineRounds([{ runSeconds: [1], losses: [] }, { skipped: 'failed: boom' }, { skipped: 'other' }])).toEqual(
      { skipped: 'failed: boom' },
    );
    expect(combineRounds([])).toEqual({ skipped: 'not run' });
  });
});
