import { containersModule } from '@bpnet/containers';
import {
  buildNetwork,
  createContainer,
  jsKernels,
  type Layer,
  SeededRandom,
  loadModel,
  ModelFileError,
  modelToJson,
  saveModel,
  seededRandomModule,
  TRAINER,
} from '@bpnet/core';
import { buildLayer, Registry, layerModule, type LayerRegistration } from '@bpnet/core/plugin';
import { assertGradientsMatch, checkLayerConformance, checkNetworkGradients } from '@bpnet/core/testing';
import { denseModule, denseRegistration } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { describe, expect, it } from 'vitest';
import { acmeTwiceOnlyModule } from './fixtures/outside-plugins/acme-modules.js';
import { acmeContainer, snapshot } from './fixtures/outside-plugins/acme-problem.js';
import { twiceRegistration } from './fixtures/outside-plugins/twice-layer.js';

const loss = { kind: 'squared-error' };

describe('nested layers', () => {
  it("a network holding acme/twice around dense lists the children's parameters under first and second", () => {
    const network = buildNetwork(acmeContainer(1), {
      inputSize: 3,
      layers: [{ kind: 'acme/twice', body: { kind: 'dense', units: 3 } }, { kind: 'sigmoid' }],
      loss,
    });
    const paths = [
      'layers[0].first.weights',
      'layers[0].first.bias',
      'layers[0].second.weights',
      'layers[0].second.bias',
    ];
    expect(network.namedParameters().map(({ path }) => path)).toEqual(paths);
    expect(saveModel(network).parameters.map(({ path }) => path)).toEqual(paths);
    expect(saveModel(network).modules).toEqual({
      'acme/twice': '@acme/twice',
      dense: '@bpnet/dense',
      sigmoid: '@bpnet/sigmoid',
      'squared-error': '@bpnet/squared-error',
    });
    const [firstWeights, , secondWeights] = network.parameters();
    expect(firstWeights).not.toBe(secondWeights); // two layers, each initialized by its own draws
    expect(Array.from(firstWeights.value.data)).not.toEqual(Array.from(secondWeights.value.data));
  });

  it('a nested stochastic layer makes the network stochastic though the container declares nothing', () => {
    const network = buildNetwork(acmeContainer(1), {
      inputSize: 2,
      layers: [{ kind: 'acme/twice', body: { kind: 'acme/noise' } }],
      loss,
    });
    expect(network.random).toBeDefined();
    expect(
      buildNetwork(acmeContainer(1), {
        inputSize: 2,
        layers: [{ kind: 'acme/twice', body: { kind: 'dense', units: 2 } }],
        loss,
      }).random,
    ).toBeUndefined();
  });

  it.each([
    [
      { kind: 'acme/twice', body: { kind: 'nope' } },
      new RegExp(
        /^layers\[0\]\.first: unknown layer kind 'nope'; /.source +
          /known layer kinds: acme\/noise, acme\/running-center, acme\/swish, acme\/twice, dense, /.source,
      ),
    ],
    [
      { kind: 'acme/twice', body: { kind: 'acme/twice', body: { kind: 'nope' } } },
      /^layers\[0\]\.first\.first: unknown layer kind 'nope'; /,
    ],
    [
      { kind: 'acme/twice', body: { kind: 'dense', units: 0 } },
      /^dense at layers\[0\]\.first: units must be a positive integer, got number 0$/,
    ],
    [{ kind: 'acme/twice', body: { units: 2 } }, /^layers\[0\]\.first: kind must be a non-empty string/],
  ])('a bad nested spec fails with the full path of the child (%j)', (layer, message) => {
    expect(() => buildNetwork(acmeContainer(1), { inputSize: 2, layers: [layer as { kind: string }], loss })).toThrow(
      message,
    );
  });

  it('a spec that contains itself fails at once, saying so', () => {
    const twice: { kind: string; body?: unknown } = { kind: 'acme/twice' };
    twice.body = twice;
    expect(() => buildNetwork(acmeContainer(1), { inputSize: 2, layers: [twice], loss })).toThrow(
      'Network spec: layers[0].body: the spec contains itself (a cycle); specs must be trees of plain values',
    );
    // a cyclic object handed straight to loadModel: refused too (by its depth), as a ModelFileError
    const file = JSON.parse(
      modelToJson(buildNetwork(acmeContainer(1), { inputSize: 2, layers: [{ kind: 'dense', units: 2 }], loss })),
    );
    file.spec.layers[0] = twice;
    expect(() => loadModel(acmeContainer(1), file)).toThrow(new ModelFileError('Model: nested too deeply', 'Model'));
    // the builder's own depth limit, met when create hands context.build a cyclic spec (buildLayer does not
    // validate a network spec) or a kind that builds itself
    const services = {
      kernels: jsKernels,
      random: new SeededRandom(1),
      initializers: new Registry('initializer', []),
      layers: new Registry('layer', [twiceRegistration]),
    };
    expect(() => buildLayer(services, twice, 2, 'layers[0]')).toThrow(
      /^layers\[0\](\.first){17}: containers nest more than 16 levels deep; is the spec recursive\?$/,
    );
    const selfBuilding: LayerRegistration = {
      kind: 'acme/forever',
      create: (_, context) => context.build({ kind: 'acme/forever' }, context.inputSize, 'body'),
    };
    const container = createContainer(squaredErrorModule, layerModule(selfBuilding), seededRandomModule(1));
    expect(() => buildNetwork(container, { inputSize: 2, layers: [{ kind: 'acme/forever' }], loss })).toThrow(
      /^layers\[0\](\.body){17}: containers nest more than 16 levels deep/,
    );
  });

  it('loading a model whose nested kind is missing names the package the model file records for it', () => {
    const full = acmeContainer(1);
    const network = buildNetwork(full, {
      inputSize: 2,
      layers: [{ kind: 'dense', units: 2 }, { kind: 'acme/twice', body: { kind: 'acme/noise' } }, { kind: 'sigmoid' }],
      loss,
    });
    const file = saveModel(network);
    expect(file.modules['acme/noise']).toBe('@acme/noise');
    const withoutNoise = createContainer(
      denseModule,
      sigmoidModule,
      squaredErrorModule,
      acmeTwiceOnlyModule,
      seededRandomModule(1),
    );
    const expected =
      "Model: layer kind 'acme/noise' at layers[1].first is not " +
      'registered in this container (known: acme/twice, dense, sigmoid). ' +
      "Load the module of '@acme/noise' into the container to load this model.";
    expect(() => loadModel(withoutNoise, JSON.stringify(file))).toThrow(new ModelFileError(expected, 'Model'));
    // the package named is the one in the file, not one the loader knows
    const relabelled = { ...file, modules: { ...file.modules, 'acme/noise': '@other-vendor/noise' } };
    expect(() => loadModel(withoutNoise, relabelled)).toThrow(
      "Load the module of '@other-vendor/noise' into the container",
    );
    // the container kind itself missing: its package is named
    const bare = createContainer(denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(1));
    expect(() => loadModel(bare, file)).toThrow(
      new RegExp(
        /^Model: layer kind 'acme\/twice' at layers\[1\] is not registered .* /.source +
          /Load the module of '@acme\/twice' into the container/.source,
      ),
    );
    // with every module loaded it loads, parameters and all
    expect(snapshot(loadModel(acmeContainer(2), file))).toEqual(snapshot(network));
  });

  it(
    'one child applied twice (shared parameters, one cached input) ' +
      'is caught: by the tree if listed twice, by the kit if listed once',
    () => {
      const sharedRegistration = (listTwice: boolean): LayerRegistration => ({
        kind: 'acme/shared-twice',
        create(config, context) {
          const inner = context.build(config.body, context.inputSize, 'inner');
          const layer: Layer = {
            kind: 'acme/shared-twice',
            inputSize: inner.inputSize,
            outputSize: inner.outputSize,
            parameters: () => [],
            children: () =>
              listTwice
                ? [
                    { name: 'first', layer: inner },
                    { name: 'second', layer: inner },
                  ]
                : [{ name: 'inner', layer: inner }],
            forward: (x, pass) => inner.forward(inner.forward(x, pass).clone(), pass),
            backward: (s) => inner.backward(inner.backward(s).clone()),
          };
          return layer;
        },
      });
      const body = { kind: 'dense', units: 3 };
      const container = createContainer(
        denseModule,
        sigmoidModule,
        squaredErrorModule,
        layerModule(sharedRegistration(true)),
        seededRandomModule(1),
      );
      expect(() =>
        buildNetwork(container, { inputSize: 3, layers: [{ kind: 'acme/shared-twice', body }], loss }),
      ).toThrow(
        "acme/shared-twice at layers[0]: lists the child 'inner' in children() " +
          "2 times (as 'first' and 'second'); a layer can sit in one place only (no shared layers)",
      );
      const report = checkLayerConformance(sharedRegistration(false), {
        configs: [{ kind: 'acme/shared-twice', body }],
        layers: [denseRegistration],
        inputSizes: [3],
        batchSizes: [2],
      });
      expect(report.failures.map(({ check }) => check)).toContain('gradient of inner.weights');
    },
  );
});

