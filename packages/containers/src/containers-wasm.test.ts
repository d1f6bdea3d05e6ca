import { batchNormModule, batchNormRegistration } from '@bpnet/batch-norm';
import {
  buildNetwork,
  type ContainerModule,
  createContainer,
  type LayerSpec,
  type NetworkSpec,
  SeededRandom,
  seededRandomModule,
  TRAINER,
} from '@bpnet/core';
import { assertConformance, checkLayerConformance, randomMatrix } from '@bpnet/core/testing';
import { denseModule, denseRegistration } from '@bpnet/dense';
import { dropoutModule, dropoutRegistration } from '@bpnet/dropout';
import { squaredErrorModule } from '@bpnet/squared-error';
import { tanhModule, tanhRegistration } from '@bpnet/tanh';
import { WasmKernels, wasmFloat32KernelsModule, wasmKernelsModule } from '@bpnet/wasm';
import { describe, expect, it } from 'vitest';
import { concatRegistration } from './concat-layer.js';
import { containersModule } from './containers-module.js';
import { residualRegistration } from './residual-layer.js';
import { sequentialRegistration } from './sequential-layer.js';

const layers = [
  denseRegistration,
  tanhRegistration,
  batchNormRegistration,
  dropoutRegistration,
  sequentialRegistration,
  residualRegistration,
  concatRegistration,
];

/** A residual block with batch normalization and dropout inside, and a concat around it. */
const block: LayerSpec = {
  kind: 'concat',
  branches: [
    [
      {
        kind: 'residual',
        body: [{ kind: 'dense', units: 3 }, { kind: 'batch-norm' }, { kind: 'tanh' }, { kind: 'dropout', rate: 0.3 }],
      },
    ],
    [{ kind: 'dense', units: 2 }],
  ],
};

const spec: NetworkSpec = {
  inputSize: 3,
  layers: [block, { kind: 'dense', units: 2 }, { kind: 'tanh' }],
  loss: { kind: 'squared-error' },
};

/** Trains `spec` for 30 steps with the given kernels module; returns the final parameters, state and losses. */
function trainWith(kernels: ContainerModule | undefined) {
  const modules = [
    denseModule,
    tanhModule,
    batchNormModule,
    dropoutModule,
    containersModule,
    squaredErrorModule,
    seededRandomModule(5),
  ];
  const container = createContainer(...modules, ...(kernels === undefined ? [] : [kernels]));
  const network = buildNetwork(container, spec);
  const random = new SeededRandom(9);
  const inputs = randomMatrix(24, 3, random);
  const targets = randomMatrix(24, 2, random, 0.5);
  const history = container
    .get(TRAINER)
    .train(network, inputs.toRows(), targets, { learningRate: 0.05, iterations: 30, batchSize: 8, seed: 2 });
  const values = (list: readonly { readonly value: { readonly data: ArrayLike<number> } }[]) =>
    list.flatMap(({ value }) => Array.from(value.data));
  return { parameters: values(network.parameters()), state: values(network.state()), losses: history.loss };
}

describe('containers with batch-norm and dropout inside, on the WebAssembly kernels', () => {
  it('pass the conformance kit on the float64 wasm kernels', () => {
    const report = checkLayerConformance(concatRegistration, {
      layers,
      configs: [block],
      inputSizes: [3],
      batchSizes: [4],
      kernels: new WasmKernels(),
    });
    assertConformance(report);
    // One setting: the state check; per phase 7 gradients (input; the residual body's dense weights and bias and
    // batch-norm scale and shift; the second branch's dense weights and bias) and 7 checks. Training has 'stochastic
    // layers draw in training' where inference has 'batch equals sum of samples' (the tree couples samples and draws).
    expect(report.checks).toBe(1 + 2 * (7 + 7));
  });

  it(
    'train to the same bits on the JS and the float64 wasm kernels, ' +
      'and within float32 rounding on the float32 ones',
    () => {
      const js = trainWith(undefined);
      const wasm = trainWith(wasmKernelsModule);
      expect(wasm.losses).toEqual(js.losses);
      expect(wasm.parameters).toEqual(js.parameters);
      expect(wasm.state).toEqual(js.state);
      const f32 = trainWith(wasmFloat32KernelsModule);
      const worst = (a: number[], b: number[]) =>
        Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.max(1, Math.abs(b[i]))));
      expect(worst(f32.losses, js.losses)).toBeLessThan(1e-4);
      expect(worst(f32.parameters, js.parameters)).toBeLessThan(1e-4);
      expect(worst(f32.state, js.state)).toBeLessThan(1e-4);
    },
  );
});
