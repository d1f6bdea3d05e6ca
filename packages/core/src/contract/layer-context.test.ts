import { describe, expect, it } from 'vitest';
import { layerModule } from '../container/container.js';
import { Registry } from '../di/registry.js';
import { builtinInitializers } from '../initializers/builtin-initializers.js';
import { jsKernels } from '../kernels/js-kernels.js';
import { loadModel } from '../model/load-model.js';
import { ModelFileError } from '../model/model-file-error.js';
import { SeededRandom } from '../random/seeded-random.js';
import { threeLayerContainer } from '../test-fixtures/three-layer.js';
import type { AnyLayerRegistration, Layer, LayerRegistration, LayerSpec } from './layer.js';
import { LayerFactory, ParameterLimitError } from './layer-context.js';
import { createParameter } from './parameter.js';

/** A plug-in spec: `width` output columns. */
interface WideSpec extends LayerSpec {
  readonly width?: number;
}

/**
 * A plug-in layer kind defined here, outside every layer package: x·W (W inputSize × width, no bias), declaring
 * inputSize · width values. `created` counts the calls of its `create`.
 */
function wideRegistration(kind: string, created: { count: number }, declare = true): LayerRegistration<WideSpec> {
  return {
    kind,
    ...(declare ? { parameterCount: (config: WideSpec, inputSize: number) => inputSize * (config.width ?? 1) } : {}),
    create(config, context): Layer {
      created.count++;
      const width = config.width ?? 1;
      const weights = createParameter('weights', context.inputSize, width, context.kernels);
      return {
        kind,
        inputSize: context.inputSize,
        outputSize: width,
        parameters: () => [weights],
        forward: (input) => input,
        backward: (sensitivity) => sensitivity,
      };
    },
  };
}

/** A plug-in container kind: one child built from `inner`, and no values of its own. */
const holderRegistration: LayerRegistration<LayerSpec & { readonly inner: unknown }> = {
  kind: 'test/holder',
  parameterCount: () => 0,
  create(config, context): Layer {
    const child = context.build(config.inner, context.inputSize, 'inner');
    return {
      kind: 'test/holder',
      inputSize: context.inputSize,
      outputSize: child.outputSize,
      parameters: () => [],
      children: () => [{ name: 'inner', layer: child }],
      forward: (input, pass) => child.forward(input, pass),
      backward: (sensitivity) => child.backward(sensitivity),
    };
  },
};

function factory(maxValues: number | undefined, ...registrations: AnyLayerRegistration[]): LayerFactory {
  return new LayerFactory({
    kernels: jsKernels,
    random: new SeededRandom(0),
    initializers: new Registry('initializer', builtinInitializers),
    layers: new Registry('layer', [...registrations, holderRegistration]),
    maxValues,
  });
}

describe('LayerRegistration.parameterCount: a plug-in declares its size, refused before its create runs', () => {
  it('refuses a plug-in layer whose declared count is over the limit, without calling its create', () => {
    const created = { count: 0 };
    const layers = factory(1000, wideRegistration('test/wide', created));
    const build = () => layers.build({ kind: 'test/wide', width: 1e9 }, 3, 'layers[0]'); // 3e9 values declared
    expect(build).toThrow('layers[0]: the spec asks for over 1000 parameter values; refusing to allocate it');
    expect(build).toThrow(ParameterLimitError);
    expect(() => build()).toThrow(expect.objectContaining({ where: 'layers[0]', limit: 1000 }));
    expect(created.count).toBe(0);
  });

  it('counts the declared values on top of those built: 600 held, then 400 fit a limit of 1000, 401 do not', () => {
    const created = { count: 0 };
    const layers = factory(1000, wideRegistration('test/wide', created));
    layers.build({ kind: 'test/wide', width: 200 }, 3, 'layers[0]'); // 3 · 200 = 600 values
    expect(() => layers.build({ kind: 'test/wide', width: 401 }, 1, 'layers[1]')).toThrow(
      'layers[1]: the spec asks for over 1000 parameter values; refusing to allocate it',
    );
    expect(created.count).toBe(1);
    expect(layers.build({ kind: 'test/wide', width: 400 }, 1, 'layers[1]').parameters()[0].value.shape).toBe('1×400');
    expect(created.count).toBe(2);
  });

  it("asks a container's children as they are built, before each child's create", () => {
    const created = { count: 0 };
    const layers = factory(1000, wideRegistration('test/wide', created));
    const spec = { kind: 'test/holder', inner: { kind: 'test/wide', width: 1e6 } };
    expect(() => layers.build(spec, 2, 'layers[3]')).toThrow('layers[3].inner: the spec asks for over 1000 parameter');
    expect(created.count).toBe(0);
  });

  it('is not consulted without a limit, and a kind without it is still bounded while its create allocates', () => {
    const created = { count: 0 };
    const counted = factory(undefined, { ...wideRegistration('test/wide', created), parameterCount: () => Infinity });
    expect(counted.build({ kind: 'test/wide', width: 2 }, 3, 'layers[0]').outputSize).toBe(2);
    const undeclared = factory(1000, wideRegistration('test/wide', created, false));
    expect(() => undeclared.build({ kind: 'test/wide', width: 1e6 }, 3, 'layers[0]')).toThrow(
      'layers[0]: a 3×1000000 matrix is over the limit of 1000 values; refusing to allocate it',
    );
    expect(created.count).toBe(2); // the undeclared kind's create ran, and was stopped at its allocation
  });

  it('makes loadModel refuse a file whose plug-in layer declares over maxParameterValues, before create', () => {
    const created = { count: 0 };
    const container = threeLayerContainer(0, layerModule(wideRegistration('test/wide', created)));
    const spec = { inputSize: 4, layers: [{ kind: 'test/wide', width: 2e7 }], loss: { kind: 'squared-error' } };
    const text = JSON.stringify({ format: 'bpnet-model', version: 2, spec, modules: {}, parameters: [], state: [] });
    const load = () => loadModel(container, text); // 4 · 2e7 = 8e7 values, over the default 5e7
    const message = 'Model: the spec asks for over 50000000 parameter values; refusing to allocate it (at layers[0])';
    expect(load).toThrow(new ModelFileError(message, 'Model'));
    expect(created.count).toBe(0);
  });

  it("checks against loadModel's maxParameterValues: 4 · 30 = 120 values are refused at 119, built at 120", () => {
    const created = { count: 0 };
    const container = threeLayerContainer(0, layerModule(wideRegistration('test/wide', created)));
    const spec = { inputSize: 4, layers: [{ kind: 'test/wide', width: 30 }], loss: { kind: 'squared-error' } };
    const text = JSON.stringify({ format: 'bpnet-model', version: 2, spec, modules: {}, parameters: [], state: [] });
    expect(() => loadModel(container, text, { maxParameterValues: 119 })).toThrow(
      'Model: the spec asks for over 119 parameter values; refusing to allocate it (at layers[0])',
    );
    expect(created.count).toBe(0);
    // Built within the limit, the network then wants the weights the file does not have.
    expect(() => loadModel(container, text, { maxParameterValues: 120 })).toThrow(
      'Model: parameter layers[0].weights is missing (the file has 0 parameters, the network 1)',
    );
    expect(created.count).toBe(1);
  });
});
