import { Matrix } from '@bpnet/core';
import { activationRegistration, layerModule } from '@bpnet/core/plugin';
import { describe, expect, it } from 'vitest';
import { classOneScores, describeNetwork, networkSpecFor, TrainingSession } from './session.js';
import { defaultState, type PlaygroundState } from './state.js';

const tiny: PlaygroundState = { ...defaultState(), hidden: [2], activation: 'tanh', dataset: 'xor' };

describe('TrainingSession', () => {
  it('snapshot of a 2-2-2 net matches a hand computation from its weights', () => {
    const session = new TrainingSession(tiny);
    const snap = session.snapshot(3);
    expect(snap.iteration).toBe(0);
    expect(snap.gridSize).toBe(3);
    const [w1, w2] = snap.weights;
    expect(w1).toHaveLength(2);
    expect(w1[0]).toHaveLength(2);
    expect(w2).toHaveLength(2);
    const [b1, b2] = [session.network.layers[0], session.network.layers[2]].map((l) =>
      Array.from(l.parameters()[1].value.data),
    );
    // Grid point r = 0, c = 2 is (x1, x2) = (6, 6); r = 2, c = 0 is (−6, −6).
    const cells = [
      { index: 2, x: [6, 6] },
      { index: 6, x: [-6, -6] },
      { index: 4, x: [0, 0] },
    ];
    for (const { index, x } of cells) {
      const y = [0, 1].map((j) => Math.tanh(x[0] * w1[0][j] + x[1] * w1[1][j] + b1[j]));
      const z = [0, 1].map((k) => y[0] * w2[0][k] + y[1] * w2[1][k] + b2[k]);
      const p1 = Math.exp(z[1]) / (Math.exp(z[0]) + Math.exp(z[1]));
      expect(snap.boundary[index]).toBeCloseTo(p1, 6);
      expect(snap.units[0][0].activation[index]).toBeCloseTo(y[0], 6);
      expect(snap.units[0][1].activation[index]).toBeCloseTo(y[1], 6);
    }
    // The losses: mean cross-entropy −(1/N) Σ log p(label), recomputed here from the weights.
    const lossOf = (inputs: number[][], labels: number[]) => {
      let sum = 0;
      inputs.forEach((x, n) => {
        const y = [0, 1].map((j) => Math.tanh(x[0] * w1[0][j] + x[1] * w1[1][j] + b1[j]));
        const z = [0, 1].map((k) => y[0] * w2[0][k] + y[1] * w2[1][k] + b2[k]);
        const m = Math.max(...z);
        sum -= z[labels[n]] - m - Math.log(Math.exp(z[0] - m) + Math.exp(z[1] - m));
      });
      return sum / inputs.length;
    };
    expect(snap.trainLoss).toBeCloseTo(lossOf(session.train.inputs, session.train.labels), 10);
    expect(snap.testLoss).toBeCloseTo(lossOf(session.test.inputs, session.test.labels), 10);
    expect(snap.lossHistory).toEqual([{ iteration: 0, train: snap.trainLoss, test: snap.testLoss }]);
    // Unit 0's mean output and sensitivity Σₙ|gₙ|, g = ∂J/∂net = (1/N)(p − t)·W2ᵀ ⊙ (1 − y²).
    const { inputs, labels } = session.train;
    let mean = 0;
    let sensitivity = 0;
    for (let n = 0; n < inputs.length; n++) {
      const x = inputs[n];
      const y = [0, 1].map((j) => Math.tanh(x[0] * w1[0][j] + x[1] * w1[1][j] + b1[j]));
      const z = [0, 1].map((k) => y[0] * w2[0][k] + y[1] * w2[1][k] + b2[k]);
      const p = [0, 1].map((k) => Math.exp(z[k]) / (Math.exp(z[0]) + Math.exp(z[1])));
      const e = [0, 1].map((k) => (p[k] - (labels[n] === k ? 1 : 0)) / inputs.length);
      mean += y[0] / inputs.length;
      sensitivity += Math.abs((e[0] * w2[0][0] + e[1] * w2[0][1]) * (1 - y[0] * y[0]));
    }
    expect(snap.units[0][0].meanOutput).toBeCloseTo(mean, 10);
    expect(snap.units[0][0].sensitivity).toBeCloseTo(sensitivity, 10);
    expect(snap.kernels).toBe('js');
  });

  it('training circle with tanh [4, 2] drives the test loss below 0.1 within 3000 iterations', () => {
    // Measured: below 0.1 after 1200–1600 iterations (seeds 1–3), about 0.03 at 3000.
    const session = new TrainingSession(defaultState());
    const start = session.snapshot(10).testLoss;
    expect(start).toBeGreaterThan(0.5);
    for (let k = 0; k < 30; k++) session.step(100);
    const snap = session.snapshot(10);
    expect(snap.iteration).toBe(3000);
    expect(snap.testLoss).toBeLessThan(0.1);
    expect(snap.lossHistory[0].iteration).toBe(0);
    expect(snap.lossHistory.at(-1)?.iteration).toBe(3000);
  });

  it('reuses the last findings when a snapshot skips diagnose, and refreshes them when it runs it', () => {
    // Learning rate 10 saturates the tanh units within 300 iterations; the start has no findings.
    const session = new TrainingSession({ ...defaultState(), learningRate: 10 });
    expect(session.snapshot(10).findings).toEqual([]);
    session.step(300);
    expect(session.snapshot(10, { diagnose: false }).findings).toEqual([]);
    const fresh = session.snapshot(10).findings;
    expect(fresh.map((finding) => finding.kind)).toEqual(['saturated-units', 'saturated-units']);
    expect(session.snapshot(10, { diagnose: false }).findings).toEqual(fresh);
  });

  it('shows the losses of the iteration it names, also where the history skips that iteration', () => {
    const session = new TrainingSession(tiny);
    // Past HISTORY_POINTS snapshots the history keeps every other iteration at most.
    let shown = session.snapshot(10);
    for (let i = 0; i < 1001; i++) {
      session.step(1);
      shown = session.snapshot(10, { diagnose: false });
    }
    expect(shown.lossHistory.length).toBeLessThanOrEqual(1000);
    expect(shown.iteration).toBe(1001);
    expect(shown.lossHistory.at(-1)?.iteration).not.toBe(1001);
    // A session loaded from the same weights starts at them: its losses are those of iteration 1001.
    const reloaded = TrainingSession.loadModel(session.saveModel(), tiny).snapshot(10);
    expect([shown.trainLoss, shown.testLoss]).toEqual([reloaded.trainLoss, reloaded.testLoss]);
  });

  it('is deterministic: the same state and calls give the same losses', () => {
    const a = new TrainingSession({ ...defaultState(), optimizer: 'adam', learningRate: 0.01 });
    const b = new TrainingSession({ ...defaultState(), optimizer: 'adam', learningRate: 0.01 });
    a.step(50);
    a.step(50);
    b.step(100);
    expect(a.snapshot(5).trainLoss).toBe(b.snapshot(5).trainLoss);
  });

  it('save → load predicts identically', () => {
    const session = new TrainingSession(defaultState());
    session.step(200);
    const loaded = TrainingSession.loadModel(session.saveModel(), defaultState());
    const a = session.snapshot(20);
    const b = loaded.snapshot(20);
    expect(Array.from(b.boundary)).toEqual(Array.from(a.boundary));
    expect(b.testLoss).toBe(a.testLoss);
    expect(() => TrainingSession.loadModel('{"format": 1}', defaultState())).toThrow(/Model/);
    expect(() => TrainingSession.loadModel(session.saveModel(), { ...defaultState(), features: ['x1'] })).toThrow(
      "the network takes 2 inputs and gives 2 outputs, but the data set 'circle' has 1 input (x1) and 2 classes; " +
        'a 2-D set takes as many inputs as features are ticked; the toy set has 4 inputs and 3 classes',
    );
  });

  it('loads a 4-input, 3-output model on the toy set when the chosen data does not fit it', () => {
    const toyState = { ...defaultState(), dataset: 'toy' as const, hidden: [5], loss: 'squared-error' };
    const trained = new TrainingSession(toyState);
    trained.step(30);
    const loaded = TrainingSession.loadModel(trained.saveModel(), defaultState());
    expect(loaded.state).toEqual({ ...defaultState(), dataset: 'toy' });
    expect(loaded.network.loss.kind).toBe('squared-error');
    // The same data (the toy set draws from the seed alone), the same weights: the same losses.
    expect(loaded.snapshot(4).trainLoss).toBe(trained.snapshot(4).trainLoss);
    expect(describeNetwork(loaded.network)).toBe('4-5-3: dense, tanh, dense, sigmoid; loss squared-error');
  });

  it('with squared error, the output layer is dense then sigmoid and the boundary is (1 + z₁ − z₀)/2', () => {
    const state = { ...defaultState(), loss: 'squared-error', learningRate: 1 };
    expect(networkSpecFor(state, 2, 2).layers.slice(-2)).toEqual([{ kind: 'dense', units: 2 }, { kind: 'sigmoid' }]);
    expect(networkSpecFor(defaultState(), 2, 2).layers.at(-1)).toEqual({ kind: 'dense', units: 2 });
    const session = new TrainingSession(state);
    const before = session.snapshot(3);
    session.step(1000);
    const after = session.snapshot(3);
    expect(after.loss).toBe('squared-error');
    expect(after.trainLoss).toBeLessThan(before.trainLoss / 2);
    // The grid's corner (x1, x2) = (−6, 6), computed through the network by hand.
    const z = session.network.forward(Matrix.fromRows([[-6, 6]]));
    expect(after.boundary[0]).toBeCloseTo((1 + z.data[1] - z.data[0]) / 2, 6);
  });

  it("symmetry: with a constant initializer the first layer's units stay identical, and diagnose says so", () => {
    const symmetric = new TrainingSession({ ...defaultState(), initializer: 'constant' });
    symmetric.step(200);
    const snapshot = symmetric.snapshot(6);
    const [first] = snapshot.units;
    for (const unit of first.slice(1)) {
      expect(Array.from(unit.activation)).toEqual(Array.from(first[0].activation));
      expect(unit.sensitivity).toBe(first[0].sensitivity);
    }
    expect(snapshot.findings).toContainEqual(
      expect.objectContaining({ kind: 'symmetric-units', layer: 0, message: expect.stringContaining('1 distinct') }),
    );
    const random = new TrainingSession({ ...defaultState(), initializer: 'gaussian' });
    random.step(200);
    expect(random.snapshot(6).findings.filter((f) => f.kind === 'symmetric-units')).toEqual([]);
  });

  it('classOneScores: softmax component 1 for the logit loss, (1 + z₁ − z₀)/2 clamped otherwise', () => {
    const outputs = Matrix.fromRows([
      [0, Math.log(3)],
      [0.2, 0.9],
      [0, 5],
    ]);
    expect(Array.from(classOneScores(outputs, 'softmax-cross-entropy'))).toEqual(
      [0.75, 1 / (1 + Math.exp(-0.7)), 1 / (1 + Math.exp(-5))].map(Math.fround),
    );
    expect(Array.from(classOneScores(outputs, 'squared-error'))).toEqual(
      [Math.min(1, (1 + Math.log(3)) / 2), 0.85, 1].map(Math.fround),
    );
  });

  it("each unit's mean |δ| is the mean over the samples of |∂Jₙ/∂net| from one-sample traces", () => {
    const session = new TrainingSession({ ...tiny, hidden: [3], loss: 'squared-error' });
    session.step(20);
    const snapshot = session.snapshot(3);
    const n = session.train.inputs.length;
    const hiddenSum = [0, 0, 0];
    const outputSum = [0, 0];
    for (let sample = 0; sample < n; sample++) {
      const traced = session.traceSample(sample);
      if (traced instanceof Error) throw traced;
      // With one sample, ∂J/∂net is the sample's own: the gradient entering each dense layer's backward.
      const [first, , second] = traced.trace.layers;
      const g = (layer: typeof first) => layer.quantities.find((q) => q.role === 'output-gradient')?.value.data ?? [];
      g(first).forEach((value, j) => (hiddenSum[j] += Math.abs(value)));
      g(second).forEach((value, k) => (outputSum[k] += Math.abs(value)));
    }
    snapshot.units[0].forEach((unit, j) => expect(unit.sensitivity).toBeCloseTo(hiddenSum[j] / n, 12));
    snapshot.outputSensitivity.forEach((value, k) => expect(value).toBeCloseTo(outputSum[k] / n, 12));
  });

  it('kinds lists the built-in kinds, and plug-in kinds when an extra module is passed', () => {
    const builtin = new TrainingSession(tiny).kinds();
    expect(builtin).toEqual({
      layers: ['dense', 'relu', 'sigmoid', 'tanh'],
      activations: ['relu', 'sigmoid', 'tanh'],
      initializers: ['constant', 'gaussian', 'he', 'xavier', 'zeros'],
      optimizers: ['adam', 'momentum', 'sgd'],
      losses: ['softmax-cross-entropy', 'squared-error'],
    });
    const softsign = activationRegistration(
      {
        kind: 'acme/softsign',
        name: 'Softsign',
        apply: (net) => net / (1 + Math.abs(net)),
        backwardFromInput: (sensitivity, net) => sensitivity / (1 + Math.abs(net)) ** 2,
      },
      'acme',
    );
    const withPlugin = new TrainingSession(
      { ...tiny, activation: 'acme/softsign' },
      { extraModules: [layerModule(softsign)] },
    );
    expect(withPlugin.kinds().activations).toEqual(['acme/softsign', 'relu', 'sigmoid', 'tanh']);
    expect(withPlugin.kinds().layers).toEqual(['acme/softsign', 'dense', 'relu', 'sigmoid', 'tanh']);
  });

  it('names an unknown kind with the known ones', () => {
    expect(() => new TrainingSession({ ...tiny, activation: 'swish' })).toThrow(/unknown layer kind 'swish'/);
    expect(() => new TrainingSession({ ...tiny, optimizer: 'rmsprop' })).toThrow(/unknown optimizer kind 'rmsprop'/);
  });

  it('traces one training sample, and refuses an index out of range', () => {
    const session = new TrainingSession(tiny);
    const traced = session.traceSample(0);
    if (traced instanceof Error) throw traced;
    expect(traced.trace.batchSize).toBe(1);
    expect(traced.trace.layers).toHaveLength(3);
    const error = session.traceSample(10_000);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/sample 10000 does not exist/);
  });

  it('toy: 4 inputs, 3 classes, no boundary', () => {
    const session = new TrainingSession({ ...defaultState(), dataset: 'toy' });
    expect(session.train.inputs).toHaveLength(15);
    const snap = session.snapshot(4);
    expect(snap.boundary).toHaveLength(0);
    expect(snap.weights[0]).toHaveLength(4);
    expect(snap.weights.at(-1)?.[0]).toHaveLength(3);
    expect(snap.units[0][0].activation).toHaveLength(0);
  });

  it('wasm kernels give the same losses as the JS kernels', () => {
    const js = new TrainingSession(defaultState());
    const wasm = new TrainingSession(defaultState(), { kernels: 'wasm' });
    js.step(100);
    wasm.step(100);
    expect(wasm.snapshot(5).kernels).toBe('wasm');
    expect(wasm.snapshot(5).testLoss).toBeCloseTo(js.snapshot(5).testLoss, 10);
  });
});
