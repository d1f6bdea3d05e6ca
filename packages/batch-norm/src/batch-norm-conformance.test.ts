import { assertConformance, checkLayerConformance } from '@bpnet/core/testing';
import { WasmKernels } from '@bpnet/wasm';
import { expect, it } from 'vitest';
import { batchNormRegistration } from './batch-norm-layer.js';

// Per phase run: 3 gradient comparisons (input, scale, shift) and 7 checks: 'backward keeps its arguments', one of
// 'batch equals sum of samples' (inference) or 'batch rows permute' (training: the layer couples samples),
// 'forward is deterministic', 'backward adds into gradients', 'state changes only in a training forward',
// 'save and load', 'backwardParameters matches backward' — 10 in all.
// Per config × input size: batch 1 runs 'state is not trainable', 'a batch of one in training' (instead of the
// training checks: a layer that couples samples must give a finite output or throw with its state unchanged) and
// inference: 1 + 1 + 10; batch 5 runs both phases: 1 + 2 · 10. Sum 33.
// Settings: 2 example configs × 2 input sizes (1, 4).
const EXPECTED_CHECKS = 2 * 2 * (1 + 1 + 10 + (1 + 2 * 10));

it('batch-norm passes the conformance kit on its example configs', () => {
  expect(batchNormRegistration.examples).toEqual([
    { kind: 'batch-norm' },
    { kind: 'batch-norm', momentum: 0.5, epsilon: 1e-3 },
  ]);
  const report = checkLayerConformance(batchNormRegistration);
  assertConformance(report);
  expect(report.checks).toBe(EXPECTED_CHECKS);
});

it('batch-norm passes the conformance kit with the wasm kernels in float64', () => {
  const report = checkLayerConformance(batchNormRegistration, { kernels: new WasmKernels() });
  assertConformance(report);
  expect(report.checks).toBe(EXPECTED_CHECKS);
});

it('batch-norm passes the conformance kit on batches of 2 and 3 as well', () => {
  // N = 2 is the smallest training batch: x̂ = ±σ/√(σ² + ε) whatever the input. Per input size: batch 2 and batch 3
  // each run 1 + 2 · 10 checks.
  const report = checkLayerConformance(batchNormRegistration, { batchSizes: [2, 3] });
  assertConformance(report);
  expect(report.checks).toBe(2 * 2 * 2 * (1 + 2 * 10));
});
