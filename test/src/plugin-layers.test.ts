import { buildNetwork, jsKernels, Matrix, SeededRandom, type Layer } from '@bpnet/core';
import {
  buildLayer,
  builtinInitializers,
  createLayerContext,
  INFERENCE_PASS,
  Registry,
  trainingPass,
} from '@bpnet/core/plugin';
import {
  assertConformance,
  assertGradientsMatch,
  checkLayerConformance,
  checkNetworkGradients,
} from '@bpnet/core/testing';
import { denseRegistration } from '@bpnet/dense';
import { WasmKernels } from '@bpnet/wasm';
import { describe, expect, it } from 'vitest';
import { acmeContainer, acmeData, stochasticStateSpec } from './fixtures/outside-plugins/acme-problem.js';
import { DEFAULT_SIGMA, type NoiseLayer, noiseRegistration } from './fixtures/outside-plugins/noise-layer.js';
import { type RunningCenterLayer, runningCenterRegistration } from './fixtures/outside-plugins/running-center-layer.js';
import { swishRegistration } from './fixtures/outside-plugins/swish-activation.js';
import { twiceRegistration } from './fixtures/outside-plugins/twice-layer.js';

/** Builds `spec` at `layers[0]` through a registry of the acme kinds and dense, as the network builder would. */
function build(spec: unknown, inputSize: number): Layer {
  const services = {
    kernels: jsKernels,
    random: new SeededRandom(1),
    initializers: new Registry('initializer', builtinInitializers),
    layers: new Registry('layer', [denseRegistration, noiseRegistration, runningCenterRegistration, twiceRegistration]),
  };
  return buildLayer(services, spec, inputSize, 'layers[0]');
}

describe('the acme plug-in layers pass the conformance kit', () => {
  it('acme/noise', () => {
    const report = checkLayerConformance(noiseRegistration);
    assertConformance(report);
    // 2 configs × 2 input sizes × 2 batch sizes × (state check + training 7 + inference 7): a stochastic layer's
    // training pass has no batch-vs-samples check (its draws follow positions) but 'stochastic layers draw in
    // training'; inference has batch-vs-samples.
    expect(report.checks).toBe(2 * 2 * 2 * (1 + 7 + 7));
  });

  it('acme/running-center', () => {
    const report = checkLayerConformance(runningCenterRegistration);
    assertConformance(report);
    // per input size: batch 1 = state check + 'a batch of one in training' (instead of the training checks, for a
    // coupled layer) + inference 7; batch 5 = state check + training 7 (rows permute instead of batch vs samples)
    // + inference 7.
    expect(report.checks).toBe(2 * (1 + 1 + 7 + (1 + 7 + 7)));
  });

  it('acme/twice, wrapping dense, acme/noise and acme/running-center', () => {
    const report = checkLayerConformance(twiceRegistration, {
      configs: [
        { kind: 'acme/twice', body: { kind: 'dense', units: 3 } },
        { kind: 'acme/twice', body: { kind: 'acme/noise', sigma: 0.5 } },
        { kind: 'acme/twice', body: { kind: 'acme/running-center' } },
      ],
      layers: [denseRegistration, noiseRegistration, runningCenterRegistration],
    });
    assertConformance(report);
    // dense body: 4 settings × (1 + 2 phases × (5 gradients: input, first.weights, first.bias, second.weights,
    // second.bias + 7 checks incl. backwardParameters)); noise body: 4 × (1 + 8 + 8) (training adds 'stochastic
    // layers draw in training'); running-center body:
    // 2 × ((1 + 1 + 8) + (1 + 8 + 8)), the nested coupled layer getting the batch-of-one check at batch 1.
    expect(report.checks).toBe(4 * (1 + 2 * 12) + 4 * (1 + 8 + 8) + 2 * (1 + 1 + 8 + (1 + 8 + 8)));
  });

  it('acme/swish, an activation given through its input (backwardFromInput)', () => {
    const report = checkLayerConformance(swishRegistration);
    assertConformance(report);
    expect(report.checks).toBe(2 * 2 * (1 + 2 * 7));
  });
});

