import {
  buildNetwork,
  type ContainerModule,
  createContainer,
  Matrix,
  type Network,
  SeededRandom,
  seededRandomModule,
  TRAINER,
} from '@bpnet/core';
import { KERNELS } from '@bpnet/core/plugin';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import type { Workload } from '../workloads.js';
import { measureSession, median } from '../measure.js';
import type { Measurement, MeasurePlan, Session } from './runner.js';

/** A bpnet session; `train(n)` runs n iterations in one train() call. */
export interface BpnetSession extends Session {
  readonly network: Network;
  train(iterations: number): number[];
}

/**
 * A bpnet training session on `workload` with the container's kernels (core's JS kernels, or those of `kernelsModule`):
 * the three-layer network of docs/derivation.md, trained by the container's TRAINER with sampling 'random-batch'. Each
 * `run()` continues training the same network for `workload.iterations` iterations, drawing batches from one seeded
 * stream. In float32 the data set is converted to float32 once, before any timing, as numpy's float32 runner does.
 */
export function bpnetSession(
  workload: Workload,
  seed: number,
  kernelsModule?: ContainerModule,
  precision: 'float64' | 'float32' = 'float64',
): BpnetSession {
  const modules = [denseModule, sigmoidModule, squaredErrorModule, seededRandomModule(seed)];
  if (kernelsModule !== undefined) modules.push(kernelsModule);
  const container = createContainer(...modules);
  const std = workload.weightStd(workload.cols);
  const network = buildNetwork(container, {
    inputSize: workload.cols,
    layers: [
      { kind: 'dense', units: workload.hidden, weightInitializer: { kind: 'gaussian', std } },
      { kind: 'sigmoid' },
      {
        kind: 'dense',
        units: workload.outputs,
        weightInitializer: { kind: 'gaussian', std: workload.weightStd(workload.hidden) },
      },
      { kind: 'sigmoid' },
    ],
    loss: { kind: 'squared-error' },
  });
  const trainer = container.get(TRAINER);
  const inputs = new Matrix(
    workload.rows,
    workload.cols,
    precision === 'float32' ? Float32Array.from(workload.inputs) : workload.inputs,
  );
  const random = new SeededRandom(seed + 1);
  const train = (iterations: number) =>
    trainer.train(network, inputs, workload.labels, {
      learningRate: workload.learningRate,
      iterations,
      batchSize: workload.batchSize,
      sampling: 'random-batch',
      random,
    }).loss;
  // Threaded kernels stop their helper threads when the session ends, so they do not compete with the next runner.
  const kernels = container.get(KERNELS) as { close?: () => void };
  return { network, run: () => train(workload.iterations), train, dispose: () => kernels.close?.() };
}

/**
 * Measures `plan` on the session, plus the fixed cost of one train() call (its checks of the whole data set,
 * fingerprint and batch setup): the median time of 3 one-iteration calls, reported as `extra.trainCallSeconds`.
 */
export async function measureBpnet(session: BpnetSession, plan: MeasurePlan): Promise<Measurement> {
  const measurement = await measureSession(session, plan);
  const calls: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    session.train(1);
    calls.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { ...measurement, extra: { trainCallSeconds: median(calls) } };
}
