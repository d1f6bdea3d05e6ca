import { buildNetwork, createContainer, Matrix, type NetworkSpec, seededRandomModule } from '@bpnet/core';
import { INFERENCE_PASS } from '@bpnet/core/plugin';
import { assertConformance, checkLayerConformance, randomMatrixAwayFromZero } from '@bpnet/core/testing';
import { denseModule, denseRegistration } from '@bpnet/dense';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { describe, expect, it } from 'vitest';
import { gaussianNoiseRegistration } from './gaussian-noise-layer.js';
import { parallelSumModule, parallelSumRegistration } from './parallel-sum-layer.js';
import { preluModule, preluRegistration } from './prelu-layer.js';
import { recenterRegistration } from './recenter-layer.js';

const build = (spec: Omit<NetworkSpec, 'loss'>) =>
  buildNetwork(
    createContainer(denseModule, softmaxCrossEntropyModule, preluModule, parallelSumModule, seededRandomModule(1)),
    {
      ...spec,
      loss: { kind: 'softmax-cross-entropy' },
    },
  );

describe('acme/parallel-sum', () => {
  it("passes bpnet's conformance kit with dense branches (its example)", () => {
    const report = checkLayerConformance(parallelSumRegistration, { layers: [denseRegistration] });
    assertConformance(report);
    // input sizes × batch sizes × (state check + 2 phases ×
    //   (5 gradients: input and 2 branches × (weights, bias) + 7 checks))
    expect(report.checks).toBe(2 * 2 * (1 + 2 * (5 + 7)));
  });

  it('passes with branches that have their own parameters, state and randomness', () => {
    const configs = [
      { kind: 'acme/parallel-sum', branches: [{ kind: 'acme/prelu' }, { kind: 'acme/recenter', momentum: 0.5 }] },
      {
        kind: 'acme/parallel-sum',
        branches: [
          { kind: 'acme/prelu', initialSlope: -0.5 },
          { kind: 'acme/gaussian-noise', std: 0.3 },
          { kind: 'dense', units: 3 },
        ],
      },
    ];
    const layers = [denseRegistration, preluRegistration, recenterRegistration, gaussianNoiseRegistration];
    assertConformance(
      checkLayerConformance(parallelSumRegistration, {
        configs,
        layers,
        inputSizes: [3],
        makeInput: randomMatrixAwayFromZero,
      }),
    );
  });

  it('adds the branches forward and their input sensitivities backward (hand-worked)', () => {
    const network = build({
      inputSize: 2,
      layers: [
        {
          kind: 'acme/parallel-sum',
          branches: [
            { kind: 'dense', units: 1, weightInitializer: { kind: 'constant', value: 1 } },
            {
              kind: 'dense',
              units: 1,
              weightInitializer: { kind: 'constant', value: 2 },
              biasInitializer: { kind: 'constant', value: 0.5 },
            },
          ],
        },
      ],
    });
    const [layer] = network.layers;
    // f(x) = 1·1 + 1·2 = 3, g(x) = 2·1 + 2·2 + 0.5 = 6.5
    expect(layer.forward(Matrix.fromRows([[1, 2]]), INFERENCE_PASS).toRows()).toEqual([[9.5]]);
    // s = 2: ∂J/∂x = s·W_fᵀ + s·W_gᵀ = [2, 2] + [4, 4]; each branch adds ∂J/∂W = xᵀs = [2, 4]ᵀ and ∂J/∂b = s = 2
    expect(layer.backward(Matrix.fromRows([[2]])).toRows()).toEqual([[6, 6]]);
    expect(network.parameters().map(({ grad }) => grad.toRows())).toEqual([[[2], [4]], [[2]], [[2], [4]], [[2]]]);
    expect(network.namedParameters().map(({ path }) => path)).toEqual([
      'layers[0].branches[0].weights',
      'layers[0].branches[0].bias',
      'layers[0].branches[1].weights',
      'layers[0].branches[1].bias',
    ]);
  });

  it('says where a branch is wrong', () => {
    expect(() =>
      build({
        inputSize: 2,
        layers: [
          {
            kind: 'acme/parallel-sum',
            branches: [
              { kind: 'dense', units: 3 },
              { kind: 'dense', units: 4 },
            ],
          },
        ],
      }),
    ).toThrow(
      'acme/parallel-sum at layers[0]: branches[1] outputs 4 ' +
        'columns and branches[0] 3; every branch must output as many',
    );
    expect(() =>
      build({
        inputSize: 2,
        layers: [{ kind: 'acme/parallel-sum', branches: [{ kind: 'dense', units: 3 }, { kind: 'acme/nope' }] }],
      }),
    ).toThrow("layers[0].branches[1]: unknown layer kind 'acme/nope'");
    expect(() => build({ inputSize: 2, layers: [{ kind: 'acme/parallel-sum', branches: [] }] })).toThrow(
      'acme/parallel-sum at layers[0]: branches must be a non-empty array of layer specs',
    );
  });
});
