import { brainRunner } from './brain-runner.js';
import { bpnetRunners } from './bpnet-runners.js';
import { numpyRunner } from './numpy-runner.js';
import type { Runner } from './runner.js';
import { tfjsRunner } from './tfjs-runner.js';

/** Every runner of the benchmark, in table order (the numpy ones are new instances that remember numpy's version). */
export function allRunners(): { runners: Runner[]; numpyVersion: () => string | undefined } {
  const numpy = [
    numpyRunner(true, 'float64'),
    numpyRunner(false, 'float64'),
    numpyRunner(true, 'float32'),
    numpyRunner(false, 'float32'),
  ];
  return {
    runners: [...bpnetRunners, ...numpy, tfjsRunner('cpu'), tfjsRunner('wasm'), brainRunner],
    numpyVersion: () => numpy.find((runner) => runner.lastVersion !== undefined)?.lastVersion,
  };
}