describe('the acme layers on the WebAssembly kernels and in a whole network', () => {
  it('pass the kit with the float64 WebAssembly kernels (every matrix through reuseMatrix and the kernels)', () => {
    const kernels = new WasmKernels({});
    assertConformance(checkLayerConformance(noiseRegistration, { kernels }));
    assertConformance(checkLayerConformance(runningCenterRegistration, { kernels }));
    assertConformance(
      checkLayerConformance(twiceRegistration, {
        kernels,
        configs: [
          { kind: 'acme/twice', body: { kind: 'dense', units: 3 } },
          { kind: 'acme/twice', body: { kind: 'acme/running-center' } },
        ],
        layers: [denseRegistration, runningCenterRegistration],
      }),
    );
  });

  it(
    'a network of them backpropagates what central differences ' +
      'of J give, in training (fixed draws, state put back)',
    () => {
      const { inputs, labels } = acmeData(10);
      const network = buildNetwork(acmeContainer(3), stochasticStateSpec());
      network.backprop(inputs, labels); // running means away from zero
      assertGradientsMatch('acme network, training', checkNetworkGradients(network, inputs, labels));
      assertGradientsMatch(
        'acme network, inference',
        checkNetworkGradients(network, inputs, labels, { phase: 'inference' }),
      );
    },
  );
});

