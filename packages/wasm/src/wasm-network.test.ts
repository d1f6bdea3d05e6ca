import {
  buildNetwork,
  type BpnetContainer,
  createContainer,
  type InitializerSpec,
  type Network,
  SeededRandom,
  seededRandomModule,
  train,
} from '@bpnet/core';
import { KERNELS } from '@bpnet/core/plugin';
import { assertConformance, checkContainerConformance, randomMatrix } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { describe, expect, it } from 'vitest';
import { WasmKernels } from './wasm-kernels.js';
import { wasmKernelsModule } from './wasm-kernels-module.js';

/** The three-layer net d → h (sigmoid) → c (sigmoid), squared error, with seeded initial weights. */
function threeLayer(
  container: BpnetContainer,
  d: number,
  h: number,
  c: number,
  weightInitializer: InitializerSpec,
): Network {
  return buildNetwork(container, {
    inputSize: d,
    layers: [
      { kind: 'dense', units: h, weightInitializer },
      { kind: 'sigmoid' },
      { kind: 'dense', units: c, weightInitializer },
      { kind: 'sigmoid' },
    ],
    loss: { kind: 'squared-error' },
  });
}

function wasmContainer(seed: number): BpnetContainer {
  return createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(seed), wasmKernelsModule);
}

describe('wasmKernelsModule', () => {
  it('rebinds KERNELS to one WasmKernels per container, used by the layers, the loss and the optimizer', () => {
    const container = wasmContainer(0);
    const kernels = container.get(KERNELS);
    expect(kernels).toBeInstanceOf(WasmKernels);
    expect(kernels.name).toBe('wasm');
    expect(container.get(KERNELS)).toBe(kernels);
    expect(threeLayer(container, 2, 3, 2, 'zeros').kernels).toBe(kernels);
    expect(wasmContainer(0).get(KERNELS)).not.toBe(kernels);
  });

  it('dense, sigmoid and squared error pass the conformance kit with the wasm kernels', () => {
    const container = createContainer(denseModule, sigmoidModule, squaredErrorModule, wasmKernelsModule);
    const reports = checkContainerConformance(container);
    expect(reports.map((report) => report.kind).sort()).toEqual(['dense', 'sigmoid', 'squared-error']);
    assertConformance(reports);
    for (const report of reports) expect(report.checks).toBeGreaterThanOrEqual(20);
  });
});

describe('a three-layer network on the wasm kernels', () => {
  it('follows 200 full-batch steps on the JS kernels to 1e-12 in every parameter', () => {
    // Odd sizes: 37 samples (9 row blocks of 4 and one left over), 13 inputs, 22 hidden units and 5 classes (panels
    // of 4 with a padded last one).
    const [samples, d, h, c] = [37, 13, 22, 5];
    const random = new SeededRandom(5);
    const inputs = randomMatrix(samples, d, random, 2);
    const labels = Array.from({ length: samples }, () => random.integer(c));
    const runs = [
      wasmContainer(8),
      createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(8)),
    ].map((container) => {
      const network = threeLayer(container, d, h, c, { kind: 'gaussian', std: 0.5 });
      const history = train(network, inputs, labels, { learningRate: 2, iterations: 200, batchSize: samples, seed: 0 });
      return { network, history };
    });
    const [wasmRun, jsRun] = runs;
    expect(wasmRun.network.kernels.name).toBe('wasm');
    expect(jsRun.network.kernels.name).toBe('js');
    expect(wasmRun.history.loss[199]).toBeLessThan(wasmRun.history.loss[0]);
    wasmRun.history.loss.forEach((loss, step) =>
      expect(Math.abs(loss - jsRun.history.loss[step])).toBeLessThanOrEqual(1e-12 * jsRun.history.loss[step]),
    );
    const jsParameters = jsRun.network.parameters();
    wasmRun.network.parameters().forEach((parameter, p) => {
      const expected = jsParameters[p].value.data;
      parameter.value.data.forEach((w, i) => {
        const scale = Math.max(Math.abs(w), Math.abs(expected[i]), 1e-300);
        if (!(Math.abs(w - expected[i]) <= 1e-12 * scale))
          expect.fail(`${parameter.name} ${p} element ${i}: ${w} with wasm vs ${expected[i]} with js`);
      });
    });
  });

  it('keeps every hidden unit bit-identical through 100 updates from a constant start', () => {
    // 22 hidden units: five full panels of 4 and a zero-padded one of 2; batches of 15: three 4-row blocks and 3 rows.
    const [d, h, c] = [4, 22, 3];
    const network = threeLayer(wasmContainer(0), d, h, c, { kind: 'constant', value: 1 });
    expect(network.kernels.name).toBe('wasm');
    const random = new SeededRandom(1);
    const inputs = randomMatrix(30, d, random, 10);
    const labels = Array.from({ length: 30 }, () => random.integer(c));
    const history = train(network, inputs, labels, { learningRate: 1, iterations: 100, batchSize: 15, random });
    const [W1, b1, W2] = network.parameters().map((p) => p.value);
    expect(history.loss[99]).not.toBe(history.loss[0]); // the weights did move
    expect(W1.get(0, 0)).not.toBe(1);
    for (let j = 1; j < h; j++) {
      // Incoming weights of unit j
      for (let i = 0; i < d; i++) expect(Object.is(W1.get(i, j), W1.get(i, 0)), `W1[${i}, ${j}]`).toBe(true);
      expect(Object.is(b1.get(0, j), b1.get(0, 0)), `b1[${j}]`).toBe(true);
      // Outgoing weights of unit j
      for (let k = 0; k < c; k++) expect(Object.is(W2.get(j, k), W2.get(0, k)), `W2[${j}, ${k}]`).toBe(true);
    }
  });
});
