import {
  buildNetwork,
  type ContainerModule,
  createContainer,
  type Layer,
  type LayerSpec,
  type NetworkSpec,
  seededRandomModule,
  UnknownKindError,
} from '@bpnet/core';
import { type LayerRegistration, layerModule, MAX_LAYER_DEPTH } from '@bpnet/core/plugin';
import { denseModule } from '@bpnet/dense';
import { reluModule } from '@bpnet/relu';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { tanhModule } from '@bpnet/tanh';
import { describe, expect, it } from 'vitest';
import { containersModule } from './containers-module.js';

/**
 * A container with dense, tanh, ReLU, sigmoid, the three containers and squared error, plus `more` (a seed, test
 * kinds).
 */
function testContainer(...more: ContainerModule[]) {
  return createContainer(
    denseModule,
    tanhModule,
    reluModule,
    sigmoidModule,
    containersModule,
    squaredErrorModule,
    ...more,
  );
}

/** Builds a 4-input network with `layers` and squared error in a container with every kind the tests use. */
function build(layers: unknown[], container = testContainer(seededRandomModule(1))) {
  return buildNetwork(container, { inputSize: 4, layers, loss: { kind: 'squared-error' } } as NetworkSpec);
}

/** The message `build(layers)` throws. */
function messageOf(layers: unknown[]): string {
  try {
    build(layers);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the build to throw');
}

describe('container errors', () => {
  it('reject a residual body that changes the size', () => {
    expect(
      messageOf([
        { kind: 'dense', units: 4 },
        { kind: 'residual', body: [{ kind: 'dense', units: 3 }] },
      ]),
    ).toBe('residual at layers[1]: body maps 4 columns to 3; y = x + f(x) needs the same size');
  });

  it('reject an empty or missing list of layers, and a list that is not an array', () => {
    expect(
      messageOf([
        { kind: 'dense', units: 4 },
        { kind: 'residual', body: [] },
      ]),
    ).toBe('residual at layers[1]: body must be a non-empty array of layer specs, got an array of length 0');
    expect(messageOf([{ kind: 'residual', body: { kind: 'tanh' } }])).toBe(
      'residual at layers[0]: body must be a non-empty array of layer specs, got an object with keys ["kind"]',
    );
    expect(messageOf([{ kind: 'sequential' }])).toBe(
      'sequential at layers[0]: layers must be a non-empty array of layer specs, got undefined',
    );
    expect(messageOf([{ kind: 'sequential', layers: 'dense' }])).toBe(
      'sequential at layers[0]: layers must be a non-empty array of layer specs, got the string "dense"',
    );
    expect(messageOf([{ kind: 'concat', branches: [] }])).toBe(
      'concat at layers[0]: branches must be a non-empty array of ' +
        'branches (arrays of layer specs), got an array of length 0',
    );
    expect(messageOf([{ kind: 'concat', branches: [[{ kind: 'tanh' }], { kind: 'tanh' }] }])).toBe(
      'concat at layers[0]: branches[1] must be an array of layer specs, got an object with keys ["kind"]',
    );
    expect(messageOf([{ kind: 'concat', branches: [[], []] }])).toBe(
      'concat at layers[0]: every branch is empty; at least one ' +
        'branch must hold a layer (an empty branch passes x through)',
    );
  });

  it('reject unknown options', () => {
    expect(messageOf([{ kind: 'residual', body: [{ kind: 'tanh' }], units: 4 }])).toBe(
      "residual at layers[0]: unknown option 'units'; expected one of: body",
    );
    expect(messageOf([{ kind: 'sequential', layers: [{ kind: 'tanh' }], body: [] }])).toBe(
      "sequential at layers[0]: unknown option 'body'; expected one of: layers",
    );
    expect(messageOf([{ kind: 'concat', branch: [[{ kind: 'tanh' }]] }])).toBe(
      "concat at layers[0]: unknown option 'branch'; expected one of: branches",
    );
  });

  it(
    'name the full path of an unknown nested kind, ' + 'a nested spec that is not an object and a child’s own error',
    () => {
      let unknown: unknown;
      try {
        build([
          { kind: 'dense', units: 4 },
          { kind: 'residual', body: [{ kind: 'x' }] },
        ]);
      } catch (error) {
        unknown = error;
      }
      expect(unknown).toBeInstanceOf(UnknownKindError);
      expect((unknown as UnknownKindError).where).toBe('layers[1].body[0]');
      expect((unknown as Error).message).toMatch(
        new RegExp(
          /^layers\[1\]\.body\[0\]: unknown layer kind 'x'; /.source +
            /known layer kinds: concat, dense, relu, residual, sequential, sigmoid, tanh\./.source,
        ),
      );
      expect(
        messageOf([
          { kind: 'concat', branches: [[{ kind: 'tanh' }], [{ kind: 'sequential', layers: [{ kind: 'tanh' }, 3] }]] },
        ]),
      ).toBe('layers[0].branches[1][0].layers[1] must be an object, got number 3');
      expect(messageOf([{ kind: 'residual', body: [{ kind: 'dense', units: 0 }] }])).toBe(
        'dense at layers[0].body[0]: units must be a positive integer, got number 0',
      );
    },
  );

  it('stop containers nested deeper than the core limit, naming the path and the limit', () => {
    const nest = (levels: number): LayerSpec => {
      let spec: LayerSpec = { kind: 'tanh' };
      for (let level = 0; level < levels; level++) spec = { kind: 'residual', body: [spec] };
      return spec;
    };
    expect(MAX_LAYER_DEPTH).toBe(16);
    // layers[0] is depth 0, so 16 residuals put the tanh at depth 16, the deepest allowed.
    expect(build([nest(MAX_LAYER_DEPTH)]).layers[0].kind).toBe('residual');
    // 20 residuals: the one at depth 17 is refused, at layers[0] followed by 17 × .body[0].
    expect(messageOf([nest(20)])).toBe(
      `layers[0]${'.body[0]'.repeat(17)}: containers nest more than 16 levels deep; is the spec recursive?`,
    );
  });

  it('leave duplicate child names to core’s duplicate-path check (a test container naming two children alike)', () => {
    // Not one of ours (ours name children by position): a container whose two dense children are both 'twin'.
    const twinsRegistration: LayerRegistration = {
      kind: 'test/twins',
      create(_config, context) {
        const first = context.build({ kind: 'dense', units: context.inputSize }, context.inputSize, 'twin');
        const second = context.build({ kind: 'dense', units: context.inputSize }, context.inputSize, 'twin');
        const layer: Layer = {
          kind: 'test/twins',
          inputSize: context.inputSize,
          outputSize: context.inputSize,
          parameters: () => [],
          children: () => [
            { name: 'twin', layer: first },
            { name: 'twin', layer: second },
          ],
          forward: (input, pass) => second.forward(first.forward(input, pass), pass),
          backward: (sensitivity) => first.backward(second.backward(sensitivity)),
        };
        return layer;
      },
    };
    expect(() =>
      build(
        [{ kind: 'sequential', layers: [{ kind: 'tanh' }, { kind: 'test/twins' }] }],
        testContainer(seededRandomModule(1), layerModule(twinsRegistration)),
      ),
    ).toThrow(
      "Duplicate path 'layers[0].layers[1].twin': child 'twin' of test/twins at " +
        "layers[0].layers[1] and child 'twin' of test/twins at layers[0].layers[1]; " +
        'give each parameter, state buffer and child of a layer its own name',
    );
  });
});
