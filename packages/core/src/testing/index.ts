/**
 * @bpnet/core/testing: the conformance kit for layers, losses, optimizers, initializers and whole containers, and
 * the finite-difference gradient checks it is made of, usable from any test runner.
 * @module @bpnet/core/testing
 * @packageDocumentation
 */
export {
  checkLayerGradients,
  checkLossGradients,
  checkNetworkGradients,
  type GradientCheckOptions,
} from './gradient-check.js';
export { centralDifferences } from './central-differences.js';
export {
  compareGradients,
  assertGradientsMatch,
  describeFailure,
  type GradientComparison,
  type Tolerances,
  type WorstElement,
} from './compare-gradients.js';
export { randomMatrix, randomMatrixAwayFromZero } from './random-matrix.js';
export { fixedPass, StateSnapshot, DEFAULT_DRAW_SEED } from './fixed-passes.js';
export { checkLayerConformance, type LayerConformanceOptions } from './conformance/layer-conformance.js';
export { checkLossConformance, type LossConformanceOptions } from './conformance/loss-conformance.js';
export { checkContainerConformance, type ContainerConformanceOptions } from './conformance/container-conformance.js';
export {
  checkOptimizerConformance,
  type OptimizerConformanceOptions,
  type ReferenceUpdate,
} from './conformance/optimizer-conformance.js';
export {
  checkInitializerConformance,
  type InitializerConformanceOptions,
  type ExpectedMoments,
  type Shape,
} from './conformance/initializer-conformance.js';
export {
  assertConformance,
  type ConformanceFailure,
  type ConformanceReport,
} from './conformance/conformance-report.js';
