import type { LayerSpec } from '@bpnet/core';
import { assertConformance, checkLayerConformance } from '@bpnet/core/testing';
import { denseRegistration } from '@bpnet/dense';
import { sigmoidRegistration } from '@bpnet/sigmoid';
import { tanhRegistration } from '@bpnet/tanh';
import { describe, expect, it } from 'vitest';
import { concatRegistration } from './concat-layer.js';
import { residualRegistration } from './residual-layer.js';
import { sequentialRegistration } from './sequential-layer.js';

/** Every kind the nested specs below name; the kit always has the registration it checks. */
const layers = [
  denseRegistration,
  tanhRegistration,
  sigmoidRegistration,
  sequentialRegistration,
  residualRegistration,
  concatRegistration,
];

/**
 * The checks the kit runs for one config: per input size × batch size, one state check and, per phase, one gradient
 * of the input and one per parameter, then 6 checks, plus backwardParameters (every container offers it).
 */
function expectedChecks(parameters: number, settings: number): number {
  return settings * (1 + 2 * (1 + parameters + 6 + 1));
}

describe('the conformance kit', () => {
  it('passes sequential on its examples (dense and tanh children)', () => {
    const report = checkLayerConformance(sequentialRegistration, { layers });
    assertConformance(report);
    // [dense, tanh]: 2 parameters; [tanh, dense, tanh, dense]: 4; each at input sizes 1, 4 × batches 1, 5.
    expect(report.checks).toBe(expectedChecks(2, 4) + expectedChecks(4, 4));
  });

  it('passes residual on its examples and on dense bodies that keep the size', () => {
    const examples = checkLayerConformance(residualRegistration, { layers });
    assertConformance(examples);
    expect(examples.checks).toBe(2 * expectedChecks(0, 4));
    const configs: LayerSpec[] = [
      { kind: 'residual', body: [{ kind: 'dense', units: 3 }, { kind: 'tanh' }] },
      { kind: 'residual', body: [{ kind: 'dense', units: 5 }, { kind: 'sigmoid' }, { kind: 'dense', units: 3 }] },
    ];
    const dense = checkLayerConformance(residualRegistration, { layers, configs, inputSizes: [3] });
    assertConformance(dense);
    expect(dense.checks).toBe(expectedChecks(2, 2) + expectedChecks(4, 2));
  });

  it('passes concat on its examples (an identity branch among them)', () => {
    const report = checkLayerConformance(concatRegistration, { layers });
    assertConformance(report);
    // [[dense, tanh], [dense]]: 4 parameters; [[], [tanh, dense], [sequential [dense]]]: 4.
    expect(report.checks).toBe(expectedChecks(4, 4) + expectedChecks(4, 4));
  });

  it('passes a residual inside a sequential inside a concat, and a concat inside a residual', () => {
    const nested: LayerSpec = {
      kind: 'concat',
      branches: [
        [
          {
            kind: 'sequential',
            layers: [
              { kind: 'dense', units: 3 },
              { kind: 'residual', body: [{ kind: 'dense', units: 3 }, { kind: 'tanh' }] },
            ],
          },
        ],
        [{ kind: 'dense', units: 2 }],
        [],
      ],
    };
    const outer = checkLayerConformance(concatRegistration, { layers, configs: [nested] });
    assertConformance(outer);
    expect(outer.checks).toBe(expectedChecks(6, 4));
    // f(x) = dense(2 → 1) of [x | tanh(x)] keeps 1 column: a concat in a residual's body.
    const inResidual: LayerSpec = {
      kind: 'residual',
      body: [
        { kind: 'concat', branches: [[], [{ kind: 'tanh' }]] },
        { kind: 'dense', units: 1 },
      ],
    };
    const report = checkLayerConformance(residualRegistration, { layers, configs: [inResidual], inputSizes: [1] });
    assertConformance(report);
    expect(report.checks).toBe(expectedChecks(2, 2));
  });
});
