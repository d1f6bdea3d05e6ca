import {
  buildNetwork,
  type BpnetContainer,
  type Matrix,
  type Network,
  type OptimizerState,
  type Sampling,
  SeededRandom,
  train,
  TRAINER,
  type TrainOptions,
} from '@bpnet/core';
import { NETWORK_BUILDER } from '@bpnet/core/plugin';
import { adamModule } from '@bpnet/adam';
import { momentumModule } from '@bpnet/momentum';
import { randomMatrix } from '@bpnet/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectSameBits,
  parameterValues,
  propertyContainer,
  type StackShape,
  stackShape,
  stackSpec,
} from '../fixtures/arbitraries.js';

/**
 * Training networks in one process shares no state: two networks from two containers with the same seed start
 * identical, and training them interleaved (single-iteration calls) gives exactly what training each alone gives;
 * two networks from one container differ only by the random draws, and training one leaves the other alone.
 */

/**
 * How a network is trained: the free `train` (SGD, batches from `seed`), or the container's trainer with a seed
 * or drawing batches from the container's own random source (the one that drew the initial weights).
 */
type Via = 'train' | 'trainer-seed' | 'trainer-stream';

interface Schedule {
  readonly via: Via;
  readonly optimizer: 'sgd' | 'momentum' | 'adam';
  readonly learningRate: number;
  readonly sampling: Sampling;
  readonly batchFraction: number;
}

const schedule: fc.Arbitrary<Schedule> = fc
  .record({
    via: fc.constantFrom<Via>('train', 'trainer-seed', 'trainer-stream'),
    optimizer: fc.constantFrom<Schedule['optimizer']>('sgd', 'momentum', 'adam'),
    learningRate: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
    sampling: fc.constantFrom<Sampling>('random-batch', 'epoch'),
    batchFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  })
  .map((s) => (s.via === 'train' ? { ...s, optimizer: 'sgd' as const } : s));

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

interface Data {
  readonly inputs: Matrix;
  readonly labels: number[];
}

function makeData(shape: StackShape, samples: number, dataSeed: number): Data {
  const random = new SeededRandom(dataSeed);
  const classes = shape.units[shape.units.length - 1];
  return {
    inputs: randomMatrix(samples, shape.inputSize, random),
    labels: Array.from({ length: samples }, () => random.integer(classes)),
  };
}

/** A network with everything it is trained with, and the concatenated history of its training calls. */
class Session {
  readonly loss: number[] = [];
  readonly accuracy: number[] = [];
  private state: OptimizerState | undefined;

  constructor(
    readonly container: BpnetContainer,
    readonly network: Network,
    private readonly data: Data,
    private readonly plan: Schedule,
  ) {}

  static build(modelSeed: number, shape: StackShape, data: Data, plan: Schedule): Session {
    const container = propertyContainer(modelSeed, momentumModule, adamModule);
    return new Session(container, buildNetwork(container, stackSpec(shape)), data, plan);
  }

  /** One training call of `iterations` iterations, continuing the optimizer's state. */
  train(iterations: number, seed: number): void {
    const { via, optimizer, learningRate, sampling, batchFraction } = this.plan;
    const { inputs, labels } = this.data;
    const options: TrainOptions = {
      learningRate,
      iterations,
      sampling,
      batchSize: 1 + Math.floor(batchFraction * inputs.rows),
      optimizer: { kind: optimizer },
      ...(via === 'trainer-stream' ? {} : { seed }),
      ...(this.state === undefined ? {} : { optimizerState: this.state }),
    };
    const history =
      via === 'train'
        ? train(this.network, inputs, labels, options)
        : this.container.get(TRAINER).train(this.network, inputs, labels, options);
    this.loss.push(...history.loss);
    this.accuracy.push(...history.accuracy);
    this.state = history.optimizerState;
  }

  expectSameAs(other: Session, what: string): void {
    expectSameBits(parameterValues(this.network), parameterValues(other.network), `${what}: parameters`);
    expectSameBits([this.loss], [other.loss], `${what}: loss history`);
    expectSameBits([this.accuracy], [other.accuracy], `${what}: accuracy history`);
    expect(this.state, `${what}: optimizer state`).toEqual(other.state);
  }
}

const interleavedCase = fc
  .record({
    shape: stackShape,
    modelSeed: seed,
    dataSeed: seed,
    samples: fc.integer({ min: 2, max: 8 }),
    planA: schedule,
    planB: schedule,
    warmUp: fc.integer({ min: 1, max: 5 }),
    warmUpSeed: seed,
    rounds: fc.integer({ min: 1, max: 5 }),
  })
  .chain(
    (c) =>
      fc.record({
        ...Object.fromEntries(Object.entries(c).map(([key, value]) => [key, fc.constant(value)])),
        seedsA: fc.array(seed, { minLength: c.rounds, maxLength: c.rounds }),
        seedsB: fc.array(seed, { minLength: c.rounds, maxLength: c.rounds }),
      }) as fc.Arbitrary<typeof c & { seedsA: number[]; seedsB: number[] }>,
  );

