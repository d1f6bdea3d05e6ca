/**
 * @bpnet/core/plugin: what a plug-in author needs beyond the contract types of `@bpnet/core`. Registrations and
 * the contexts their factories receive, the container tokens and module helpers, the argument checks every
 * built-in plug-in shares, the buffer helpers (`reuseMatrix`, `createParameter`, `createStateBuffer`), activations,
 * optimizer slot buffers, the kernel fast paths and shape checks a backend needs, and the forward passes and
 * layer contexts for driving a layer by hand in tests. Each name lives in one entry: `Layer`, `Matrix`, `Kernels`,
 * `Parameter`, `Optimizer`, … are imported from `@bpnet/core`.
 * @module @bpnet/core/plugin
 * @packageDocumentation
 */

// Registrations and what their factories receive
export type { LayerContext, LayerRegistration, AnyLayerRegistration } from '../contract/layer.js';
export type { LossContext, LossRegistration } from '../contract/loss-layer.js';
export type { Fan, InitializerContext, InitializerRegistration } from '../initializers/initializer.js';
export type { OptimizerRegistration } from '../optimizers/optimizer.js';
export { Registry, type Registration } from '../di/registry.js';
export { builtinInitializers } from '../initializers/builtin-initializers.js';

// The container: tokens and module helpers
export { LAYER_REGISTRATION } from '../contract/layer.js';
export { LOSS_REGISTRATION } from '../contract/loss-layer.js';
export { INITIALIZER_REGISTRATION } from '../initializers/initializer.js';
export { OPTIMIZER_REGISTRATION } from '../optimizers/optimizer.js';
export { KERNELS } from '../kernels/kernels.js';
export { RANDOM_SOURCE } from '../random/random-source.js';
export { NETWORK_BUILDER, type NetworkBuilder, type BuildOptions } from '../network/network-builder.js';
export {
  layerModule,
  lossModule,
  initializerModule,
  optimizerModule,
  randomSourceModule,
} from '../container/container.js';

// Building and driving a layer outside a network
export {
  createLayerContext,
  MAX_LAYER_DEPTH,
  ParameterLimitError,
  type LayerContextServices,
} from '../contract/layer-context.js';
export { buildLayer } from '../contract/build-layer.js';
export { INFERENCE_PASS, trainingPass, refusingRandom } from '../contract/forward-pass.js';

// Argument checks and messages
export { expectPositiveInteger, expectFiniteNumber, expectObject, expectKnownOptions } from '../validation/validate.js';
export { expectForwardArguments, expectSensitivityFor, type LastForward } from '../contract/layer-arguments.js';
export { toInputMatrix, toTargetMatrix, checkLabels, expectAllFinite, type Precision } from '../network/batch-data.js';
export { describeValue } from '../validation/describe-value.js';
export { brief, quoted, escapeUnsafe } from '../validation/brief.js';

// Buffers: outputs, parameters, state
export { reuseMatrix } from '../kernels/reuse-matrix.js';
export { createParameter } from '../contract/parameter.js';
export { createStateBuffer } from '../contract/state-buffer.js';

// Activations
export {
  type Activation,
  type ActivationFunction,
  type ActivationThroughOutput,
  type ActivationThroughInput,
  ActivationLayer,
  activationRegistration,
} from '../contract/activation-layer.js';

// Optimizers
export { SlotBuffers, expectOptimizerState, type OptimizerConfig } from '../optimizers/slot-state.js';
export { UndoableSlotBuffers } from '../optimizers/undoable-slot-buffers.js';

// Kernel backends
export type { KernelFastPaths, StandardActivation } from '../kernels/kernels.js';
export { type FastPathArguments, type FastPathName, withFastPath } from '../kernels/fast-path.js';
export { expectKernelShapes, sameShape } from '../kernels/kernel-shapes.js';