describe('children a container builds', () => {
  /** A container that builds `body` twice but lists only the first child (the second's parameters would be lost). */
  const forgetful: LayerRegistration = {
    kind: 'acme/forgetful',
    create(config, context) {
      const first = context.build(config.body, context.inputSize, 'first');
      const second = context.build(config.body, first.outputSize, 'second');
      return {
        kind: 'acme/forgetful',
        inputSize: first.inputSize,
        outputSize: second.outputSize,
        parameters: () => [],
        children: () => [{ name: 'first', layer: first }],
        forward: (x, pass) => second.forward(first.forward(x, pass), pass),
        backward: (s) => first.backward(second.backward(s)),
      };
    },
  };

  it('must all be listed in children(): a child built but not listed is a build error naming it', () => {
    const container = createContainer(
      denseModule,
      sigmoidModule,
      squaredErrorModule,
      layerModule(forgetful),
      seededRandomModule(1),
    );
    expect(() =>
      buildNetwork(container, {
        inputSize: 3,
        layers: [{ kind: 'acme/forgetful', body: { kind: 'dense', units: 3 } }],
        loss,
      }),
    ).toThrow(
      "acme/forgetful at layers[0]: built the child 'second' with context.build but does not " +
        'list it in children(); its parameters and state would be neither trained nor saved',
    );
  });
});

