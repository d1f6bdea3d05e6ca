import { describe, expect, it } from 'vitest';
import { DivergenceError } from './divergence-error.js';
import { DivergenceGuard } from './divergence-guard.js';
import { jsKernels } from '../kernels/js-kernels.js';
import { Matrix } from '../kernels/matrix.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { SgdOptimizer } from '../optimizers/sgd-optimizer.js';
import { createParameter } from '../contract/parameter.js';

describe('DivergenceGuard with plain gradient descent', () => {
  it('reads the values again when its carried bound overflows, and stops only a step that really overflows', () => {
    const parameter = createParameter('w', 1, 2);
    parameter.value.data.set([1e308, -1]);
    const guard = new DivergenceGuard([{ path: 'w', parameter }], 1, new SgdOptimizer(), jsKernels);
    const sgd = new SgdOptimizer();
    const step = (iteration: number, gradient: number) => {
      parameter.grad.data.set([gradient, 0]);
      guard.beforeStep(iteration, 0.5);
      sgd.step([parameter], 1, jsKernels);
      guard.afterStep(iteration);
    };
    step(1, 5e307); // bound 1e308 + 5e307 is finite; w becomes 5e307
    step(2, 5e307); // the bound (1.5e308 + 5e307) overflows, but w + 5e307 does not: w becomes 0
    expect(parameter.value.data[0]).toBe(0);
    step(3, -1.5e308); // w becomes 1.5e308
    let error: unknown;
    try {
      step(4, -1e308); // 1.5e308 + 1e308 overflows
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DivergenceError);
    expect(error).toMatchObject({ iteration: 4, quantity: 'the update of w', value: Infinity });
    expect(Array.from(parameter.value.data)).toEqual([1.5e308, -1]); // the step was not applied
  });

  it('names a non-finite gradient before any step', () => {
    const parameter = createParameter('w', 1, 1);
    parameter.grad.data[0] = NaN;
    const guard = new DivergenceGuard([{ path: 'layers[0].w', parameter }], 0.1, new SgdOptimizer(), jsKernels);
    expect(() => guard.beforeStep(7, 1)).toThrow(DivergenceError);
    expect(() => guard.beforeStep(7, 1)).toThrow('the gradient of layers[0].w is NaN');
  });
});

describe('DivergenceGuard limits and reports', () => {
  it('stops a plain gradient step that would overflow float32 storage, though float64 could hold it', () => {
    const parameter = {
      name: 'w',
      value: new Matrix(1, 1, Float32Array.of(3e38)),
      grad: new Matrix(1, 1, Float32Array.of(-1e38)),
    };
    const guard = new DivergenceGuard([{ path: 'w', parameter }], 1, new SgdOptimizer(), jsKernels);
    expect(() => guard.beforeStep(1, 0.5)).toThrow('the update of w is Infinity');
    expect(parameter.value.data[0]).toBe(Math.fround(3e38));
  });

  it('names the value another optimizer’s step produced, then puts the parameters back', () => {
    const parameter = createParameter('w', 1, 2);
    parameter.value.data.set([1, 2]);
    const blowUp: Optimizer = {
      kind: 'blow-up',
      step: (parameters) => parameters[0].value.data.set([Infinity, 2]),
      saveState: () => ({ kind: 'blow-up', config: {}, step: 0, slots: {} }),
      loadState: () => undefined,
    };
    const guard = new DivergenceGuard([{ path: 'layers[0].w', parameter }], 0.1, blowUp, jsKernels);
    guard.beforeStep(3, 1);
    blowUp.step([parameter], 0.1, jsKernels);
    let error: unknown;
    try {
      guard.afterStep(3);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ iteration: 3, quantity: 'the update of layers[0].w', value: Infinity });
    expect(Array.from(parameter.value.data)).toEqual([1, 2]);
  });
});

describe('DivergenceGuard undoes the optimizer', () => {
  /** A plug-in optimizer without `undo`: it counts steps and writes Infinity into the parameter on its second step. */
  function counting(): Optimizer & { count: number } {
    const optimizer = {
      kind: 'counting',
      count: 0,
      step: (parameters: readonly { value: Matrix }[]) => {
        optimizer.count++;
        parameters[0].value.data[0] = optimizer.count === 2 ? Infinity : optimizer.count;
      },
      saveState: () => ({ kind: 'counting', config: {}, step: optimizer.count, slots: {} }),
      loadState: (state: { step: number }) => void (optimizer.count = state.step),
    };
    return optimizer;
  }

  it('loads the state saved before a refused step into an optimizer without undo()', () => {
    const parameter = createParameter('w', 1, 1);
    const optimizer = counting();
    const guard = new DivergenceGuard([{ path: 'layers[0].w', parameter }], 0.1, optimizer, jsKernels);
    for (const iteration of [1, 2]) {
      guard.beforeStep(iteration, 1);
      optimizer.step([parameter], 0.1, jsKernels);
      if (iteration === 2) expect(() => guard.afterStep(iteration)).toThrow('the update of layers[0].w is Infinity');
      else guard.afterStep(iteration);
    }
    expect(optimizer.count).toBe(1);
    expect(parameter.value.data[0]).toBe(1);
  });

  it('undoStep puts back the parameters and calls undo() after a step that threw', () => {
    const parameter = createParameter('w', 1, 1);
    parameter.value.data[0] = 5;
    let undone = 0;
    const throwing: Optimizer = {
      kind: 'throwing',
      step: (parameters) => {
        parameters[0].value.data[0] = 6;
        throw new Error('step failed');
      },
      undo: () => void undone++,
      saveState: () => ({ kind: 'throwing', config: {}, step: 0, slots: {} }),
      loadState: () => undefined,
    };
    const guard = new DivergenceGuard([{ path: 'w', parameter }], 0.1, throwing, jsKernels);
    guard.beforeStep(1, 1);
    expect(() => throwing.step([parameter], 0.1, jsKernels)).toThrow('step failed');
    guard.undoStep();
    expect([parameter.value.data[0], undone]).toEqual([5, 1]);
  });
});

