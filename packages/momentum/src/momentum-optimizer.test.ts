import { createParameter } from '@bpnet/core/plugin';
import { describe, expect, it } from 'vitest';
import { MomentumOptimizer } from './momentum-optimizer.js';

describe('MomentumOptimizer', () => {
  it('applies v ← μv − ηg, w ← w + v on a hand-worked case', () => {
    const w = createParameter('w', 1, 2);
    w.value.data.set([1, -1]);
    w.grad.data.set([2, 0.5]);
    const optimizer = new MomentumOptimizer({ momentum: 0.5 });
    optimizer.step([w], 0.1); // v = [−0.2, −0.05], w = [0.8, −1.05]
    expect(Array.from(w.value.data)).toEqual([0.8, -1.05]);
    optimizer.step([w], 0.1); // v = [0.5·−0.2 − 0.2, 0.5·−0.05 − 0.05] = [−0.3, −0.075]
    expect(w.value.data[0]).toBeCloseTo(0.5, 15);
    expect(w.value.data[1]).toBeCloseTo(-1.125, 15);
    const state = optimizer.saveState();
    expect(state).toMatchObject({ kind: 'momentum', config: { momentum: 0.5 }, step: 2 });
    expect(state.slots.velocity[0][0]).toBeCloseTo(-0.3, 15);
    expect(state.slots.velocity[0][1]).toBeCloseTo(-0.075, 15);
  });

  it('continues identically after its state is saved and loaded', () => {
    const run = (split: boolean) => {
      const w = createParameter('w', 1, 1);
      w.value.data[0] = 3;
      let optimizer = new MomentumOptimizer();
      for (let step = 0; step < 10; step++) {
        w.grad.data[0] = 2 * w.value.data[0]; // J = w²
        if (split && step === 5) {
          const state = JSON.parse(JSON.stringify(optimizer.saveState()));
          optimizer = new MomentumOptimizer();
          optimizer.loadState(state, [w]);
        }
        optimizer.step([w], 0.05);
      }
      return w.value.data[0];
    };
    expect(run(true)).toBe(run(false));
  });

  it('refuses a state saved under another momentum, and steps on from its own state as if it had never seen it', () => {
    const other = new MomentumOptimizer({ momentum: 0.5 });
    const u = createParameter('u', 1, 2);
    u.grad.data.set([1, -2]);
    other.step([u], 0.1);
    const saved = JSON.parse(JSON.stringify(other.saveState()));
    const run = (refuse: boolean) => {
      const w = createParameter('w', 1, 2);
      w.value.data.set([1, 2]);
      w.grad.data.set([0.5, -1]);
      const optimizer = new MomentumOptimizer();
      optimizer.step([w], 0.1);
      if (refuse) {
        const before = optimizer.saveState();
        expect(() => optimizer.loadState(saved, [w])).toThrow(
          'momentum optimizer state: saved with momentum 0.5, this optimizer ' +
            'has momentum 0.9; load it into an optimizer configured the same way',
        );
        expect(() => optimizer.loadState({ ...saved, config: { momentum: 0.9, nesterov: true } }, [w])).toThrow(
          'momentum optimizer state: saved with nesterov true, this optimizer ' +
            'has no nesterov; load it into an optimizer configured the same way',
        );
        expect(optimizer.saveState()).toEqual(before);
      }
      optimizer.step([w], 0.1);
      return { values: Array.from(w.value.data), state: optimizer.saveState() };
    };
    expect(run(true)).toEqual(run(false));
  });

  it('rejects a bad momentum and a state that does not fit', () => {
    expect(() => new MomentumOptimizer({ momentum: 1 })).toThrow(
      'momentum optimizer: momentum must be in [0, 1), got 1',
    );
    const w = createParameter('w', 2, 2);
    expect(() =>
      new MomentumOptimizer().loadState({ kind: 'momentum', config: {}, step: 1, slots: { velocity: [[1, 2]] } }, [w]),
    ).toThrow("momentum optimizer state: slot 'velocity' of parameter 0 (w) must be 4 finite numbers");
    expect(() => new MomentumOptimizer().loadState({ kind: 'adam', config: {}, step: 1, slots: {} }, [w])).toThrow(
      'momentum optimizer state: kind is "adam", expected \'momentum\'',
    );
  });
});
