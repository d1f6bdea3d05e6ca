import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { SeededRandom } from '@bpnet/core';
import { BatchDrawer, gaussianMatrix } from '../batch-schedule.js';
import type { Workload } from '../workloads.js';
import type { Session } from './runner.js';

export type Tf = typeof import('@tensorflow/tfjs');

/**
 * Loads TF.js and switches it to `backend` ('cpu', or 'wasm' from @tensorflow/tfjs-backend-wasm, whose .wasm files
 * are loaded from the package's dist folder). Rejects when the package is missing or the backend cannot start.
 */
export async function loadTf(backend: 'cpu' | 'wasm'): Promise<Tf> {
  const tf = await import('@tensorflow/tfjs');
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const main = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${dirname(main)}/`);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
  await tf.ready();
  return tf;
}

/**
 * The algorithm of docs/derivation.md in TF.js ops (float32, TF.js has no float64): tf.variable weights, the loss
 * Σ(t − z)² / (2B) and tf.train.sgd's update w −= η ∂J/∂w from autodiff. Batches come from {@link BatchDrawer}
 * and are gathered on the backend; the loss is read back every iteration (as bpnet returns it).
 */
export function tfSession(tf: Tf, workload: Workload, seed: number): Session {
  const { rows, cols, hidden, outputs, batchSize } = workload;
  const random = new SeededRandom(seed);
  const X = tf.tensor2d(Float32Array.from(workload.inputs), [rows, cols]);
  const T = tf.tidy(() => tf.oneHot(tf.tensor1d(workload.labels, 'int32'), outputs).toFloat());
  const W1 = tf.variable(
    tf.tensor2d(Float32Array.from(gaussianMatrix(cols, hidden, workload.weightStd(cols), random)), [cols, hidden]),
  );
  const b1 = tf.variable(tf.zeros([hidden]));
  const W2 = tf.variable(
    tf.tensor2d(Float32Array.from(gaussianMatrix(hidden, outputs, workload.weightStd(hidden), random)), [
      hidden,
      outputs,
    ]),
  );
  const b2 = tf.variable(tf.zeros([outputs]));
  const optimizer = tf.train.sgd(workload.learningRate);
  const drawer = new BatchDrawer(rows, batchSize, seed + 1);
  return {
    run() {
      const losses: number[] = [];
      for (let i = 0; i < workload.iterations; i++) {
        const indices = tf.tensor1d(drawer.next(), 'int32');
        const cost = optimizer.minimize(() => {
          const xb = tf.gather(X, indices);
          const tb = tf.gather(T, indices);
          const yj = tf.sigmoid(tf.add(tf.matMul(xb, W1), b1));
          const z = tf.sigmoid(tf.add(tf.matMul(yj, W2), b2));
          return tf.div(tf.sum(tf.square(tf.sub(tb, z))), 2 * batchSize);
        }, true);
        losses.push(cost === null ? NaN : cost.dataSync()[0]);
        cost?.dispose();
        indices.dispose();
      }
      return losses;
    },
    dispose() {
      for (const tensor of [X, T, W1, b1, W2, b2]) tensor.dispose();
      optimizer.dispose();
    },
  };
}
