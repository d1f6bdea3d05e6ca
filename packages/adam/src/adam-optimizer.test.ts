import { createParameter } from '@bpnet/core/plugin';
import { describe, expect, it } from 'vitest';
import { AdamOptimizer } from './adam-optimizer.js';

describe('AdamOptimizer', () => {
  it('takes bias-corrected steps on a hand-worked case', () => {
    const w = createParameter('w', 1, 1);
    w.value.data[0] = 1;
    w.grad.data[0] = 2;
    const optimizer = new AdamOptimizer();
    // t = 1: m = 0.2, v = 0.004, m̂ = 2, v̂ = 4, w = 1 − 0.1 · 2 / (2 + 1e-8)
    optimizer.step([w], 0.1);
    expect(w.value.data[0]).toBeCloseTo(1 - 0.2 / (2 + 1e-8), 15);
    // t = 2, same g: m = 0.38, v = 0.007996, m̂ = 0.38 / 0.19 = 2, v̂ = 0.007996 / 0.001999 = 4: the same step again
    optimizer.step([w], 0.1);
    expect(w.value.data[0]).toBeCloseTo(1 - 0.4 / (2 + 1e-8), 14);
    const state = optimizer.saveState();
    expect(state.step).toBe(2);
    expect(state.slots.firstMoment[0][0]).toBeCloseTo(0.38, 15);
    expect(state.slots.secondMoment[0][0]).toBeCloseTo(0.007996, 15);
  });

  it('moves each weight by about η regardless of the gradient scale on the first step', () => {
    const w = createParameter('w', 1, 3);
    w.grad.data.set([1e-6, -50, 3]);
    new AdamOptimizer().step([w], 0.01);
    expect(w.value.data[0]).toBeCloseTo(-0.01 * (1e-6 / (1e-6 + 1e-8)), 12);
    expect(w.value.data[1]).toBeCloseTo(0.01, 9);
    expect(w.value.data[2]).toBeCloseTo(-0.01, 9);
  });

  it('continues identically after its state is saved and loaded', () => {
    const run = (split: boolean) => {
      const w = createParameter('w', 1, 2);
      w.value.data.set([3, -2]);
      let optimizer = new AdamOptimizer({ beta1: 0.8 });
      for (let step = 0; step < 12; step++) {
        w.grad.data.set([2 * w.value.data[0], 4 * w.value.data[1] ** 3]);
        if (split && step === 7) {
          const state = JSON.parse(JSON.stringify(optimizer.saveState()));
          optimizer = new AdamOptimizer({ beta1: 0.8 });
          optimizer.loadState(state, [w]);
        }
        optimizer.step([w], 0.1);
      }
      return Array.from(w.value.data);
    };
    expect(run(true)).toEqual(run(false));
  });

  it('refuses a state saved under other options, and steps on from its own state as if it had never seen it', () => {
    const other = new AdamOptimizer({ beta1: 0.8 });
    const u = createParameter('u', 1, 2);
    u.grad.data.set([1, -2]);
    other.step([u], 0.1);
    const saved = JSON.parse(JSON.stringify(other.saveState()));
    const run = (refuse: boolean) => {
      const w = createParameter('w', 1, 2);
      w.value.data.set([1, 2]);
      w.grad.data.set([0.5, -1]);
      const optimizer = new AdamOptimizer();
      optimizer.step([w], 0.1);
      if (refuse) {
        const before = optimizer.saveState();
        expect(() => optimizer.loadState(saved, [w])).toThrow(
          'adam optimizer state: saved with beta1 0.8, this optimizer has ' +
            'beta1 0.9; load it into an optimizer configured the same way',
        );
        expect(() => optimizer.loadState({ ...saved, config: { beta1: 0.9, beta2: 0.999 } }, [w])).toThrow(
          'adam optimizer state: saved without epsilon, this optimizer has ' +
            'epsilon 1e-8; load it into an optimizer configured the same way',
        );
        expect(optimizer.saveState()).toEqual(before);
      }
      optimizer.step([w], 0.1);
      return { values: Array.from(w.value.data), state: optimizer.saveState() };
    };
    expect(run(true)).toEqual(run(false));
  });

  it('rejects bad options', () => {
    expect(() => new AdamOptimizer({ beta2: 1 })).toThrow('adam optimizer: beta2 must be in [0, 1), got 1');
    expect(() => new AdamOptimizer({ epsilon: 0 })).toThrow('adam optimizer: epsilon must be positive, got 0');
  });
});
