import { buildNetwork, createContainer, seededRandomModule } from '@bpnet/core';
import { assertConformance, checkInitializerConformance } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { describe, expect, it } from 'vitest';
import { lecunUniformInitializer, lecunUniformModule } from './lecun-uniform-initializer.js';

describe('acme/lecun-uniform', () => {
  it("passes bpnet's initializer conformance kit, moments included (mean 0, std 1/√fanIn)", () => {
    const report = checkInitializerConformance(lecunUniformInitializer, {
      moments: (_config, { fanIn }) => ({ mean: 0, std: 1 / Math.sqrt(fanIn) }),
    });
    assertConformance(report);
    expect(report.checks).toBe(3 * 2 + 2); // 3 shapes × (finite, deterministic) + moments + unknown options
  });

  it('stays inside [−√(3/fanIn), √(3/fanIn)] and reaches near both ends', () => {
    const network = buildNetwork(
      createContainer(denseModule, softmaxCrossEntropyModule, lecunUniformModule, seededRandomModule(8)),
      {
        inputSize: 300,
        layers: [{ kind: 'dense', units: 20, weightInitializer: { kind: 'acme/lecun-uniform' } }],
        loss: { kind: 'softmax-cross-entropy' },
      },
    );
    const weights = Array.from(network.layers[0].parameters()[0].value.data);
    const a = Math.sqrt(3 / 300);
    expect(Math.max(...weights)).toBeLessThanOrEqual(a);
    expect(Math.min(...weights)).toBeGreaterThanOrEqual(-a);
    expect(Math.max(...weights)).toBeGreaterThan(0.99 * a);
    expect(Math.min(...weights)).toBeLessThan(-0.99 * a);
  });

  it('names the matrix it fills when given an option', () => {
    const network = () =>
      buildNetwork(createContainer(denseModule, softmaxCrossEntropyModule, lecunUniformModule), {
        inputSize: 2,
        layers: [{ kind: 'dense', units: 2, weightInitializer: { kind: 'acme/lecun-uniform', gain: 2 } }],
        loss: { kind: 'softmax-cross-entropy' },
      });
    expect(network).toThrow(
      "acme/lecun-uniform initializer of layers[0].weights: unknown option 'gain'; it takes no options",
    );
  });
});
