// Consumer smoke check (c), with all-entries.ts (which run.mjs writes: one namespace import of every entry of every
// installed @bpnet package): `tsc --noEmit` under node16 and under bundler resolution, strict, with skipLibCheck
// off, so every published .d.ts is checked as a consumer's compiler sees it. Never run, only type-checked.
import {
  buildNetwork,
  createContainer,
  type Matrix,
  type Network,
  type NetworkSpec,
  seededRandomModule,
  type TrainingHistory,
  train,
} from '@bpnet/core';
import { loadModelFile, saveModelFile } from '@bpnet/core/node';
import { expectPositiveInteger } from '@bpnet/core/plugin';
import { checkLayerConformance } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { WasmKernels, wasmKernelsModule } from '@bpnet/wasm';
import { threadedWasmKernelsModule } from '@bpnet/wasm/node';

const spec: NetworkSpec = {
  inputSize: 2,
  layers: [{ kind: 'dense', units: 4 }, { kind: 'sigmoid' }, { kind: 'dense', units: 2 }, { kind: 'sigmoid' }],
  loss: { kind: 'squared-error' },
};
const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
const labels = [0, 1, 1, 0];

/** Trains the three-layer network on XOR with the WebAssembly kernels, saves it to `path` and loads it back. */
export function trainSaveLoad(path: string): { last: number | undefined; outputs: Matrix; wasm: boolean } {
  const modules = [denseModule, sigmoidModule, squaredErrorModule, wasmKernelsModule];
  const network: Network = buildNetwork(createContainer(...modules, seededRandomModule(0)), spec);
  const history: TrainingHistory = train(network, X, labels, { learningRate: 5, iterations: 500, batchSize: 4 });
  saveModelFile(network, path);
  const loaded: Network = loadModelFile(createContainer(...modules), path);
  return { last: history.loss.at(-1), outputs: loaded.forward(X), wasm: loaded.kernels instanceof WasmKernels };
}

/** Threads for the products (Node only); the types must accept a worker count. */
export const threaded = threadedWasmKernelsModule;
export const helpers = { expectPositiveInteger, checkLayerConformance };

// The types are real, not `any`: each of these must be an error.
// @ts-expect-error a learning rate is a number
train(buildNetwork(createContainer(denseModule), spec), X, labels, { learningRate: 'fast' });
// @ts-expect-error a spec needs its input size
export const incomplete: NetworkSpec = { layers: [], loss: { kind: 'squared-error' } };
