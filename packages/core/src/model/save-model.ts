import type { Network } from '../network/network.js';
import { modelJsonChunks } from './model-json-chunks.js';
import { MODEL_FORMAT, MODEL_VERSION, type ModelFile } from './model-file.js';
import { saveParameters, saveState } from './saved-parameters.js';

/**
 * The network as a {@link ModelFile}: its spec, the packages of its kinds, every parameter's and state buffer's values.
 */
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

/**
 * The network's {@link ModelFile} as JSON text (`JSON.stringify(saveModel(network))`, built piece by piece without
 * the object tree).
 * @throws Error when the text is longer than one string of this JavaScript engine can hold (in V8, 2^29 − 24
 *   characters: about 25 million values); `saveModelFile` from `@bpnet/core/node` streams a model of any size.
 */
export function modelToJson(network: Network): string {
  let text = '';
  for (const chunk of modelJsonChunks(network)) {
    try {
      text += chunk;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new Error(
        `Model: its JSON text is over ${text.length} characters, more than one string can hold here; ` +
          `save it with saveModelFile from '@bpnet/core/node', which writes it in pieces`,
        { cause: error },
      );
    }
  }
  return text;
}
