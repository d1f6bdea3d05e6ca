import type { Runner } from './runner.js';
import { bpnetSession, measureBpnet } from './bpnet-session.js';

/** bpnet with core's default JavaScript kernels. */
export const bpnetJsRunner: Runner = {
  name: 'bpnet-js',
  precision: 'float64',
  measure: (workload, plan) => measureBpnet(bpnetSession(workload, 7), plan),
};
