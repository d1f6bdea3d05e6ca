import { errorMessage, measureSession } from '../measure.js';
import type { Runner } from './runner.js';
import { loadTf, type Tf, tfSession } from './tfjs-session.js';

/** TF.js 4.22 on one backend: 'cpu' (pure JavaScript) or 'wasm' (@tensorflow/tfjs-backend-wasm, XNNPACK); float32. */
export function tfjsRunner(backend: 'cpu' | 'wasm'): Runner {
  const packageName = backend === 'cpu' ? '@tensorflow/tfjs cpu backend' : '@tensorflow/tfjs-backend-wasm';
  return {
    name: `tfjs-${backend}`,
    precision: 'float32',
    note: 'TF.js computes in float32; gradients by tf autodiff, update by tf.train.sgd',
    async measure(workload, plan) {
      let tf: Tf;
      try {
        tf = await loadTf(backend);
      } catch (error) {
        return { skipped: `${packageName} unavailable: ${errorMessage(error)}` };
      }
      return measureSession(tfSession(tf, workload, 7), plan);
    },
  };
}
