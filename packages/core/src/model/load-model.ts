import type { BpnetContainer } from '../di/bpnet-container.js';
import { ParameterLimitError } from '../contract/layer-context.js';
import type { Network } from '../network/network.js';
import { validateNetworkSpec } from '../network/network-spec.js';
import { UnknownKindError } from '../di/registry.js';
import { NETWORK_BUILDER } from '../network/network-builder.js';
import { expectObject } from '../validation/validate.js';
import { brief, quoted } from '../validation/brief.js';
import { MODEL_FORMAT, MODEL_VERSIONS_READ } from './model-file.js';
import { asModelFileError } from './model-file-error.js';
import { restoreNetworkValues } from './restore-network-values.js';
import { parseBoundedJson } from './bounded-json.js';
import { DEFAULT_MAX_PARAMETER_VALUES, DEFAULT_MAX_STRUCTURE_VALUES, defaultMaxLength } from './model-limits.js';
import { expectNoForbiddenKeys } from './safe-json.js';

/**
 * Bounds on what a model file may ask for. Each is checked before what it bounds is allocated, so loading any text
 * takes time and memory in proportion to these bounds, whatever the text holds.
 */
export interface ModelLimits {
  /**
   * Longest JSON text accepted, in characters (in bytes for a file); default computed from the other two (25
   * characters per parameter value, 64 per structure value): 1,314,000,000 with their defaults, the longest text
   * `saveModelFile` writes for the largest network they accept.
   */
  readonly maxLength?: number;
  /**
   * Most parameter and state values (weights, biases, running statistics, all layers) the file may hold and its
   * spec may allocate; default {@link DEFAULT_MAX_PARAMETER_VALUES} (50 million).
   */
  readonly maxParameterValues?: number;
  /**
   * Most JSON values in the file besides the numbers of its parameters' and state buffers' `values` (objects,
   * arrays, strings, the spec's numbers); default {@link DEFAULT_MAX_STRUCTURE_VALUES} (one million).
   */
  readonly maxStructureValues?: number;
}

/** {@link ModelLimits} with every default filled in. */
export type ResolvedModelLimits = Required<ModelLimits>;

/** The limits with their defaults (see {@link ModelLimits}). */
export function resolveModelLimits(limits: ModelLimits = {}): ResolvedModelLimits {
  const maxParameterValues = limits.maxParameterValues ?? DEFAULT_MAX_PARAMETER_VALUES;
  const maxStructureValues = limits.maxStructureValues ?? DEFAULT_MAX_STRUCTURE_VALUES;
  return {
    maxParameterValues,
    maxStructureValues,
    maxLength: limits.maxLength ?? defaultMaxLength(maxParameterValues, maxStructureValues),
  };
}

/** Where a model file's JSON holds arrays of numbers: each parameter's and state buffer's `values`. */
const VALUES_PATHS = [
  ['parameters', '*', 'values'],
  ['state', '*', 'values'],
];

/**
 * Parses a model file's JSON text, given in pieces, within `limits` (see {@link parseBoundedJson}); each parameter's
 * and state buffer's `values` array of numbers is read into a Float64Array.
 * @throws Error naming the first bound exceeded or what is not JSON.
 */
export function parseModelJson(chunks: Iterable<string>, what: string, limits: ResolvedModelLimits): unknown {
  return parseBoundedJson(chunks, what, {
    maxStructureValues: limits.maxStructureValues,
    maxTypedValues: limits.maxParameterValues,
    typedArrayPaths: VALUES_PATHS,
  });
}

const FIELDS = ['format', 'version', 'spec', 'modules', 'parameters', 'state'];

/**
 * Rebuilds a saved network through the container's registries and restores its parameters and state. The result
 * predicts exactly as the saved network did. Nothing is returned unless the whole file checks out: format and
 * version (1 or 2), plain-object keys, every kind registered (nested ones too), sizes within `limits`, every
 * parameter and state buffer present with its shape and finite values.
 *
 * Text is parsed within `limits` as it is read (see {@link ModelLimits}): the first value past a bound is refused
 * before it is allocated, so no text can crash the process or take time and memory beyond what the bounds allow.
 * The network is then built under the same `maxParameterValues` budget: a layer input or output wider than it, a
 * layer whose registration declares (`LayerRegistration.parameterCount`) values that would take the network past it,
 * or a matrix a layer's `create` asks its context's kernels for past it (see `AllocationBudget`) is refused before
 * it is allocated.
 *
 * Loading runs no initializer (the saved values replace them, so their modules need not be loaded) and draws
 * nothing for initial values; a network with stochastic layers seeds its forward-pass source (`network.random`)
 * with one draw from the container's random source (the first one, since nothing else is drawn: a loaded network's
 * dropout masks are not the saved network's; a checkpoint carries that state, a model file does not).
 * @param source - the JSON text of a model file, or the parsed object.
 * @throws ModelFileError saying what is wrong; for a missing kind, the package that registered it when the model was
 *   saved. It is the only error this function throws.
 */
