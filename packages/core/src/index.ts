/**
 * @bpnet/core: build, train, save, load and run networks of composable layers, and the contract types their parts
 * keep (`Layer`, `LossLayer`, `Optimizer`, `Matrix`, `Kernels`, …). What only plug-in authors need (registrations,
 * layer contexts, argument checks, buffer helpers, the container tokens) is in `@bpnet/core/plugin`; files on disk
 * are in `@bpnet/core/node`, the conformance kit in `@bpnet/core/testing`.
 * @module @bpnet/core
 * @packageDocumentation
 */

// Matrices, kernels and random numbers
export { Matrix, type FloatArray } from './kernels/matrix.js';
export type { Kernels } from './kernels/kernels.js';
export { JsKernels, jsKernels } from './kernels/js-kernels.js';
export type { RandomSource, RandomSourceState } from './random/random-source.js';
export { SeededRandom } from './random/seeded-random.js';

// The contract types a network is made of
export type { Layer, LayerSpec, Phase, ForwardPass, ChildLayer } from './contract/layer.js';
export type { Parameter } from './contract/parameter.js';
export type { StateBuffer } from './contract/state-buffer.js';
export type { LayerTree, NamedParameter, NamedState } from './contract/layer-tree.js';
export type { LossLayer, LossSpec } from './contract/loss-layer.js';
export type { InitializerSpec } from './initializers/initializer.js';
export type { Optimizer, OptimizerSpec, OptimizerState } from './optimizers/optimizer.js';
export { SgdOptimizer } from './optimizers/sgd-optimizer.js';

// Containers and networks
export type { ContainerModule } from 'inversify';
export type { BpnetContainer, ServiceToken } from './di/bpnet-container.js';
export { createContainer, seededRandomModule } from './container/container.js';
export { TRAINER } from './training/trainer.js';
export { UnknownKindError } from './di/registry.js';
export { type NetworkSpec, validateNetworkSpec } from './network/network-spec.js';
export { Network } from './network/network.js';
export { buildNetwork } from './container/build-network.js';
export { type InputData, type TargetData, oneHot, argmaxRows } from './network/batch-data.js';

// Training and checkpoints
export { DivergenceError } from './training/divergence-error.js';
export { CheckpointError } from './training/checkpoint/checkpoint-error.js';
export type { Sampling, TrainOptions, TrainingProgress, TrainingHistory } from './training/training-options.js';
export { type Trainer, train, trainAsync, accuracyOf } from './training/trainer.js';
export {
  EarlyStopping,
  type EarlyStoppingOptions,
  type EarlyStoppingState,
  type KeptValues,
} from './training/early-stopping.js';
export { HISTORY_LIMIT, type SavedSeries } from './training/history-series.js';
export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  CHECKPOINT_VERSIONS_READ,
  type CheckpointSeries,
  type TrainingCheckpoint,
} from './training/checkpoint/training-checkpoint.js';
export type { EncodedNumber } from './training/checkpoint/non-finite-json.js';
export type { SamplerState } from './training/batch-sampler.js';
export { resumeTraining, resumeTrainingAsync } from './training/checkpoint/resume-training.js';

// Model files
export {
  MODEL_FORMAT,
  MODEL_VERSION,
  MODEL_VERSIONS_READ,
  type ModelFile,
  type SavedParameter,
  type SavedState,
} from './model/model-file.js';
export { saveModel, modelToJson } from './model/save-model.js';
export { modelJsonChunks } from './model/model-json-chunks.js';
export { loadModel, type ModelLimits } from './model/load-model.js';
export { DEFAULT_MAX_PARAMETER_VALUES, DEFAULT_MAX_STRUCTURE_VALUES } from './model/model-limits.js';
export { ModelFileError } from './model/model-file-error.js';

// Evaluation
export { confusionMatrix } from './network/confusion-matrix.js';
