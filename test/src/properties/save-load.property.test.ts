import { buildNetwork, type FloatArray, loadModel, Matrix, modelToJson, type Network, saveModel } from '@bpnet/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSameBits, propertyContainer, stackShape, stackSpec } from '../fixtures/arbitraries.js';

/**
 * Random stacks with random parameter values of any finite magnitude (subnormals, ±1.7e308, −0 included) and
 * random inputs: loading modelToJson's text gives bit-identical parameters (a −0 comes back as +0, the one thing
 * JSON does not keep; loading the saveModel object keeps it), the same spec, and bit-identical outputs, loss and
 * gradients.
 */

const parameterValue = fc.oneof(
  fc.double({ min: -3, max: 3, noNaN: true }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MAX_VALUE, 0.1, 1 / 3),
);
const inputValue = fc.oneof(
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const saveLoadCase = fc
  .record({
    shape: stackShape,
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    batchSize: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ shape, seed, batchSize }) => {
    let fanIn = shape.inputSize;
    const sizes = shape.units.flatMap((units) => {
      const parameterSizes = [fanIn * units, units];
      fanIn = units;
      return parameterSizes;
    });
    const outputs = shape.units[shape.units.length - 1];
    return fc.record({
      shape: fc.constant(shape),
      seed: fc.constant(seed),
      values: fc.tuple(...sizes.map((size) => fc.array(parameterValue, { minLength: size, maxLength: size }))),
      inputs: fc.array(inputValue, { minLength: batchSize * shape.inputSize, maxLength: batchSize * shape.inputSize }),
      labels: fc.array(fc.integer({ min: 0, max: outputs - 1 }), { minLength: batchSize, maxLength: batchSize }),
    });
  });

function gradients(network: Network): FloatArray[] {
  return network.parameters().map((parameter) => parameter.grad.data.slice());
}

describe('saving and loading', () => {
  it('gives bit-identical parameters, outputs, loss and gradients for random stacks and values', () => {
    fc.assert(
      fc.property(saveLoadCase, ({ shape, seed, values, inputs: inputValues, labels }) => {
        const network = buildNetwork(propertyContainer(seed), stackSpec(shape));
        network.parameters().forEach((parameter, index) => parameter.value.data.set(values[index]));
        const inputs = new Matrix(labels.length, shape.inputSize, Float64Array.from(inputValues));

        const text = modelToJson(network);
        const loaded = loadModel(propertyContainer(), text);
        const fromObject = loadModel(propertyContainer(), saveModel(network));

        expect(loaded.spec).toEqual(network.spec);
        expect(loaded.namedParameters().map(({ path }) => path)).toEqual(
          network.namedParameters().map(({ path }) => path),
        );
        const expected = values.map((array) => array.map((value) => (value === 0 ? 0 : value)));
        expectSameBits(
          loaded.parameters().map((p) => p.value.data),
          expected,
          'parameters loaded from text',
        );
        expectSameBits(
          fromObject.parameters().map((p) => p.value.data),
          values,
          'parameters loaded from the object (no JSON: −0 kept)',
        );
        expect(modelToJson(loaded)).toBe(text);

        const output = network.forward(inputs);
        expect([output.rows, output.cols]).toEqual([labels.length, network.outputSize]);
        expectSameBits([loaded.forward(inputs).data], [output.data], 'forward');
        expectSameBits([fromObject.forward(inputs).data], [output.data], 'forward of the object');

        const loss = network.backprop(inputs, labels);
        expectSameBits([[loaded.backprop(inputs, labels)]], [[loss]], 'loss');
        expectSameBits(gradients(loaded), gradients(network), 'gradients');
      }),
      { seed: 301, numRuns: 150, interruptAfterTimeLimit: 3_000 },
    );
  });
});