describe('acme/noise', () => {
  const x = Matrix.fromRows([
    [1, -2, 0.5],
    [0, 3, -1],
  ]);

  it("adds σ·z with z the pass source's next normals, element by element in row-major order, in training", () => {
    const layer = build({ kind: 'acme/noise', sigma: 0.7 }, 3);
    const output = layer.forward(x, trainingPass(new SeededRandom(42))).clone();
    const draws = new SeededRandom(42);
    const expected = Array.from(x.data, (v) => v + 0.7 * draws.normal());
    expect(Array.from(output.data)).toEqual(expected);
    expect(
      layer
        .backward(
          Matrix.fromRows([
            [1, 2, 3],
            [4, 5, 6],
          ]),
        )
        .toRows(),
    ).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('is the identity in inference and draws nothing', () => {
    const layer = build({ kind: 'acme/noise' }, 3);
    expect(layer.forward(x, INFERENCE_PASS).toRows()).toEqual(x.toRows()); // INFERENCE_PASS throws on any draw
    expect((layer as NoiseLayer).sigma).toBe(DEFAULT_SIGMA);
  });

  it('rejects bad options, saying where and what was expected', () => {
    expect(() => build({ kind: 'acme/noise', sigma: -1 }, 3)).toThrow(
      'acme/noise at layers[0]: sigma must be ≥ 0, got -1',
    );
    expect(() => build({ kind: 'acme/noise', sigma: 'x' }, 3)).toThrow(
      'acme/noise at layers[0]: sigma must be a finite number, got the string "x"',
    );
    expect(() => build({ kind: 'acme/noise', sd: 1 }, 3)).toThrow(
      "acme/noise at layers[0]: unknown option 'sd'; expected one of: sigma",
    );
  });
});

describe('acme/running-center', () => {
  it('centers by the batch mean and moves the running mean in training; uses the running mean in inference', () => {
    const layer = build({ kind: 'acme/running-center' }, 2) as RunningCenterLayer;
    // m = [(1 + 3)/2, (2 + 6)/2] = [2, 4]; y = x − m; r = 0.8·0 + 0.2·m = [0.4, 0.8]
    expect(
      layer
        .forward(
          Matrix.fromRows([
            [1, 2],
            [3, 6],
          ]),
          trainingPass(undefined),
        )
        .toRows(),
    ).toEqual([
      [-1, -2],
      [1, 2],
    ]);
    expect(Array.from(layer.runningMean.value.data)).toEqual([0.2 * 2, 0.2 * 4]);
    // δ = [[1, 0], [3, 2]], mean_n δ = [2, 1]: ∂J/∂x = δ − [2, 1]
    expect(
      layer
        .backward(
          Matrix.fromRows([
            [1, 0],
            [3, 2],
          ]),
        )
        .toRows(),
    ).toEqual([
      [-1, -1],
      [1, 1],
    ]);
    // inference: y = x − r = [1 − 0.4, 1 − 0.8]; r unchanged; backward is the identity
    expect(layer.forward(Matrix.fromRows([[1, 1]]), INFERENCE_PASS).toRows()).toEqual([[1 - 0.4, 1 - 0.2 * 4]]);
    expect(Array.from(layer.runningMean.value.data)).toEqual([0.2 * 2, 0.2 * 4]);
    expect(layer.backward(Matrix.fromRows([[5, -7]])).toRows()).toEqual([[5, -7]]);
    // a second training batch: m = [0, 10], r = 0.8·[0.4, 0.8] + 0.2·[0, 10]
    layer.forward(
      Matrix.fromRows([
        [-1, 10],
        [1, 10],
      ]),
      trainingPass(undefined),
    );
    expect(Array.from(layer.runningMean.value.data)).toEqual([0.8 * 0.4, 0.8 * 0.8 + 0.2 * 10]);
  });

  it('rejects options and a backward before any forward', () => {
    expect(() => build({ kind: 'acme/running-center', momentum: 0.1 }, 2)).toThrow(
      "acme/running-center at layers[0]: unknown option 'momentum'; it takes no options",
    );
    expect(() => build({ kind: 'acme/running-center' }, 2).backward(Matrix.zeros(1, 2))).toThrow(
      'acme/running-center at layers[0]: backward called before forward',
    );
  });
});

describe('acme/twice', () => {
  it('builds two dense layers with their own parameters and computes second(first(x))', () => {
    const layer = build({ kind: 'acme/twice', body: { kind: 'dense', units: 2 } }, 2);
    const [first, second] = layer.children?.() ?? [];
    expect([first.name, second.name]).toEqual(['first', 'second']);
    expect(first.layer).not.toBe(second.layer);
    const [w1, b1] = first.layer.parameters();
    const [w2, b2] = second.layer.parameters();
    w1.value.data.set([1, 2, 3, 4]);
    b1.value.data.set([0.5, -1]);
    w2.value.data.set([0, 1, 1, 0]);
    b2.value.data.set([10, 20]);
    // u = x·W1 + b1 = [1·1 + 1·3 + 0.5, 1·2 + 1·4 − 1] = [4.5, 5]; y = u·W2 + b2 = [5 + 10, 4.5 + 20]
    expect(layer.forward(Matrix.fromRows([[1, 1]]), INFERENCE_PASS).toRows()).toEqual([[15, 24.5]]);
    // ∂J/∂u = δ·W2ᵀ = [2, 1] for δ = [1, 2]; ∂J/∂x = [2, 1]·W1ᵀ = [2·1 + 1·2, 2·3 + 1·4] = [4, 10]
    expect(layer.backward(Matrix.fromRows([[1, 2]])).toRows()).toEqual([[4, 10]]);
    expect(Array.from(w2.grad.data)).toEqual([4.5, 9, 5, 10]); // uᵀ·δ
    expect(Array.from(w1.grad.data)).toEqual([2, 1, 2, 1]); // xᵀ·∂J/∂u
  });

  it('rejects a missing body and unknown options, saying where', () => {
    expect(() => build({ kind: 'acme/twice' }, 2)).toThrow(
      'acme/twice at layers[0]: body must be an object, got undefined',
    );
    expect(() => build({ kind: 'acme/twice', body: { kind: 'dense', units: 1 }, times: 3 }, 2)).toThrow(
      "acme/twice at layers[0]: unknown option 'times'; expected one of: body",
    );
  });
});

describe('acme/swish', () => {
  it('computes x·σ(x) and its derivative σ(x) + x·σ(x)(1 − σ(x)) on worked values', () => {
    const swish = swishRegistration.create(
      { kind: 'acme/swish' },
      createLayerContext(
        { kernels: jsKernels, random: new SeededRandom(1), initializers: new Registry('initializer', []) },
        3,
        'layers[0]',
      ),
    );
    const s1 = 1 / (1 + Math.exp(-1));
    // f(0) = 0, f(1) = σ(1), f(−1) = −σ(−1) = −(1 − σ(1))
    expect(swish.forward(Matrix.fromRows([[0, 1, -1]]), INFERENCE_PASS).toRows()).toEqual([
      [0, s1, -(1 / (1 + Math.exp(1)))],
    ]);
    // f'(0) = ½; f'(1) = σ(1) + σ(1)(1 − σ(1))
    const g = swish.backward(Matrix.fromRows([[2, 1, 1]])).data;
    expect(g[0]).toBe(1);
    expect(g[1]).toBeCloseTo(s1 + s1 * (1 - s1), 15);
  });
});
