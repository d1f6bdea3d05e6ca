import { errorMessage, measureSession } from '../measure.js';
import type { Runner } from './runner.js';
import { loadTf, tfSession } from './tfjs-session.js';

/** TF.js 4.22 with its pure-JavaScript 'cpu' backend (float32). */
export const tfjsCpuRunner: Runner = {
  name: 'tfjs-cpu',
  precision: 'float32',
  note: 'TF.js computes in float32; gradients by tf autodiff, update by tf.train.sgd',
  async measure(workload, plan) {
    let tf;
    try {
      tf = await loadTf('cpu');
    } catch (error) {
      return { skipped: `@tensorflow/tfjs cpu backend unavailable: ${errorMessage(error)}` };
    }
    return measureSession(tfSession(tf, workload, 7), plan);
  },
};