describe('plug-in kinds inside built-in containers and the other way round', () => {
  it(
    'residual(acme/twice(sequential(dense, acme/running-center)), acme/noise) ' +
      'builds, passes the gradient check, trains, saves and loads bit for bit',
    () => {
      const container = () => acmeContainer(3, containersModule);
      const spec = {
        inputSize: 4,
        layers: [
          { kind: 'dense', units: 5 },
          {
            kind: 'residual',
            body: [
              {
                kind: 'acme/twice',
                body: { kind: 'sequential', layers: [{ kind: 'dense', units: 5 }, { kind: 'acme/running-center' }] },
              },
              { kind: 'acme/noise', sigma: 0.1 },
            ],
          },
          { kind: 'dense', units: 3 },
          { kind: 'sigmoid' },
        ],
        loss: { kind: 'squared-error' },
      };
      const network = buildNetwork(container(), spec);
      expect(network.namedParameters().map(({ path }) => path)).toContain('layers[1].body[0].second.layers[0].weights');
      expect(network.namedState().map(({ path }) => path)).toEqual([
        'layers[1].body[0].first.layers[1].runningMean',
        'layers[1].body[0].second.layers[1].runningMean',
      ]);
      const random = new SeededRandom(4);
      const inputs = Array.from({ length: 6 }, () => Array.from({ length: 4 }, () => random.normal()));
      assertGradientsMatch('nested plug-ins', checkNetworkGradients(network, inputs, [0, 1, 2, 0, 1, 2]));
      const first = network.backprop(inputs, [0, 1, 2, 0, 1, 2]);
      container()
        .get(TRAINER)
        .train(network, inputs, [0, 1, 2, 0, 1, 2], { learningRate: 0.5, iterations: 40, batchSize: 6, seed: 1 });
      expect(network.backprop(inputs, [0, 1, 2, 0, 1, 2])).toBeLessThan(first);
      const loaded = loadModel(container(), modelToJson(network));
      expect(snapshot(loaded)).toEqual(snapshot(network));
      expect(Array.from(loaded.forward(inputs).data)).toEqual(Array.from(network.forward(inputs).data));
    },
  );
});
