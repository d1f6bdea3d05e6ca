// Consumer smoke check (d), the page: bundled by browser-check.mjs with esbuild (platform browser) from the installed
// packages, it builds the three-layer network on the WebAssembly kernels of @bpnet/wasm, trains it on XOR in the
// page and leaves what happened in `window.bpnetResult` for the headless browser to read.
import { buildNetwork, createContainer, seededRandomModule, train } from '@bpnet/core';
import { denseModule } from '@bpnet/dense';
import { sigmoidModule } from '@bpnet/sigmoid';
import { squaredErrorModule } from '@bpnet/squared-error';
import { WasmKernels, wasmKernelsModule } from '@bpnet/wasm';

try {
  const X = [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ];
  const labels = [0, 1, 1, 0];
  const container = createContainer(
    denseModule,
    sigmoidModule,
    squaredErrorModule,
    wasmKernelsModule,
    seededRandomModule(0),
  );
  const network = buildNetwork(container, {
    inputSize: 2,
    layers: [{ kind: 'dense', units: 4 }, { kind: 'sigmoid' }, { kind: 'dense', units: 2 }, { kind: 'sigmoid' }],
    loss: { kind: 'squared-error' },
  });
  const history = train(network, X, labels, { learningRate: 5, iterations: 5000, batchSize: 4, seed: 1 });
  window.bpnetResult = {
    wasm: network.kernels instanceof WasmKernels,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    loss: history.loss,
    predictions: network.predict(X),
    labels,
  };
} catch (error) {
  window.bpnetResult = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
