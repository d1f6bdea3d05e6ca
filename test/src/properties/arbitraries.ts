import {
  type Container,
  type ContainerModule,
  type FloatArray,
  createContainer,
  type InitializerSpec,
  type LayerSpec,
  type Network,
  type NetworkSpec,
  seededRandomModule,
} from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { reluModule } from '@bpnet/relu';
import { sigmoidModule } from '@bpnet/sigmoid';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { squaredErrorModule } from '@bpnet/squared-error';
import { tanhModule } from '@bpnet/tanh';
import fc from 'fast-check';

/**
 * A container with every layer and loss kind the properties use (relu only so that fuzzed files may name it),
 * seeded when `seed` is given, plus `extra` modules.
 */
export function propertyContainer(seed?: number, ...extra: ContainerModule[]): Container {
  const modules = [denseModule, sigmoidModule, tanhModule, reluModule, squaredErrorModule, softmaxCrossEntropyModule];
  return createContainer(...modules, ...(seed === undefined ? [] : [seededRandomModule(seed)]), ...extra);
}

export type Activation = 'sigmoid' | 'tanh';
export type LossKind = 'squared-error' | 'softmax-cross-entropy';

/** A stack of 1–3 dense layers of 1–5 units with sigmoid or tanh between them; the loss decides the last layer. */
export interface StackShape {
  readonly inputSize: number;
  readonly units: readonly number[];
  /** The activation after each dense layer but the last. */
  readonly between: readonly Activation[];
  /** An activation after the last dense layer (only with squared error: softmax cross-entropy needs raw logits). */
  readonly last: Activation | undefined;
  readonly loss: LossKind;
  readonly weightInitializer: InitializerSpec;
  readonly biasInitializer: InitializerSpec;
}

const activation = fc.constantFrom<Activation>('sigmoid', 'tanh');

const weightInitializer: fc.Arbitrary<InitializerSpec> = fc.oneof(
  fc.double({ min: 0.1, max: 1.5, noNaN: true }).map((std) => ({ kind: 'gaussian', std })),
  fc.constant({ kind: 'gaussian' }),
  fc.constantFrom<InitializerSpec>({ kind: 'xavier' }, { kind: 'he', distribution: 'normal' }),
);

const biasInitializer: fc.Arbitrary<InitializerSpec> = fc.oneof(
  fc.constant<InitializerSpec>('zeros'),
  fc.double({ min: 0.1, max: 1, noNaN: true }).map((std) => ({ kind: 'gaussian', std })),
);

export const stackShape: fc.Arbitrary<StackShape> = fc
  .record({
    inputSize: fc.integer({ min: 1, max: 5 }),
    units: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
    between: fc.array(activation, { minLength: 2, maxLength: 2 }),
    last: fc.option(activation, { nil: undefined }),
    loss: fc.constantFrom<LossKind>('squared-error', 'softmax-cross-entropy'),
    weightInitializer,
    biasInitializer,
  })
  .map((shape) => ({
    ...shape,
    between: shape.between.slice(0, shape.units.length - 1),
    last: shape.loss === 'softmax-cross-entropy' ? undefined : shape.last,
  }));

/** The network spec of a stack shape. */
export function stackSpec(shape: StackShape): NetworkSpec {
  const layers: LayerSpec[] = [];
  shape.units.forEach((units, index) => {
    layers.push({ kind: 'dense', units, weightInitializer: shape.weightInitializer, biasInitializer: shape.biasInitializer });
    const after = index < shape.units.length - 1 ? shape.between[index] : shape.last;
    if (after !== undefined) layers.push({ kind: after });
  });
  return { inputSize: shape.inputSize, layers, loss: { kind: shape.loss } };
}

/** A copy of every parameter's values, in order. */
export function parameterValues(network: Network): FloatArray[] {
  return network.parameters().map((parameter) => parameter.value.data.slice());
}

/**
 * Asserts element-wise Object.is equality of two lists of arrays (bit-identical up to NaN payloads; −0 ≠ +0),
 * naming the first differing element.
 */
export function expectSameBits(actual: readonly ArrayLike<number>[], expected: readonly ArrayLike<number>[], what: string): void {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} arrays, expected ${expected.length}`);
  actual.forEach((a, k) => {
    const b = expected[k];
    if (a.length !== b.length) throw new Error(`${what}[${k}]: ${a.length} values, expected ${b.length}`);
    for (let i = 0; i < a.length; i++) {
      if (!Object.is(a[i], b[i])) throw new Error(`${what}[${k}] element ${i}: ${show(a[i])} is not bit-identical to ${show(b[i])}`);
    }
  });
}

function show(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}
