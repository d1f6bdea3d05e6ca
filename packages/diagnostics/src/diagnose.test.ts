import { buildNetwork, Matrix, SeededRandom, train } from '@bpnet/core';
import { layerModule, type LayerRegistration } from '@bpnet/core/plugin';
import { randomMatrix } from '@bpnet/core/testing';
import { reluModule } from '@bpnet/relu';
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.js';
import { diagnosisMonitor } from './diagnosis-monitor.js';
import { threeLayerContainer, threeLayerNetwork } from './test-fixtures/three-layer.js';

const random = new SeededRandom(31);
const inputs = randomMatrix(30, 4, random);
const labels = Array.from({ length: 30 }, () => random.integer(3));

describe('diagnose', () => {
  it('finds nothing wrong with a gaussian start on standardized data', () => {
    const diagnosis = diagnose(
      threeLayerNetwork(threeLayerContainer(1), 4, 20, 3, { kind: 'gaussian' }),
      inputs,
      labels,
    );
    expect(diagnosis.report).toBe('no problems found');
    expect(diagnosis.healthy).toBe(true);
    expect(diagnosis.sensitivityNorms).toHaveLength(4);
  });

  it('names symmetric hidden units from an all-one start, with the number of distinct units', () => {
    const network = threeLayerNetwork(threeLayerContainer(1), 4, 20, 3, { kind: 'constant', value: 1 });
    const diagnosis = diagnose(network, inputs, labels);
    expect(diagnosis.findings).toContainEqual(
      expect.objectContaining({ kind: 'symmetric-units', layer: 0, units: 20, distinctUnits: 1 }),
    );
    expect(diagnosis.report).toContain(
      'hidden layer 1 (layers[0], dense): 20 units, 1 distinct (symmetric ' +
        'initial weights: every unit receives identical weights and gradients;',
    );
  });

  it('stays symmetric after training from a constant start (docs/derivation.md, section 9)', () => {
    const network = threeLayerNetwork(threeLayerContainer(1), 4, 20, 3, { kind: 'constant', value: 1 });
    train(network, inputs, labels, { learningRate: 1, iterations: 200, batchSize: 15, seed: 1 });
    expect(diagnose(network, inputs, labels).findings).toContainEqual(
      expect.objectContaining({ kind: 'symmetric-units', layer: 0, distinctUnits: 1 }),
    );
  });

  it('finds the first layer getting no gradient from an all-zero start', () => {
    const diagnosis = diagnose(threeLayerNetwork(threeLayerContainer(1), 4, 20, 3, 'zeros'), inputs, labels);
    const zero = diagnosis.findings.find((f) => f.kind === 'zero-gradient-units');
    expect(zero).toMatchObject({ layer: 0, units: Array.from({ length: 20 }, (_, j) => j) });
    expect(zero?.message).toBe(
      'hidden layer 1 (layers[0], dense): all 20 units received a zero gradient: ' +
        'no sensitivity reaches them, so they cannot learn (are the weights of the layer above all zero?)',
    );
  });

  it('finds saturated sigmoids on unscaled inputs', () => {
    const network = threeLayerNetwork(threeLayerContainer(1), 4, 20, 3, { kind: 'gaussian', std: 1 });
    const scaled = new Matrix(
      30,
      4,
      inputs.data.map((x) => 100 * x),
    );
    const finding = diagnose(network, scaled, labels).findings.find((f) => f.kind === 'saturated-units');
    expect(finding).toMatchObject({ layer: 1 });
    expect(finding?.kind === 'saturated-units' && finding.saturatedFraction).toBeGreaterThan(0.9);
    expect(finding?.message).toMatch(
      /^hidden layer 1's sigmoid \(layers\[1\]\): 9\d% of unit activations are saturated/,
    );
  });

  it('finds dead ReLU units', () => {
    const network = buildNetwork(threeLayerContainer(1, reluModule), {
      inputSize: 4,
      layers: [
        { kind: 'dense', units: 5, biasInitializer: { kind: 'constant', value: -100 } },
        { kind: 'relu' },
        { kind: 'dense', units: 3 },
        { kind: 'sigmoid' },
      ],
      loss: { kind: 'squared-error' },
    });
    const finding = diagnose(network, inputs, labels).findings.find((f) => f.kind === 'saturated-units');
    expect(finding).toMatchObject({ layer: 1, saturatedFraction: 1, fullySaturatedUnits: [0, 1, 2, 3, 4] });
  });

  it('finds vanishing sensitivity through a deep stack of small sigmoid layers', () => {
    const layers = Array.from({ length: 8 }, () => [
      { kind: 'dense', units: 6, weightInitializer: { kind: 'gaussian', std: 0.05 } },
      { kind: 'sigmoid' },
    ]).flat();
    const network = buildNetwork(threeLayerContainer(1), { inputSize: 4, layers, loss: { kind: 'squared-error' } });
    const finding = diagnose(network, inputs, labels).findings.find((f) => f.kind === 'vanishing-sensitivity');
    expect(finding?.kind === 'vanishing-sensitivity' && finding.ratio).toBeLessThan(1e-4);
  });

  it('names the first layer and pass where a NaN or Infinity appears', () => {
    const network = threeLayerNetwork(threeLayerContainer(1), 4, 5, 3);
    network.parameters()[2].value.set(1, 2, NaN);
    expect(diagnose(network, inputs, labels).findings).toEqual([
      expect.objectContaining({ kind: 'non-finite', pass: 'parameters', layer: 2, quantity: 'layers[2].weights' }),
    ]);

    const overflow: LayerRegistration = {
      kind: 'test/overflow',
      create: (_c, { inputSize }) => ({
        kind: 'test/overflow',
        inputSize,
        outputSize: inputSize,
        parameters: () => [],
        forward: (x) =>
          new Matrix(
            x.rows,
            x.cols,
            x.data.map((v) => v * 1e308 * 10),
          ),
        backward: (s) => s,
      }),
    };
    const broken = buildNetwork(threeLayerContainer(1, layerModule(overflow)), {
      inputSize: 4,
      layers: [
        { kind: 'dense', units: 5 },
        { kind: 'test/overflow' },
        { kind: 'dense', units: 3 },
        { kind: 'sigmoid' },
      ],
      loss: { kind: 'squared-error' },
    });
    const [finding] = diagnose(broken, inputs, labels).findings;
    expect(finding).toMatchObject({ kind: 'non-finite', pass: 'forward', layer: 1 });
    expect(finding.message).toMatch(
      /^hidden layer 1's test\/overflow \(layers\[1\]\): the forward pass first produces -?Infinity here/,
    );
  });

  it('runs periodically during training through onEpoch and warns once per new finding', () => {
    const warnings: string[] = [];
    const network = threeLayerNetwork(threeLayerContainer(1), 4, 20, 3, { kind: 'constant', value: 1 });
    train(network, inputs, labels, {
      learningRate: 1,
      iterations: 20,
      batchSize: 15,
      seed: 1,
      onEpoch: diagnosisMonitor({ inputs, targets: labels, warn: (message) => warnings.push(message) }),
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^epoch 0: hidden layer 1 \(layers\[0\], dense\): 20 units, 1 distinct/);
  });
});