export function loadModel(
  container: BpnetContainer,
  source: string | object,
  limits: ModelLimits = {},
  what = 'Model',
): Network {
  return asModelFileError(what, () => {
    const resolved = resolveModelLimits(limits);
    if (typeof source !== 'string') {
      expectNoForbiddenKeys(source, what);
      return loadParsedModel(container, source, resolved, what);
    }
    if (source.length > resolved.maxLength)
      throw new Error(`${what}: ${source.length} characters is over the limit of ${resolved.maxLength}`);
    return loadParsedModel(container, parseModelJson([source], what, resolved), resolved, what);
  });
}

/**
 * {@link loadModel} for JSON text given in pieces (how `loadModelFile` reads a file larger than one string can hold).
 * The caller bounds the text's length.
 * @throws ModelFileError as `loadModel`.
 */
export function loadModelFromChunks(
  container: BpnetContainer,
  chunks: Iterable<string>,
  limits: ModelLimits,
  what: string,
): Network {
  return asModelFileError(what, () => {
    const resolved = resolveModelLimits(limits);
    return loadParsedModel(container, parseModelJson(chunks, what, resolved), resolved, what);
  });
}

function loadParsedModel(
  container: BpnetContainer,
  parsed: unknown,
  limits: ResolvedModelLimits,
  what: string,
): Network {
  const file = expectObject(parsed, what);
  const unknownField = Object.keys(file).find((key) => !FIELDS.includes(key));
  if (unknownField !== undefined)
    throw new Error(`${what}: unknown field ${quoted(unknownField)}; expected ${FIELDS.join(', ')}`);
  if (file.format !== MODEL_FORMAT)
    throw new Error(`${what}: format is ${brief(file.format)}, expected '${MODEL_FORMAT}'`);
  if (!MODEL_VERSIONS_READ.includes(file.version as number)) {
    throw new Error(
      `${what}: version ${brief(file.version)} is not supported; this ` +
        `bpnet reads versions ${MODEL_VERSIONS_READ.join(' and ')}`,
    );
  }
  if (file.version === 1 && file.state !== undefined) throw new Error(`${what}: a version 1 file has no 'state' field`);
  const modules = expectObject(file.modules ?? {}, `${what}: modules`);
  const spec = validateNetworkSpec(file.spec);
  const maxValues = limits.maxParameterValues;
  let network: Network;
  try {
    network = container.get(NETWORK_BUILDER).build(spec, { restoring: true, maxValues });
  } catch (error) {
    if (error instanceof UnknownKindError && error.kind !== undefined)
      throw new Error(missingKindMessage(error, modules, what));
    if (error instanceof ParameterLimitError) {
      const refusal = `the spec asks for over ${error.limit} parameter values; refusing to allocate it`;
      throw new Error(`${what}: ${refusal} (at ${error.where})`);
    }
    throw new Error(`${what}: its spec does not build: ${(error as Error).message}`);
  }
  if (file.version === 1 && network.namedState().length > 0) {
    throw new Error(
      `${what}: a version 1 model file holds no state, but this network has state (${network
        .namedState()
        .map(({ path }) => path)
        .join(', ')}); version 1 files come from networks without state`,
    );
  }
  restoreNetworkValues(network, file.parameters, file.version === 1 ? [] : file.state, what);
  return network;
}

function missingKindMessage(error: UnknownKindError, modules: Record<string, unknown>, what: string): string {
  const kind = error.kind as string;
  const saved = Object.hasOwn(modules, kind) ? modules[kind] : undefined;
  const module = typeof saved === 'string' ? quoted(saved) : 'the package that registers it';
  const known = error.known.length > 0 ? error.known.join(', ') : 'none';
  return (
    `${what}: ${error.family} kind ${quoted(kind)} at ${error.where} is not registered in this container ` +
    `(known: ${known}). Load the module of ${module} into the container to load this model.`
  );
}