describe('DivergenceGuard checks by what the optimizer declares (updateBound), not by its class', () => {
  /**
   * A plug-in optimizer w ← w − c·η·g (c = `factor`), without `undo`, counting the calls the guard makes; with
   * `declare`, it declares |Δw| ≤ c·η·max|g| as its `updateBound`.
   */
  function scaledStep(factor: number, declare: boolean) {
    const calls = { step: 0, saveState: 0, loadState: 0 };
    const optimizer: Optimizer = {
      kind: 'test/scaled-step',
      step: (parameters, learningRate) => {
        calls.step++;
        for (const { value, grad } of parameters) {
          for (let i = 0; i < value.data.length; i++) value.data[i] -= factor * learningRate * grad.data[i];
        }
      },
      saveState: () => {
        calls.saveState++;
        return { kind: 'test/scaled-step', config: {}, step: calls.step, slots: {} };
      },
      loadState: () => void calls.loadState++,
    };
    const updateBound = (maxAbsGradient: number, learningRate: number) => factor * learningRate * maxAbsGradient;
    return { optimizer: declare ? { ...optimizer, updateBound } : optimizer, calls };
  }

  function parameterOf(value: number, gradient: number) {
    const parameter = createParameter('w', 1, 1);
    parameter.value.data[0] = value;
    parameter.grad.data[0] = gradient;
    return parameter;
  }

  it('refuses before the step an update its declared bound takes past the largest double, saving nothing', () => {
    // w = 1e308, g = −4e307, η = 1: the step 2·η·g makes w 1.8e308 > 1.7976931348623157e308 (overflow).
    const parameter = parameterOf(1e308, -4e307);
    const { optimizer, calls } = scaledStep(2, true);
    const guard = new DivergenceGuard([{ path: 'layers[0].w', parameter }], 1, optimizer, jsKernels);
    expect(() => guard.beforeStep(1, 0.5)).toThrow('the update of layers[0].w is Infinity');
    expect(calls).toEqual({ step: 0, saveState: 0, loadState: 0 });
    expect(parameter.value.data[0]).toBe(1e308);
    // The same values pass for plain gradient descent, whose bound η·max|g| gives 1.4e308.
    const sgdGuard = new DivergenceGuard([{ path: 'layers[0].w', parameter }], 1, new SgdOptimizer(), jsKernels);
    expect(() => sgdGuard.beforeStep(1, 0.5)).not.toThrow();
  });

  it('lets finite steps through with no copy and no saved state when the optimizer declares a bound', () => {
    const parameter = parameterOf(3, 2);
    const { optimizer, calls } = scaledStep(2, true);
    const guard = new DivergenceGuard([{ path: 'w', parameter }], 0.25, optimizer, jsKernels);
    for (const iteration of [1, 2, 3]) {
      guard.beforeStep(iteration, 1);
      optimizer.step([parameter], 0.25, jsKernels);
      guard.afterStep(iteration);
    }
    expect(parameter.value.data[0]).toBe(0); // 3 − 3 · (2 · 0.25 · 2)
    expect(calls).toEqual({ step: 3, saveState: 0, loadState: 0 });
  });

  it('backs up, checks after the step and undoes the same optimizer when it declares no bound', () => {
    const parameter = parameterOf(1e308, -4e307);
    const { optimizer, calls } = scaledStep(2, false);
    const guard = new DivergenceGuard([{ path: 'layers[0].w', parameter }], 1, optimizer, jsKernels);
    guard.beforeStep(1, 0.5); // nothing is known about the step before it is taken
    expect(calls.saveState).toBe(1);
    optimizer.step([parameter], 1, jsKernels);
    expect(parameter.value.data[0]).toBe(Infinity);
    expect(() => guard.afterStep(1)).toThrow('the update of layers[0].w is Infinity');
    expect(parameter.value.data[0]).toBe(1e308);
    expect(calls).toEqual({ step: 1, saveState: 1, loadState: 1 });
  });
});
