import { jsKernels, SeededRandom } from '@bpnet/core';
import { createLayerContext, INFERENCE_PASS, Registry } from '@bpnet/core/plugin';
import { assertConformance, checkLayerConformance, randomMatrix } from '@bpnet/core/testing';
import { describe, expect, it } from 'vitest';
import { swishActivation, swishRegistration } from './swish-activation.js';

const contextAt = (where: string, inputSize: number) =>
  createLayerContext(
    { kernels: jsKernels, random: new SeededRandom(0), initializers: new Registry('initializer', []) },
    inputSize,
    where,
  );

describe('acme/swish', () => {
  it("passes bpnet's conformance kit", () => {
    const report = checkLayerConformance(swishRegistration, { inputSizes: [1, 5], batchSizes: [1, 4] });
    assertConformance(report);
    // input sizes × batch sizes × (state check + 2 phases × (1 gradient + 6 checks))
    expect(report.checks).toBe(2 * 2 * (1 + 2 * 7));
  });

  it(
    'computes y = x·σ(x) and f′(x) = (1 + e^−x + x·e^−x) / (1 + e^−x)² ' + '(a different form of the same derivative)',
    () => {
      const random = new SeededRandom(5);
      const x = randomMatrix(3, 4, random);
      for (let i = 0; i < x.data.length; i++) x.data[i] *= 6; // reach well into both tails
      const layer = swishRegistration.create({ kind: 'acme/swish' }, contextAt('layers[0]', 4));
      const y = layer.forward(x, INFERENCE_PASS);
      const delta = randomMatrix(3, 4, random);
      const dx = layer.backward(delta);
      for (let i = 0; i < x.data.length; i++) {
        const v = x.data[i],
          e = Math.exp(-v);
        expect(y.data[i]).toBeCloseTo(v / (1 + e), 14);
        expect(dx.data[i]).toBeCloseTo((delta.data[i] * (1 + e + v * e)) / (1 + e) ** 2, 14);
      }
    },
  );

  it('has the hand-worked values at 0 and stays finite far out', () => {
    expect(swishActivation.apply(0)).toBe(0);
    expect(swishActivation.backwardFromInput(1, 0)).toBe(0.5); // σ(0)·(1 + 0) = ½
    expect(swishActivation.apply(-1000)).toBe(-0); // −1000 · σ(−1000) underflows to −0, not NaN
    expect(swishActivation.backwardFromInput(1, 1000)).toBe(1);
    expect(Math.abs(swishActivation.backwardFromInput(1, -1000))).toBe(0);
  });

  it('accepts no options', () => {
    expect(() => swishRegistration.create({ kind: 'acme/swish', beta: 1 }, contextAt('layers[3]', 1))).toThrow(
      "acme/swish at layers[3]: unknown option 'beta'; it takes no options",
    );
  });
});
