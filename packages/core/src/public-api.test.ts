import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@bpnet/core';
import * as plugin from '@bpnet/core/plugin';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The runtime names of each entry, written out: adding or removing an export must change this list on purpose
 * (types leave no runtime name; `pnpm run docs` checks that every type a public signature names is exported).
 */
const CORE_NAMES = [
  'CHECKPOINT_FORMAT',
  'CHECKPOINT_VERSION',
  'CHECKPOINT_VERSIONS_READ',
  'CheckpointError',
  'DEFAULT_MAX_PARAMETER_VALUES',
  'DEFAULT_MAX_STRUCTURE_VALUES',
  'DivergenceError',
  'EarlyStopping',
  'HISTORY_LIMIT',
  'JsKernels',
  'MODEL_FORMAT',
  'MODEL_VERSION',
  'MODEL_VERSIONS_READ',
  'Matrix',
  'ModelFileError',
  'Network',
  'SeededRandom',
  'SgdOptimizer',
  'TRAINER',
  'UnknownKindError',
  'accuracyOf',
  'argmaxRows',
  'buildNetwork',
  'confusionMatrix',
  'createContainer',
  'jsKernels',
  'loadModel',
  'modelJsonChunks',
  'modelToJson',
  'oneHot',
  'resumeTraining',
  'resumeTrainingAsync',
  'saveModel',
  'seededRandomModule',
  'train',
  'trainAsync',
  'validateNetworkSpec',
];

const PLUGIN_NAMES = [
  'ActivationLayer',
  'INFERENCE_PASS',
  'INITIALIZER_REGISTRATION',
  'KERNELS',
  'LAYER_REGISTRATION',
  'LOSS_REGISTRATION',
  'MAX_LAYER_DEPTH',
  'NETWORK_BUILDER',
  'OPTIMIZER_REGISTRATION',
  'ParameterLimitError',
  'RANDOM_SOURCE',
  'Registry',
  'SlotBuffers',
  'UndoableSlotBuffers',
  'activationRegistration',
  'brief',
  'buildLayer',
  'builtinInitializers',
  'checkLabels',
  'createLayerContext',
  'createParameter',
  'createStateBuffer',
  'describeValue',
  'escapeUnsafe',
  'expectAllFinite',
  'expectFiniteNumber',
  'expectForwardArguments',
  'expectKernelShapes',
  'expectKnownOptions',
  'expectObject',
  'expectOptimizerState',
  'expectPositiveInteger',
  'expectSensitivityFor',
  'initializerModule',
  'layerModule',
  'lossModule',
  'optimizerModule',
  'quoted',
  'randomSourceModule',
  'refusingRandom',
  'reuseMatrix',
  'sameShape',
  'toInputMatrix',
  'toTargetMatrix',
  'trainingPass',
  'withFastPath',
];

describe('the public API', () => {
  it('@bpnet/core exports exactly the names users need', () => {
    expect(Object.keys(core).sort()).toEqual(CORE_NAMES);
  });

  it('@bpnet/core/plugin exports exactly the helpers plug-in authors need', () => {
    expect(Object.keys(plugin).sort()).toEqual(PLUGIN_NAMES);
  });

  it('each name lives in one entry', () => {
    expect(CORE_NAMES.filter((name) => PLUGIN_NAMES.includes(name))).toEqual([]);
  });

  it('the plugin entry resolves to working code', () => {
    // reuseMatrix(undefined, 2, 3) allocates a 2 × 3 zero matrix; given a buffer of that shape, it returns the buffer
    const buffer = plugin.reuseMatrix(undefined, 2, 3);
    expect(buffer).toBeInstanceOf(core.Matrix);
    expect([buffer.rows, buffer.cols, [...buffer.data]]).toEqual([2, 3, [0, 0, 0, 0, 0, 0]]);
    expect(plugin.reuseMatrix(buffer, 2, 3)).toBe(buffer);
    expect(() => plugin.expectPositiveInteger(0, 'units')).toThrow('units must be a positive integer, got number 0');
  });

  it('package.json declares ./plugin like the other subpaths, and tsup builds it', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      exports: Record<string, { source: string; types: string; import: string }>;
    };
    expect(Object.keys(manifest.exports)).toEqual(['.', './plugin', './testing', './node']);
    expect(manifest.exports['./plugin']).toEqual({
      source: './src/plugin/index.ts',
      types: './dist/plugin/index.d.ts',
      import: './dist/plugin/index.js',
      default: './dist/plugin/index.js',
    });
    for (const [subpath, conditions] of Object.entries(manifest.exports)) {
      expect(existsSync(join(packageDir, conditions.source)), `${subpath}: ${conditions.source}`).toBe(true);
    }
    expect(readFileSync(join(packageDir, 'tsup.config.ts'), 'utf8')).toContain("'plugin/index': 'src/plugin/index.ts'");
  });
});
