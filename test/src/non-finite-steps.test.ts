import {
  buildNetwork,
  createContainer,
  DivergenceError,
  Matrix,
  type Network,
  type Optimizer,
  SeededRandom,
  seededRandomModule,
  TRAINER,
  type TrainOptions,
} from '@bpnet/core';
import { AdamOptimizer } from '@bpnet/adam';
import { denseModule } from '@bpnet/dense';
import { MomentumOptimizer } from '@bpnet/momentum';
import { reluModule } from '@bpnet/relu';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { squaredErrorModule } from '@bpnet/squared-error';
import { wasmFloat32KernelsModule } from '@bpnet/wasm';
import type { ContainerModule } from 'inversify';
import { describe, expect, it } from 'vitest';

const random = new SeededRandom(3);
const inputs = Matrix.fromRows(Array.from({ length: 30 }, () => [random.normal(), random.normal(), random.normal()]));
const labels = Array.from({ length: 30 }, (_, n) => (inputs.get(n, 0) > 0 ? 1 : 0));

function reluNetwork(
  loss: string,
  hidden: number[],
  ...extra: ContainerModule[]
): { network: Network; train: (options: Partial<TrainOptions>, data?: Matrix) => unknown } {
  const container = createContainer(
    denseModule,
    reluModule,
    softmaxCrossEntropyModule,
    squaredErrorModule,
    seededRandomModule(1),
    ...extra,
  );
  const layers = hidden.flatMap((units) => [{ kind: 'dense', units }, { kind: 'relu' }]);
  const network = buildNetwork(container, {
    inputSize: 3,
    layers: [...layers, { kind: 'dense', units: 2 }],
    loss: { kind: loss },
  });
  const trainer = container.get(TRAINER);
  return {
    network,
    train: (options, data = inputs) =>
      trainer.train(network, data, labels, { iterations: 3, ...options } as TrainOptions),
  };
}

function divergence(run: () => unknown): DivergenceError {
  try {
    run();
  } catch (error) {
    if (error instanceof DivergenceError) return error;
    throw error;
  }
  throw new Error('expected a DivergenceError');
}

describe('a step the divergence guard refuses is undone in the optimizer too', () => {
  // Inputs of 100 give gradients above 1, so a learning rate of Number.MAX_VALUE makes the update itself overflow.
  const large = Matrix.fromRows(
    Array.from({ length: 30 }, (_, n) => [inputs.get(n, 0) * 100, inputs.get(n, 1) * 100, inputs.get(n, 2) * 100]),
  );
  const small = { learningRate: 0.001, batchSize: 10 };

  it.each<[string, () => Optimizer]>([
    ['momentum', () => new MomentumOptimizer({ momentum: 0.9 })],
    ['adam', () => new AdamOptimizer()],
  ])('%s: retrying with the same instance equals a run that never took the refused step, bit for bit', (_, create) => {
    const optimizer = create();
    const retried = reluNetwork('softmax-cross-entropy', [4]);
    retried.train({ ...small, optimizer, seed: 1 }, large);
    const refused = divergence(() =>
      retried.train({ learningRate: Number.MAX_VALUE, batchSize: 10, optimizer, seed: 2 }, large),
    );
    expect(refused).toMatchObject({ iteration: 1, quantity: 'the update of layers[0].weights' });
    const history = retried.train({ ...small, optimizer, seed: 3 }, large) as {
      loss: number[];
      optimizerState: unknown;
    };

    const fresh = reluNetwork('softmax-cross-entropy', [4]);
    const twin = create();
    fresh.train({ ...small, optimizer: twin, seed: 1 }, large);
    const expected = fresh.train({ ...small, optimizer: twin, seed: 3 }, large) as {
      loss: number[];
      optimizerState: unknown;
    };

    expect(history.loss).toEqual(expected.loss);
    expect(history.optimizerState).toEqual(expected.optimizerState);
    expect(retried.network.parameters().map((p) => Array.from(p.value.data))).toEqual(
      fresh.network.parameters().map((p) => Array.from(p.value.data)),
    );
  });
});

describe('DivergenceError names where the values went non-finite', () => {
  it('ReLU, learning rate 1e10: the first layer whose output overflowed, and the loss it made', () => {
    const error = divergence(() =>
      reluNetwork('squared-error', [8, 8]).train({ learningRate: 1e10, iterations: 50, seed: 1 }),
    );
    expect(error).toMatchObject({
      iteration: 4,
      quantity: 'the output of layers[2] (dense)',
      value: Infinity,
      layer: 2,
      detail: 'the loss is Infinity',
    });
    expect(error.message).toBe(
      'Training diverged at iteration 4: the output of layers[2] (dense) is Infinity; ' +
        'the loss is Infinity. The step was not applied, so the parameters keep ' +
        'their values from before it; try a learning rate smaller than 10000000000.',
    );
  });

  it(
    'ReLU, learning rate 1e6: every output is finite but the loss ' +
      'overflowed; the output layer and its magnitude are named',
    () => {
      const error = divergence(() =>
        reluNetwork('squared-error', [8, 8]).train({ learningRate: 1e6, iterations: 50, seed: 1 }),
      );
      expect(error).toMatchObject({ iteration: 15, quantity: 'the loss', value: Infinity });
      expect(error.message).toBe(
        "Training diverged at iteration 15: the loss is Infinity; every layer's output is " +
          'finite (the output of layers[4] (dense), which the squared-error loss takes, ' +
          'reaches 1.0384205272919678e+159 in magnitude). The step was not applied, ' +
          'so the parameters keep their values from before it; try a learning rate smaller than 1000000.',
      );
    },
  );
});

describe('non-finite results are reported', () => {
  it('predict refuses an output of NaN, naming the sample', () => {
    const { network } = reluNetwork('softmax-cross-entropy', [4]);
    network.parameters()[2].value.data.fill(NaN); // the output layer's weights
    expect(() => network.predict([[1, 2, 3]])).toThrow(
      'Network.predict: the output for sample 0 is NaN at column 0, so it has no predicted class; ' +
        "the network's parameters are not usable for it (has training diverged?)",
    );
  });

  it('float32 kernels refuse an input of 1e39 (infinite in float32), naming row and column, before any step', () => {
    const { network, train } = reluNetwork('softmax-cross-entropy', [4], wasmFloat32KernelsModule);
    const before = network.parameters().map((p) => Array.from(p.value.data));
    const data = Matrix.fromRows(
      Array.from({ length: 30 }, (_, n) => [inputs.get(n, 0), n === 7 ? 1e39 : inputs.get(n, 1), inputs.get(n, 2)]),
    );
    const message =
      'row 7, column 1 is 1e+39, which is infinite in float32 (the network computes in float32, ' +
      'whose largest finite value is 3.4028234663852886e+38); scale the data or use float64 kernels';
    expect(() => train({ learningRate: 0.1 }, data)).toThrow(`train: inputs: ${message}`);
    expect(network.parameters().map((p) => Array.from(p.value.data))).toEqual(before);
    expect(() => network.predict(data)).toThrow(`Network.predict: inputs: ${message}`);
    expect(() => network.forward(data)).toThrow(`Network.forward: inputs: ${message}`);
    expect(() =>
      network.backprop(
        data,
        Array.from({ length: 30 }, (_, n) => n % 3),
      ),
    ).toThrow(`Network.backprop: inputs: ${message}`);
    expect(network.parameters().map((p) => Array.from(p.value.data))).toEqual(before);
    // float64 holds 1e39
    expect(() => reluNetwork('softmax-cross-entropy', [4]).train({ learningRate: 0.1 }, data)).not.toThrow();
  });
});
