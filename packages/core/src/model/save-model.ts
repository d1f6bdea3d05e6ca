import type { Network } from '../network.js';
import { MODEL_FORMAT, MODEL_VERSION, type ModelFile } from './model-file.js';
import { saveParameters, saveState } from './saved-parameters.js';

/** The network as a {@link ModelFile}: its spec, the packages of its kinds, every parameter's and state buffer's values. */
export function saveModel(network: Network): ModelFile {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    spec: structuredClone(network.spec),
    modules: { ...network.kindModules },
    parameters: saveParameters(network.namedParameters()),
    state: saveState(network.namedState()),
  };
}

/** The network's {@link ModelFile} as JSON text. */
export function modelToJson(network: Network): string {
  return JSON.stringify(saveModel(network));
}