describe('training shares no state between networks', () => {
  it('two containers with the same seed: training interleaved equals training each alone', () => {
    fc.assert(
      fc.property(
        interleavedCase,
        ({ shape, modelSeed, dataSeed, samples, planA, planB, warmUp, warmUpSeed, seedsA, seedsB }) => {
          const data = makeData(shape, samples, dataSeed);
          const a = Session.build(modelSeed, shape, data, planA);
          const b = Session.build(modelSeed, shape, data, planB);
          const initial = parameterValues(b.network);
          expectSameBits(parameterValues(a.network), initial, 'same seed, initial parameters');

          a.train(warmUp, warmUpSeed);
          expectSameBits(parameterValues(b.network), initial, 'b after a trained');
          seedsA.forEach((seedA, round) => {
            a.train(1, seedA);
            b.train(1, seedsB[round]);
          });

          const aloneA = Session.build(modelSeed, shape, data, planA);
          aloneA.train(warmUp, warmUpSeed);
          for (const seedA of seedsA) aloneA.train(1, seedA);
          const aloneB = Session.build(modelSeed, shape, data, planB);
          for (const seedB of seedsB) aloneB.train(1, seedB);

          expect(a.loss).toHaveLength(warmUp + seedsA.length);
          a.expectSameAs(aloneA, 'a interleaved vs alone');
          b.expectSameAs(aloneB, 'b interleaved vs alone');
        },
      ),
      { seed: 401, numRuns: 60, interruptAfterTimeLimit: 3_000 },
    );
  });

  it('two networks from one container differ only by the random draws; training one leaves the other alone', () => {
    const sameContainerCase = fc.record({
      shape: stackShape,
      modelSeed: seed,
      dataSeed: seed,
      samples: fc.integer({ min: 2, max: 8 }),
      plan: schedule.filter(({ via }) => via !== 'trainer-stream'),
      iterations: fc.integer({ min: 1, max: 10 }),
      trainSeeds: fc.tuple(seed, seed),
    });
    fc.assert(
      fc.property(
        sameContainerCase,
        ({ shape, modelSeed, dataSeed, samples, plan, iterations, trainSeeds: [seed1, seed2] }) => {
          const data = makeData(shape, samples, dataSeed);
          const container = propertyContainer(modelSeed, momentumModule, adamModule);
          const first = new Session(container, buildNetwork(container, stackSpec(shape)), data, plan);
          const second = new Session(container, buildNetwork(container, stackSpec(shape)), data, plan);

          // The same builds from one explicit stream: the second network is drawn from where the first stopped.
          const builder = propertyContainer().get(NETWORK_BUILDER);
          const stream = new SeededRandom(modelSeed);
          const expectedFirst = builder.build(stackSpec(shape), { random: stream });
          const expectedSecond = builder.build(stackSpec(shape), { random: stream });
          expect(second.network.spec).toEqual(first.network.spec);
          expect(second.network.namedParameters().map(({ path, parameter }) => [path, parameter.value.shape])).toEqual(
            first.network.namedParameters().map(({ path, parameter }) => [path, parameter.value.shape]),
          );
          expectSameBits(
            parameterValues(first.network),
            parameterValues(expectedFirst),
            'first network vs first draws',
          );
          expectSameBits(
            parameterValues(second.network),
            parameterValues(expectedSecond),
            'second network vs continued draws',
          );
          const weights = (network: Network) => network.parameters()[0].value.data;
          expect(weights(second.network).some((value, i) => value !== weights(first.network)[i])).toBe(true);

          const secondBefore = parameterValues(second.network);
          const secondOutput = second.network.forward(data.inputs).data;
          first.train(iterations, seed1);
          expectSameBits(parameterValues(second.network), secondBefore, 'second network after training the first');
          expectSameBits(
            [second.network.forward(data.inputs).data],
            [secondOutput],
            'second network output after training the first',
          );

          const firstAfter = parameterValues(first.network);
          second.train(iterations, seed2);
          expectSameBits(parameterValues(first.network), firstAfter, 'first network after training the second');
          const alone = new Session(propertyContainer(0, momentumModule, adamModule), expectedSecond, data, plan);
          alone.train(iterations, seed2);
          second.expectSameAs(alone, 'second network trained after the first vs alone');
        },
      ),
      { seed: 402, numRuns: 60, interruptAfterTimeLimit: 3_000 },
    );
  });
});
