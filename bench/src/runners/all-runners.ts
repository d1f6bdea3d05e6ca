import { brainRunner } from './brain-runner.js';
import { bpnetJsRunner } from './bpnet-js-runner.js';
import { bpnetWasmRunner } from './bpnet-wasm-runner.js';
import { numpyRunner } from './numpy-runner.js';
import type { Runner } from './runner.js';
import { tfjsCpuRunner } from './tfjs-cpu-runner.js';
import { tfjsWasmRunner } from './tfjs-wasm-runner.js';

/** Every runner of the benchmark, in table order (the numpy ones are new instances that remember numpy's version). */
export function allRunners(): { runners: Runner[]; numpyVersion: () => string | undefined } {
  const numpySingle = numpyRunner(true);
  const numpyDefault = numpyRunner(false);
  return {
    runners: [bpnetJsRunner, bpnetWasmRunner, numpySingle, numpyDefault, tfjsCpuRunner, tfjsWasmRunner, brainRunner],
    numpyVersion: () => numpySingle.lastVersion ?? numpyDefault.lastVersion,
  };
}
