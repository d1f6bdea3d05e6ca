import { buildNetwork, Matrix, SeededRandom } from '@bpnet/core';
import { assertGradientsMatch, checkNetworkGradients, randomMatrix } from '@bpnet/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyContainer, stackShape, stackSpec } from '../fixtures/arbitraries.js';

/**
 * Random stacks of 1–3 dense layers (1–5 units, sigmoid or tanh between them, squared error or softmax
 * cross-entropy) on random batches of 1–4 samples: backprop's gradients of every parameter agree with central
 * differences (step 1e-6, |a − n| ≤ absolute + 1e-6·max(|a|, |n|)).
 *
 * The absolute tolerance is the default 1e-9 plus the rounding error of the central difference itself,
 * 4ε·|J|/h: both J(w ± h) carry a rounding error of about ε·|J|, divided by 2h. With the fixed 1e-9 alone, a
 * batch whose J is about 10 fails with a correct gradient (seen at run ~2000 of 5000: analytic −4.642734e-4,
 * numeric −4.642713e-4 at h = 1e-6, but −4.642732e-4 at h = 1e-5 and agreement to 2e-8 at h = 1e-4).
 */

const STEP = 1e-6;

const gradientCase = fc.record({
  shape: stackShape,
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  batchSize: fc.integer({ min: 1, max: 4 }),
  /** Squared error only: integer labels (one-hot targets) or a target matrix of values in [0, 1). */
  targets: fc.constantFrom('labels', 'matrix'),
});

describe('network gradients', () => {
  it('match central differences for random layer stacks, losses and batches', () => {
    fc.assert(
      fc.property(gradientCase, ({ shape, seed, batchSize, targets }) => {
        const network = buildNetwork(propertyContainer(seed), stackSpec(shape));
        const random = new SeededRandom(seed + 1);
        const inputs = randomMatrix(batchSize, shape.inputSize, random);
        const classes = network.outputSize;
        const labels = Array.from({ length: batchSize }, () => random.integer(classes));
        const target =
          shape.loss === 'squared-error' && targets === 'matrix'
            ? new Matrix(
                batchSize,
                classes,
                Float64Array.from({ length: batchSize * classes }, () => random.uniform()),
              )
            : labels;
        const loss = network.backprop(inputs, target);
        const absoluteTolerance = 1e-9 + (4 * Number.EPSILON * Math.abs(loss)) / STEP;
        const comparisons = checkNetworkGradients(network, inputs, target, { step: STEP, absoluteTolerance });
        expect(comparisons.map(({ name }) => name)).toEqual(
          shape.units.flatMap((_, i) => [`layers[${2 * i}].weights`, `layers[${2 * i}].bias`]),
        );
        assertGradientsMatch(`${JSON.stringify(stackSpec(shape))} (seed ${seed}, batch ${batchSize})`, comparisons);
      }),
      { seed: 201, numRuns: 100, interruptAfterTimeLimit: 3_000 },
    );
  });
});
