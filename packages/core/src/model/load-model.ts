import type { Container } from 'inversify';
import type { Network } from '../network.js';
import { type NetworkSpec, validateNetworkSpec } from '../network-spec.js';
import { SeededRandom } from '../seeded-random.js';
import { NETWORK_BUILDER } from '../tokens.js';
import { expectObject } from '../validate.js';
import { MODEL_FORMAT, MODEL_VERSION } from './model-file.js';
import { asModelFileError } from './model-file-error.js';
import { brief } from './brief.js';
import { restoreParameters } from './saved-parameters.js';
import { expectNoForbiddenKeys, parseUntrustedJson } from './safe-json.js';

/** Bounds on what a model file may ask for. */
export interface ModelLimits {
  /** Longest JSON text accepted, in characters; default 1 GiB. */
  readonly maxLength?: number;
  /** Most parameter values (weights and biases, all layers) a spec may allocate; default 50 million. */
  readonly maxParameterValues?: number;
}

const FIELDS = ['format', 'version', 'spec', 'modules', 'parameters'];

/**
 * Rebuilds a saved network through the container's registries and restores its parameters. The result predicts
 * exactly as the saved network did. Nothing is returned unless the whole file checks out: format and version,
 * plain-object keys, every kind registered, sizes within `limits`, every parameter present with its shape and
 * finite values.
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
  if (file.version !== MODEL_VERSION) {
    throw new Error(`${what}: version ${brief(file.version)} is not supported; this bpnet reads version ${MODEL_VERSION}`);
  }
  const modules = expectObject(file.modules ?? {}, `${what}: modules`);
  const spec = validateNetworkSpec(file.spec);
  expectWithinSize(spec, limits.maxParameterValues ?? 5e7, what);
  const builder = container.get(NETWORK_BUILDER);
  expectKindsLoaded(spec, builder.kinds(), modules, what);
  let network: Network;
  try {
    network = builder.build(spec, { random: new SeededRandom(0) });
  } catch (error) {
    throw new Error(`${what}: its spec does not build: ${(error as Error).message}`);
  }
  restoreParameters(network.namedParameters(), file.parameters, what);
  return network;
}

function expectKindsLoaded(spec: NetworkSpec, kinds: { layers: string[]; losses: string[] }, modules: Record<string, unknown>, what: string): void {
  const missing = [
    ...spec.layers.map((layer, index) => ({ kind: layer.kind, where: `layers[${index}]`, family: 'layer', known: kinds.layers })),
    { kind: spec.loss.kind, where: 'loss', family: 'loss', known: kinds.losses },
  ].find(({ kind, known }) => !known.includes(kind));
  if (missing === undefined) return;
  const module = typeof modules[missing.kind] === 'string' ? `'${modules[missing.kind] as string}'` : 'the package that registers it';
  throw new Error(
    `${what}: ${missing.family} kind '${missing.kind}' at ${missing.where} is not registered in this container ` +
      `(known: ${missing.known.join(', ') || 'none'}). Load the module of ${module} into the container to load this model.`,
  );
}

/** Rejects specs whose dense-style `units` would allocate more than `limit` parameter values before building. */
function expectWithinSize(spec: NetworkSpec, limit: number, what: string): void {
  let size = spec.inputSize;
  let total = 0;
  for (const layer of spec.layers) {
    if (typeof layer.units === 'number') {
      total += (size + 1) * layer.units;
      size = layer.units;
    }
    if (!(total <= limit)) throw new Error(`${what}: the spec asks for over ${limit} parameter values; refusing to allocate it`);
  }
}
