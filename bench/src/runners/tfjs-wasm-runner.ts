import { errorMessage, measureSession } from '../measure.js';
import type { Runner } from './runner.js';
import { loadTf, tfSession } from './tfjs-session.js';

/** TF.js 4.22 with @tensorflow/tfjs-backend-wasm (XNNPACK, float32). */
export const tfjsWasmRunner: Runner = {
  name: 'tfjs-wasm',
  precision: 'float32',
  note: 'TF.js computes in float32; gradients by tf autodiff, update by tf.train.sgd',
  async measure(workload, plan) {
    let tf;
    try {
      tf = await loadTf('wasm');
    } catch (error) {
      return { skipped: `@tensorflow/tfjs-backend-wasm unavailable: ${errorMessage(error)}` };
    }
    return measureSession(tfSession(tf, workload, 7), plan);
  },
};
