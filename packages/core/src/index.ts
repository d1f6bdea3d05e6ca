/**
 * @bpnet/core: the layer contract, matrices and kernels, the sequential network, the trainer and the dependency
 * injection that lets any package add layer kinds.
 * @packageDocumentation
 */
export { Matrix, describeValue, type FloatArray } from './matrix.js';
export type { Kernels, StandardActivation } from './kernels.js';
export { JsKernels, jsKernels } from './js-kernels.js';
export { expectKernelShapes, sameShape } from './kernel-shapes.js';
export type { RandomSource, RandomSourceState } from './random-source.js';
export { SeededRandom, expectSeed } from './seeded-random.js';
export { type Parameter, createParameter } from './parameter.js';
export { type StateBuffer, createStateBuffer } from './state-buffer.js';
export { expectForwardArguments, expectSensitivityFor, type LastForward } from './layer-arguments.js';
export type { Layer, LayerSpec, LayerContext, LayerRegistration, AnyLayerRegistration, Fan, Phase, ForwardPass, ChildLayer } from './layer.js';
export { describeLayerTree, type LayerTree, type NamedParameter, type NamedState } from './layer-tree.js';
export { INFERENCE_PASS, trainingPass, refusingRandom } from './forward-pass.js';
export type { LossLayer, LossSpec, LossContext, LossRegistration } from './loss-layer.js';
export type { InitializerSpec, InitializerContext, InitializerRegistration } from './initializers/initializer.js';
export {
  gaussianInitializer,
  zerosInitializer,
  constantInitializer,
  xavierInitializer,
  heInitializer,
  builtinInitializers,
} from './initializers/builtin-initializers.js';
export { Registry, UnknownKindError, type Registration } from './registry.js';
export {
  LAYER_REGISTRATION,
  LOSS_REGISTRATION,
  INITIALIZER_REGISTRATION,
  KERNELS,
  RANDOM_SOURCE,
  NETWORK_BUILDER,
  TRAINER,
  OPTIMIZER_REGISTRATION,
} from './tokens.js';
export { coreModule, createContainer, seededRandomModule, randomSourceModule, layerModule, lossModule, initializerModule, optimizerModule } from './container.js';
export { type NetworkSpec, validateNetworkSpec } from './network-spec.js';
export { Network } from './network.js';
export { createLayerContext, LayerFactory, MAX_LAYER_DEPTH, type LayerContextServices } from './layer-context.js';
export { NetworkBuilder, type NetworkBuilderServices, type BuildOptions, buildNetwork } from './network-builder.js';
export {
  type InputData,
  type TargetData,
  toInputMatrix,
  toTargetMatrix,
  checkLabels,
  oneHot,
  argmaxRows,
  expectAllFinite,
} from './batch-data.js';
export type { Optimizer, OptimizerSpec, OptimizerState, OptimizerRegistration } from './optimizers/optimizer.js';
export { SgdOptimizer, sgdRegistration } from './optimizers/sgd-optimizer.js';
export { SlotBuffers, expectOptimizerState, type OptimizerConfig } from './optimizers/slot-state.js';
export { UndoableSlotBuffers } from './optimizers/undoable-slot-buffers.js';
export { DivergenceError } from './divergence-error.js';
export { CheckpointError } from './checkpoint-error.js';
export type { Sampling, TrainOptions, TrainingProgress, TrainingHistory } from './training-options.js';
export { Trainer, train, trainAsync, accuracyOf } from './trainer.js';
export { EarlyStopping, keptValues, type KeptValues, type EarlyStoppingOptions, type EarlyStoppingState } from './early-stopping.js';
export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, CHECKPOINT_VERSIONS_READ, type TrainingCheckpoint } from './training-checkpoint.js';
export { dataFingerprint } from './data-fingerprint.js';
export { type BatchSampler, type SamplerState, createBatchSampler } from './batch-sampler.js';
export { reuseMatrix } from './reuse-matrix.js';
export { type Activation, type ActivationFunction, type ActivationThroughOutput, type ActivationThroughInput, ActivationLayer, activationRegistration } from './activation-layer.js';
export { expectPositiveInteger, expectFiniteNumber, expectObject, expectKnownOptions } from './validate.js';
export type { Container, ContainerModule } from 'inversify';
export * from './model/index.js';
export { confusionMatrix, formatConfusionMatrix } from './confusion-matrix.js';
export { resumeTraining, resumeTrainingAsync } from './resume-training.js';
