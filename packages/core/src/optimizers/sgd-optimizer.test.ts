import { describe, expect, it } from 'vitest';
import { jsKernels } from '../kernels/js-kernels.js';
import { createParameter } from '../contract/parameter.js';
import { SgdOptimizer, sgdRegistration } from './sgd-optimizer.js';

describe('SgdOptimizer', () => {
  it('steps w ← w − η g and counts its steps', () => {
    const w = createParameter('w', 1, 2);
    w.value.data.set([1, -1]);
    w.grad.data.set([2, 0.5]);
    const optimizer = new SgdOptimizer();
    optimizer.step([w], 0.1, jsKernels);
    expect(Array.from(w.value.data)).toEqual([0.8, -1.05]);
    expect(optimizer.saveState()).toEqual({ kind: 'sgd', config: {}, step: 1, slots: {} });
  });

  it(
    'refuses a state saved with options (it has none), and steps ' + 'on from its own state as if it had never seen it',
    () => {
      const run = (refuse: boolean) => {
        const w = createParameter('w', 1, 2);
        w.value.data.set([1, 2]);
        w.grad.data.set([0.5, -1]);
        const optimizer = sgdRegistration.create({ kind: 'sgd' });
        optimizer.step([w], 0.1, jsKernels);
        if (refuse) {
          expect(() =>
            optimizer.loadState({ kind: 'sgd', config: { momentum: 0.9 }, step: 7, slots: {} }, [w]),
          ).toThrow(
            'sgd optimizer state: saved with momentum 0.9, this optimizer has no ' +
              'momentum; load it into an optimizer configured the same way',
          );
          expect(optimizer.saveState().step).toBe(1);
        }
        optimizer.step([w], 0.1, jsKernels);
        return { values: Array.from(w.value.data), state: optimizer.saveState() };
      };
      expect(run(true)).toEqual(run(false));
    },
  );

  it('loads a state saved without options', () => {
    const optimizer = new SgdOptimizer();
    optimizer.loadState({ kind: 'sgd', config: {}, step: 3, slots: {} }, []);
    expect(optimizer.saveState().step).toBe(3);
  });
});
