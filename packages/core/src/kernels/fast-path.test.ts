import { describe, expect, it } from 'vitest';
import { withFastPath } from './fast-path.js';
import { jsKernels } from './js-kernels.js';
import type { KernelFastPaths, Kernels } from './kernels.js';
import { Matrix } from './matrix.js';

// x·W + 1·b worked by hand: [1 2; 3 4] · [1 0 2; 0 1 1] + [10 20 30] = [11 22 34; 13 24 40].
const x = Matrix.fromRows([
  [1, 2],
  [3, 4],
]);
const w = Matrix.fromRows([
  [1, 0, 2],
  [0, 1, 1],
]);
const b = Matrix.fromRows([[10, 20, 30]]);
const expected = [11, 22, 34, 13, 24, 40];

/** jsKernels with the given fast paths (a backend offering them). */
function withPaths(fastPaths: KernelFastPaths | undefined): Kernels {
  return Object.assign(Object.create(jsKernels) as Kernels, { fastPaths });
}

/** The dense layer's forward through the helper, counting how often the fallback ran. */
function netThrough(kernels: Kernels): { net: Matrix; fallbacks: number } {
  let fallbacks = 0;
  const out = Matrix.zeros(2, 3);
  const net = withFastPath(kernels, 'matmulAddRow', [x, w, b, out], () => {
    fallbacks++;
    return kernels.addRowVector(kernels.matmul(x, w, out), b, out);
  });
  return { net, fallbacks };
}

describe('withFastPath', () => {
  it('runs the fallback (the required operations) for kernels without fast paths, or without that one', () => {
    for (const kernels of [jsKernels, withPaths(undefined), withPaths({}), withPaths({ copyRows: () => undefined })]) {
      const { net, fallbacks } = netThrough(kernels);
      expect(Array.from(net.data)).toEqual(expected);
      expect(fallbacks).toBe(1);
    }
  });

  it('uses a fast path that takes the operands (arguments in order, `this` the fast paths), not the fallback', () => {
    const calls: unknown[][] = [];
    const fastPaths: KernelFastPaths = {
      matmulAddRow(a, bb, row, out) {
        calls.push([this, a, bb, row, out]);
        out.data.set([1, 2, 3, 4, 5, 6]); // a recognizable result, not the product
        return out;
      },
    };
    const { net, fallbacks } = netThrough(withPaths(fastPaths));
    expect(Array.from(net.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(fallbacks).toBe(0);
    expect(calls).toEqual([[fastPaths, x, w, b, net]]);
  });

  it('runs the fallback when the fast path declines these operands (returns undefined)', () => {
    let asked = 0;
    const declining: KernelFastPaths = {
      matmulAddRow: () => {
        asked++;
        return undefined;
      },
    };
    const { net, fallbacks } = netThrough(withPaths(declining));
    expect([asked, fallbacks]).toEqual([1, 1]);
    expect(Array.from(net.data)).toEqual(expected);
  });

  it('makes arguments given as a function only for a backend that has the fast path', () => {
    const rows = [Float64Array.of(1, 2), Float64Array.of(3, 4)];
    let made = 0;
    const args = (): [Float64Array[], number, Matrix] => {
      made++;
      return [rows, 2, Matrix.zeros(2, 2)];
    };
    const fallback = () => Matrix.fromRows([[0, 0]]);
    expect(withFastPath(jsKernels, 'copyRows', args, fallback).shape).toBe('1×2');
    expect(made).toBe(0);
    const copying = withPaths({
      copyRows: (from, count, out) => {
        for (let i = 0; i < count; i++) out.data.set(from[i], i * out.cols);
        return out;
      },
    });
    expect(Array.from(withFastPath(copying, 'copyRows', args, fallback).data)).toEqual([1, 2, 3, 4]);
    expect(made).toBe(1);
  });

  it('lets an error of the fast path through (operands that do not fit are not declined but refused)', () => {
    const refusing = withPaths({
      activation: () => {
        throw new Error('Kernels.activation: operand shapes 1×2, 2×1 do not fit together');
      },
    });
    const net = Matrix.zeros(1, 2),
      out = Matrix.zeros(2, 1);
    const run = () => withFastPath(refusing, 'activation', ['logistic', net, out], () => out);
    expect(run).toThrow('Kernels.activation: operand shapes 1×2, 2×1 do not fit together');
  });
});
