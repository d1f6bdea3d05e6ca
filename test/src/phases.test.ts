import { buildNetwork, Matrix, type Network, SeededRandom, SgdOptimizer, TRAINER } from '@bpnet/core';
import { describe, expect, it } from 'vitest';
import { acmeContainer, acmeData, snapshot, stochasticStateSpec } from './fixtures/outside-plugins/acme-problem.js';

const { inputs, labels } = acmeData();
const N = inputs.rows;
const HIDDEN = 6;

function network(seed = 5): Network {
  return buildNetwork(acmeContainer(seed), stochasticStateSpec(4, HIDDEN));
}

/** A copy of the state buffer at `path`. */
function stateAt(net: Network, path: string): number[] {
  const entry = net.namedState().find((s) => s.path === path);
  if (entry === undefined) throw new Error(`no state at ${path}`);
  return Array.from(entry.state.value.data);
}

function parameterAt(net: Network, path: string): Matrix {
  const entry = net.namedParameters().find((p) => p.path === path);
  if (entry === undefined) throw new Error(`no parameter at ${path}`);
  return entry.parameter.value;
}

/** x·W + b, written out with plain loops (independent of the kernels). */
function affine(x: Matrix, w: Matrix, b: Matrix): Matrix {
  const out = Matrix.zeros(x.rows, w.cols);
  for (let n = 0; n < x.rows; n++)
    for (let j = 0; j < w.cols; j++) {
      let sum = b.data[j];
      for (let i = 0; i < x.cols; i++) sum += x.get(n, i) * w.get(i, j);
      out.set(n, j, sum);
    }
  return out;
}

function columnMeans(x: Matrix): number[] {
  return Array.from({ length: x.cols }, (_, j) => x.toRows().reduce((s, row) => s + row[j], 0) / x.rows);
}

/**
 * The network's inference output, computed independently from its parameters and state: noise and dropout off,
 * each running-center subtracting its running mean.
 */
function referenceInference(net: Network, x: Matrix): Matrix {
  const h = affine(x, parameterAt(net, 'layers[0].weights'), parameterAt(net, 'layers[0].bias'));
  const centers = ['layers[1].runningMean', 'layers[5].first.runningMean', 'layers[5].second.runningMean'].map((path) =>
    stateAt(net, path),
  );
  const hidden = h.toRows().map((row) => {
    const centered = row.map((v, j) => Math.tanh(v - centers[0][j]));
    return centered.map((v, j) => v - centers[1][j] - centers[2][j]);
  });
  const z = affine(Matrix.fromRows(hidden), parameterAt(net, 'layers[7].weights'), parameterAt(net, 'layers[7].bias'));
  return Matrix.fromRows(z.toRows().map((row) => row.map((v) => 1 / (1 + Math.exp(-v)))));
}

function expectClose(actual: Matrix, expected: Matrix, tolerance: number): void {
  expect(actual.rows).toBe(expected.rows);
  actual.data.forEach((v, i) =>
    expect(Math.abs(v - expected.data[i])).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected.data[i]))),
  );
}

describe('phases: inference neither draws nor changes state', () => {
  it('network.forward and network.predict leave the forward random source and every state buffer as they were', () => {
    const net = network();
    net.backprop(inputs, labels); // moves the running means away from zero
    const random = net.random?.saveState();
    const before = snapshot(net);
    const first = net.forward(inputs);
    const predicted = net.predict(inputs);
    const second = net.forward(inputs);
    expect(net.random?.saveState()).toEqual(random);
    expect(snapshot(net)).toEqual(before);
    expect(Array.from(second.data)).toEqual(Array.from(first.data));
    expect(predicted).toEqual(first.toRows().map((row) => row.indexOf(Math.max(...row))));
    // noise off, running means subtracted: the independent reference agrees
    expectClose(first, referenceInference(net, inputs), 1e-13);
  });

  it(
    'backprop draws, in layer order, N·6 normals (noise), N·6 uniforms (dropout), ' +
      '2·N·6 normals (nested noise), and moves every running mean',
    () => {
      const net = network();
      const randomBefore = net.random?.saveState();
      expect(randomBefore).toBeDefined();
      const h = affine(inputs, parameterAt(net, 'layers[0].weights'), parameterAt(net, 'layers[0].bias'));
      net.backprop(inputs, labels);
      // the network's one source advanced by exactly one draw per element of each stochastic layer, in layer order
      const replay = new SeededRandom(0);
      replay.loadState(randomBefore!);
      for (let k = 0; k < N * HIDDEN; k++) replay.normal();
      for (let k = 0; k < N * HIDDEN; k++) replay.uniform();
      for (let k = 0; k < 2 * N * HIDDEN; k++) replay.normal();
      expect(net.random?.saveState()).toEqual(replay.saveState());
      // r ← 0.8·0 + 0.2·(batch mean of the dense layer's output)
      const r = stateAt(net, 'layers[1].runningMean');
      columnMeans(h).forEach((m, j) => expect(r[j]).toBeCloseTo(0.2 * m, 13));
      for (const path of ['layers[5].first.runningMean', 'layers[5].second.runningMean'])
        expect(stateAt(net, path).some((v) => v !== 0)).toBe(true);
    },
  );
});

