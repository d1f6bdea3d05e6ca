import { brainRunner } from './brain-runner.js';
import { bpnetJsRunner } from './bpnet-js-runner.js';
import { bpnetWasmRunner } from './bpnet-wasm-runner.js';
import { numpyRunner } from './numpy-runner.js';
import type { Runner } from './runner.js';
import { tfjsRunner } from './tfjs-runner.js';

/** Every runner of the benchmark, in table order (the numpy ones are new instances that remember numpy's version). */
export function allRunners(): { runners: Runner[]; numpyVersion: () => string | undefined } {
  const numpySingle = numpyRunner(true);
  const numpyDefault = numpyRunner(false);
  return {
    runners: [bpnetJsRunner, bpnetWasmRunner, numpySingle, numpyDefault, tfjsRunner('cpu'), tfjsRunner('wasm'), brainRunner],
    numpyVersion: () => numpySingle.lastVersion ?? numpyDefault.lastVersion,
  };
}
