import { buildNetwork, createContainer, SeededRandom, seededRandomModule, TRAINER, train } from '@bpnet/core';
import { createParameter } from '@bpnet/core/plugin';
import { assertConformance, checkOptimizerConformance, type ReferenceUpdate } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { describe, expect, it } from 'vitest';
import { preluModule } from './prelu-layer.js';
import { RmspropOptimizer, rmspropModule, rmspropRegistration, type RmspropSpec } from './rmsprop-optimizer.js';
import { makeRings } from './rings.js';

/**
 * RMSProp as its TSDoc states it, kept in plain arrays: s ← ρ s + (1 − ρ) g², w ← w − η g / (√s + ε), s starting
 * at 0; ρ = 0.9 and ε = 1e-8 by default.
 */
function rmspropReference({ decay = 0.9, epsilon = 1e-8 }: RmspropSpec): ReferenceUpdate {
  const meanSquares: number[][] = [];
  return (values, gradients, eta) => {
    values.forEach((w, p) => {
      const s = (meanSquares[p] ??= new Array<number>(w.length).fill(0));
      for (let i = 0; i < w.length; i++) {
        const g = gradients[p][i];
        s[i] = decay * s[i] + (1 - decay) * g ** 2;
        w[i] = w[i] - (eta * g) / (Math.sqrt(s[i]) + epsilon);
      }
    });
  };
}

describe('acme/rmsprop', () => {
  it("passes bpnet's optimizer conformance kit against an independent reference", () => {
    const report = checkOptimizerConformance(rmspropRegistration, { reference: rmspropReference });
    assertConformance(report);
    expect(report.checks).toBe(2 * 6); // configs × 6 checks
  });

  it('passes with each option changed alone, so each must match for a saved state to load', () => {
    const configs: RmspropSpec[] = [
      { kind: 'acme/rmsprop' },
      { kind: 'acme/rmsprop', decay: 0.99 },
      { kind: 'acme/rmsprop', epsilon: 1e-6 },
    ];
    assertConformance(
      checkOptimizerConformance(rmspropRegistration, {
        configs,
        reference: rmspropReference,
        steps: 8,
        learningRate: 0.02,
        seed: 3,
      }),
    );
  });

  it('takes the hand-worked steps (ρ = 0.9, η = 0.1, g = 2)', () => {
    const w = createParameter('w', 1, 1);
    w.value.data[0] = 1;
    w.grad.data[0] = 2;
    const optimizer = new RmspropOptimizer(0.9, 1e-8);
    optimizer.step([w], 0.1); // s = 0.1 · 4 = 0.4
    expect(w.value.data[0]).toBeCloseTo(1 - 0.2 / (Math.sqrt(0.4) + 1e-8), 15);
    optimizer.step([w], 0.1); // s = 0.9 · 0.4 + 0.4 = 0.76
    expect(w.value.data[0]).toBeCloseTo(1 - 0.2 / (Math.sqrt(0.4) + 1e-8) - 0.2 / (Math.sqrt(0.76) + 1e-8), 15);
    expect(optimizer.saveState()).toEqual({
      kind: 'acme/rmsprop',
      config: { decay: 0.9, epsilon: 1e-8 },
      step: 2,
      slots: { meanSquare: [[expect.closeTo(0.76, 15)]] },
    });
    expect(() => new RmspropOptimizer(0.5, 1e-8).loadState(optimizer.saveState(), [w])).toThrow(
      'acme/rmsprop optimizer state: saved with decay 0.9, this optimizer ' +
        'has decay 0.5; load it into an optimizer configured the same way',
    );
  });

  it("trains a network through the container's trainer, and continues from its saved state", () => {
    const container = createContainer(
      denseModule,
      softmaxCrossEntropyModule,
      preluModule,
      rmspropModule,
      seededRandomModule(3),
    );
    const network = buildNetwork(container, {
      inputSize: 2,
      layers: [
        { kind: 'dense', units: 16, weightInitializer: { kind: 'he' } },
        { kind: 'acme/prelu' },
        { kind: 'dense', units: 3 },
      ],
      loss: { kind: 'softmax-cross-entropy' },
    });
    const { inputs, labels } = makeRings(new SeededRandom(4), 40, 3);
    const options = {
      learningRate: 0.01,
      iterations: 200,
      batchSize: 20,
      seed: 5,
      optimizer: { kind: 'acme/rmsprop', decay: 0.95 },
    };
    const history = container.get(TRAINER).train(network, inputs, labels, options);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(history.loss.slice(-20))).toBeLessThan(0.8 * mean(history.loss.slice(0, 20)));
    expect(history.optimizerState).toMatchObject({
      kind: 'acme/rmsprop',
      config: { decay: 0.95, epsilon: 1e-8 },
      step: 200,
    });
    const more = container
      .get(TRAINER)
      .train(network, inputs, labels, { ...options, iterations: 10, optimizerState: history.optimizerState });
    expect(more.optimizerState.step).toBe(210);
    // The free function `train` has no container: it knows only 'sgd'.
    expect(() => train(network, inputs, labels, options)).toThrow(
      "train: optimizer: unknown optimizer kind 'acme/rmsprop'; known optimizer kinds: sgd. " +
        "The free train() and trainAsync() know only 'sgd': use container.get(TRAINER).train(...)",
    );
  });

  it('rejects bad options', () => {
    expect(() => rmspropRegistration.create({ kind: 'acme/rmsprop', decay: 1 })).toThrow(
      'acme/rmsprop optimizer: decay must be in [0, 1), got 1',
    );
    expect(() => rmspropRegistration.create({ kind: 'acme/rmsprop', epsilon: 0 })).toThrow(
      'acme/rmsprop optimizer: epsilon must be positive, got 0',
    );
    expect(() => rmspropRegistration.create({ kind: 'acme/rmsprop', rho: 0.9 })).toThrow(
      "acme/rmsprop optimizer: unknown option 'rho'; expected one of: decay, epsilon",
    );
  });
});