describe('phases: the trainer evaluates in inference', () => {
  it(
    'full-batch training with its accuracy pass every iteration ' +
      'equals a plain backprop-and-step loop, bit for bit',
    () => {
      const trained = network();
      const history = acmeContainer(99)
        .get(TRAINER)
        .train(trained, inputs, labels, { learningRate: 0.5, iterations: 30, batchSize: N });
      expect(history.iterationsPerEpoch).toBe(1);
      expect(history.accuracy).toHaveLength(30); // 30 inference passes in between the steps
      const reference = network();
      const sgd = new SgdOptimizer();
      const losses: number[] = [];
      for (let i = 0; i < 30; i++) {
        losses.push(reference.backprop(inputs, labels));
        sgd.step(reference.parameters(), 0.5, reference.kernels);
      }
      expect(history.loss).toEqual(losses);
      expect(snapshot(trained)).toEqual(snapshot(reference));
      expect(trained.random?.saveState()).toEqual(reference.random?.saveState());
    },
  );

  it(
    'training with validation data ends with the same parameters, ' + 'running means and losses as training without',
    () => {
      const options = { learningRate: 0.3, iterations: 60, batchSize: 8, seed: 4 } as const;
      const plain = network();
      const withoutValidation = acmeContainer(1).get(TRAINER).train(plain, inputs, labels, options);
      const validated = network();
      const validation = acmeData(25);
      const withValidation = acmeContainer(1)
        .get(TRAINER)
        .train(validated, inputs, labels, {
          ...options,
          validation: { inputs: validation.inputs.clone(), labels: validation.labels.map((l) => (l + 1) % 3) },
        });
      expect(withValidation.validationLoss).toHaveLength(12);
      expect(withValidation.loss).toEqual(withoutValidation.loss);
      expect(snapshot(validated)).toEqual(snapshot(plain));
      expect(stateAt(validated, 'layers[1].runningMean').some((v) => v !== 0)).toBe(true);
    },
  );

  it(
    'early stopping leaves the parameters and running means of ' +
      'its best epoch, exactly those of a run that stopped there',
    () => {
      const options = { learningRate: 2, batchSize: 8, seed: 4 } as const;
      const validation = acmeData(25);
      const stopped = network();
      const history = acmeContainer(1)
        .get(TRAINER)
        .train(stopped, inputs, labels, {
          ...options,
          iterations: 400,
          validation: { inputs: validation.inputs, labels: validation.labels.map((l) => (l + 1) % 3) },
          earlyStopping: { patience: 3 },
        });
      expect(history.stoppedEarly).toBe(true);
      const best = history.bestEpoch as number;
      const lastEpoch = history.validationLoss.length - 1;
      expect(best).toBeLessThan(lastEpoch); // the best values were put back over later ones
      // the best epoch's values were kept after iteration best·5 + 1 (accuracy is recorded on i mod 5 = 0)
      const reference = network();
      const referenceHistory = acmeContainer(1)
        .get(TRAINER)
        .train(reference, inputs, labels, { ...options, iterations: best * history.iterationsPerEpoch + 1 });
      expect(history.loss.slice(0, referenceHistory.loss.length)).toEqual(referenceHistory.loss);
      expect(snapshot(stopped)).toEqual(snapshot(reference));
    },
  );
});
