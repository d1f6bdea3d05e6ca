import type { Network } from '../network/network.js';
import { MODEL_FORMAT, MODEL_VERSION } from './model-file.js';
import type { PathValue } from './saved-parameters.js';

/** How many values one chunk of {@link modelJsonChunks} holds at most: about 1.5 MB of text. */
const VALUES_PER_CHUNK = 65_536;

/**
 * The network's model file as JSON text, in pieces of at most about 1.5 MB whose concatenation is exactly
 * `JSON.stringify(saveModel(network))`: a model of any size can be written piece by piece without ever being one
 * string or one object tree. The values are read as the pieces are produced, so write them before changing the network.
 */
export function* modelJsonChunks(network: Network): Generator<string, void, undefined> {
  const header = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    spec: network.spec,
    modules: network.kindModules,
  };
  yield JSON.stringify(header).slice(0, -1);
  yield* savedListChunks(
    ',"parameters":',
    network.namedParameters().map(({ path, parameter }) => ({ path, value: parameter.value })),
  );
  yield* savedListChunks(
    ',"state":',
    network.namedState().map(({ path, state }) => ({ path, value: state.value })),
  );
  yield '}';
}

/** `prefix`, then the entries as a JSON array of `{ path, rows, cols, values }` (see `saveValues`), in pieces. */
function* savedListChunks(prefix: string, entries: readonly PathValue[]): Generator<string, void, undefined> {
  yield `${prefix}[`;
  for (const [index, { path, value }] of entries.entries()) {
    yield `${index === 0 ? '' : ','}{"path":${JSON.stringify(path)},` +
      `"rows":${value.rows},"cols":${value.cols},"values":[`;
    const data = value.data;
    for (let start = 0; start < data.length; start += VALUES_PER_CHUNK) {
      // JSON.stringify of a plain array writes each number as JSON.stringify(saveModel(network)) does, and fast.
      const numbers = JSON.stringify(Array.from(data.subarray(start, start + VALUES_PER_CHUNK))).slice(1, -1);
      yield start === 0 ? numbers : `,${numbers}`;
    }
    yield ']}';
  }
  yield ']';
}
