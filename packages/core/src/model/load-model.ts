import type { Container } from 'inversify';
import type { LayerSpec } from '../layer.js';
import type { Network } from '../network.js';
import { validateNetworkSpec } from '../network-spec.js';
import { UnknownKindError } from '../registry.js';
import { NETWORK_BUILDER } from '../tokens.js';
import { expectObject } from '../validate.js';
import { brief } from './brief.js';
import { MODEL_FORMAT, MODEL_VERSIONS_READ } from './model-file.js';
import { asModelFileError } from './model-file-error.js';
import { restoreNetworkValues } from './restore-network-values.js';
import { expectNoForbiddenKeys, parseUntrustedJson } from './safe-json.js';

/** Bounds on what a model file may ask for. */
export interface ModelLimits {
  /** Longest JSON text accepted, in characters; default 1 GiB. */
  readonly maxLength?: number;
  /** Most parameter values (weights and biases, all layers) a spec may allocate; default 50 million. */
  readonly maxParameterValues?: number;
}

const FIELDS = ['format', 'version', 'spec', 'modules', 'parameters', 'state'];

/**
 * Rebuilds a saved network through the container's registries and restores its parameters and state. The result
 * predicts exactly as the saved network did. Nothing is returned unless the whole file checks out: format and
 * version (1 or 2), plain-object keys, every kind registered (nested ones too), sizes within `limits`, every
 * parameter and state buffer present with its shape and finite values.
 *
 * Loading runs no initializer (the saved values replace them, so their modules need not be loaded) and draws
 * nothing for initial values; a network with stochastic layers seeds its forward-pass source (`network.random`)
 * with one draw from the container's random source (the first one, since nothing else is drawn: a loaded network's
 * dropout masks are not the saved network's; a checkpoint carries that state, a model file does not).
 * @param source - the JSON text of a model file, or the parsed object.
 * @throws ModelFileError saying what is wrong; for a missing kind, the package that registered it when the model was
 *   saved. It is the only error this function throws.
 */
export function loadModel(container: Container, source: string | object, limits: ModelLimits = {}, what = 'Model'): Network {
  return asModelFileError(what, () => loadCheckedModel(container, source, limits, what));
}

function loadCheckedModel(container: Container, source: string | object, limits: ModelLimits, what: string): Network {
  const parsed = typeof source === 'string' ? parseUntrustedJson(source, what, limits.maxLength ?? 2 ** 30) : source;
  if (typeof source !== 'string') expectNoForbiddenKeys(parsed, what);
  const file = expectObject(parsed, what);
  const unknownField = Object.keys(file).find((key) => !FIELDS.includes(key));
  if (unknownField !== undefined) throw new Error(`${what}: unknown field '${unknownField}'; expected ${FIELDS.join(', ')}`);
  if (file.format !== MODEL_FORMAT) throw new Error(`${what}: format is ${brief(file.format)}, expected '${MODEL_FORMAT}'`);
  if (!MODEL_VERSIONS_READ.includes(file.version as number)) {
    throw new Error(`${what}: version ${brief(file.version)} is not supported; this bpnet reads versions ${MODEL_VERSIONS_READ.join(' and ')}`);
  }
  if (file.version === 1 && file.state !== undefined) throw new Error(`${what}: a version 1 file has no 'state' field`);
  const modules = expectObject(file.modules ?? {}, `${what}: modules`);
  const spec = validateNetworkSpec(file.spec);
  const maxValues = limits.maxParameterValues ?? 5e7;
  expectWithinSize(spec.inputSize, spec.layers, maxValues, what);
  let network: Network;
  try {
    network = container.get(NETWORK_BUILDER).build(spec, { restoring: true, maxValues });
  } catch (error) {
    if (error instanceof UnknownKindError && error.kind !== undefined) throw new Error(missingKindMessage(error, modules, what));
    throw new Error(`${what}: its spec does not build: ${(error as Error).message}`);
  }
  if (file.version === 1 && network.namedState().length > 0) {
    throw new Error(
      `${what}: a version 1 model file holds no state, but this network has state (${network.namedState().map(({ path }) => path).join(', ')}); version 1 files come from networks without state`,
    );
  }
  restoreNetworkValues(network, file.parameters, file.version === 1 ? [] : file.state, what);
  return network;
}

function missingKindMessage(error: UnknownKindError, modules: Record<string, unknown>, what: string): string {
  const kind = error.kind as string;
  const module = typeof modules[kind] === 'string' ? `'${modules[kind] as string}'` : 'the package that registers it';
  const known = /known \w+ kinds: (.*?)\. Load/.exec(error.message)?.[1] ?? 'none';
  return (
    `${what}: ${error.family} kind '${kind}' at ${error.where} is not registered in this container ` +
    `(known: ${known === '(none)' ? 'none' : known}). Load the module of ${module} into the container to load this model.`
  );
}

/**
 * Rejects specs whose top-level dense-style `units` would allocate more than `limit` parameter values, before
 * building anything. Nested layers are checked as they are built, with their real input sizes (`maxValues`).
 */
function expectWithinSize(inputSize: number, layers: readonly LayerSpec[], limit: number, what: string): void {
  let size = inputSize;
  let total = 0;
  for (const layer of layers) {
    if (typeof layer.units === 'number') {
      total += (size + 1) * layer.units;
      size = layer.units;
    }
    if (!(total <= limit)) throw new Error(`${what}: the spec asks for over ${limit} parameter values; refusing to allocate it`);
  }
}
