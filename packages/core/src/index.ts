/**
 * @bpnet/core: the layer contract, matrices and kernels, the sequential network, the trainer and the dependency
 * injection that lets any package add layer kinds.
 * @packageDocumentation
 */
export { Matrix, describeValue, type FloatArray } from './kernels/matrix.js';
export type { Kernels, StandardActivation } from './kernels/kernels.js';
export { JsKernels, jsKernels } from './kernels/js-kernels.js';
export { expectKernelShapes, sameShape } from './kernels/kernel-shapes.js';
export type { RandomSource, RandomSourceState } from './random/random-source.js';
export { SeededRandom, expectSeed } from './random/seeded-random.js';
export { type Parameter, createParameter } from './contract/parameter.js';
export { type StateBuffer, createStateBuffer } from './contract/state-buffer.js';
export { expectForwardArguments, expectSensitivityFor, type LastForward } from './contract/layer-arguments.js';
export type { Layer, LayerSpec, LayerContext, LayerRegistration, AnyLayerRegistration, Fan, Phase, ForwardPass, ChildLayer } from './contract/layer.js';
export { describeLayerTree, type LayerTree, type NamedParameter, type NamedState } from './contract/layer-tree.js';
export { INFERENCE_PASS, trainingPass, refusingRandom } from './contract/forward-pass.js';
export type { LossLayer, LossSpec, LossContext, LossRegistration } from './contract/loss-layer.js';
export type { InitializerSpec, InitializerContext, InitializerRegistration } from './initializers/initializer.js';
export {
  gaussianInitializer,
  zerosInitializer,
  constantInitializer,
  xavierInitializer,
  heInitializer,
  builtinInitializers,
} from './initializers/builtin-initializers.js';
export { Registry, UnknownKindError, type Registration } from './di/registry.js';
export {
  LAYER_REGISTRATION,
  LOSS_REGISTRATION,
  INITIALIZER_REGISTRATION,
  KERNELS,
  RANDOM_SOURCE,
  NETWORK_BUILDER,
  TRAINER,
  OPTIMIZER_REGISTRATION,
} from './di/tokens.js';
export { coreModule, createContainer, seededRandomModule, randomSourceModule, layerModule, lossModule, initializerModule, optimizerModule } from './di/container.js';
export { type NetworkSpec, validateNetworkSpec } from './network/network-spec.js';
export { Network } from './network/network.js';
export { createLayerContext, LayerFactory, MAX_LAYER_DEPTH, type LayerContextServices } from './contract/layer-context.js';
export { NetworkBuilder, type NetworkBuilderServices, type BuildOptions } from './network/network-builder.js';
export { buildNetwork } from './di/build-network.js';
export {
  type InputData,
  type TargetData,
  toInputMatrix,
  toTargetMatrix,
  checkLabels,
  oneHot,
  argmaxRows,
  expectAllFinite,
} from './network/batch-data.js';
export type { Optimizer, OptimizerSpec, OptimizerState, OptimizerRegistration } from './optimizers/optimizer.js';
export { SgdOptimizer, sgdRegistration } from './optimizers/sgd-optimizer.js';
export { SlotBuffers, expectOptimizerState, type OptimizerConfig } from './optimizers/slot-state.js';
export { UndoableSlotBuffers } from './optimizers/undoable-slot-buffers.js';
export { DivergenceError } from './training/divergence-error.js';
export { CheckpointError } from './training/checkpoint/checkpoint-error.js';
export type { Sampling, TrainOptions, TrainingProgress, TrainingHistory } from './training/training-options.js';
export { Trainer, train, trainAsync, accuracyOf } from './training/trainer.js';
export { EarlyStopping, keptValues, type KeptValues, type EarlyStoppingOptions, type EarlyStoppingState } from './training/early-stopping.js';
export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, CHECKPOINT_VERSIONS_READ, type TrainingCheckpoint } from './training/checkpoint/training-checkpoint.js';
export { dataFingerprint } from './training/data-fingerprint.js';
export { type BatchSampler, type SamplerState, createBatchSampler } from './training/batch-sampler.js';
export { reuseMatrix } from './kernels/reuse-matrix.js';
export { type Activation, type ActivationFunction, type ActivationThroughOutput, type ActivationThroughInput, ActivationLayer, activationRegistration } from './contract/activation-layer.js';
export { expectPositiveInteger, expectFiniteNumber, expectObject, expectKnownOptions } from './contract/validate.js';
export type { Container, ContainerModule } from 'inversify';
export * from './model/index.js';
export { confusionMatrix, formatConfusionMatrix } from './network/confusion-matrix.js';
export { resumeTraining, resumeTrainingAsync } from './training/checkpoint/resume-training.js';
