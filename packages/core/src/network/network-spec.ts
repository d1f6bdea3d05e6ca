import type { LayerSpec } from '../contract/layer.js';
import type { LossSpec } from '../contract/loss-layer.js';
import { escapeUnsafe, quoted } from '../validation/brief.js';
import { expectObject, expectPositiveInteger } from '../validation/validate.js';

/**
 * A network as plain JSON: what `buildNetwork` builds and what a saved model stores.
 *
 * ```json
 * { "inputSize": 4,
 *   "layers": [{ "kind": "dense", "units": 20 }, { "kind": "sigmoid" },
 *              { "kind": "dense", "units": 3 }, { "kind": "sigmoid" }],
 *   "loss": { "kind": "squared-error" } }
 * ```
 */
export interface NetworkSpec {
  /** Columns of the input (features per sample). */
  readonly inputSize: number;
  /** The layers in order; each one's input size is the previous one's output size. */
  readonly layers: readonly LayerSpec[];
  /** The criterion applied to the last layer's output. */
  readonly loss: LossSpec;
}

/**
 * Checks the spec's outline (each layer's own options are checked by its registration) and returns a deep copy,
 * so later changes to the caller's object cannot alter the network.
 * @throws Error saying which field is wrong and what was expected.
 */
export function validateNetworkSpec(spec: unknown): NetworkSpec {
  const outline = expectObject(spec, 'Network spec');
  expectPositiveInteger(outline.inputSize, 'Network spec: inputSize');
  if (!Array.isArray(outline.layers) || outline.layers.length === 0) {
    throw new Error('Network spec: layers must be a non-empty array of { kind, ...options }');
  }
  outline.layers.forEach((layer: unknown, index: number) => expectKind(layer, `Network spec: layers[${index}]`));
  expectKind(outline.loss, 'Network spec: loss');
  for (const key of Object.keys(outline)) {
    if (!['inputSize', 'layers', 'loss'].includes(key)) {
      throw new Error(`Network spec: unknown field ${quoted(key)}; expected inputSize, layers and loss`);
    }
  }
  expectPlainTree(outline, '', [], 0);
  return structuredClone(outline) as unknown as NetworkSpec;
}

/** How deeply a spec's objects and arrays may nest. */
const MAX_SPEC_DEPTH = 64;

/** Rejects cycles, functions and symbols anywhere in the spec, and nesting deeper than {@link MAX_SPEC_DEPTH}. */
function expectPlainTree(value: unknown, path: string, ancestors: unknown[], depth: number): void {
  const where = path === '' ? 'Network spec' : `Network spec: ${shownPath(path)}`;
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    throw new Error(`${where}: a spec holds plain JSON values, got a ${typeof value}`);
  }
  if (typeof value !== 'object' || value === null) return;
  if (ancestors.includes(value))
    throw new Error(`${where}: the spec contains itself (a cycle); specs must be trees of plain values`);
  if (depth >= MAX_SPEC_DEPTH) throw new Error(`${where}: the spec nests more than ${MAX_SPEC_DEPTH} levels deep`);
  ancestors.push(value);
  if (Array.isArray(value))
    value.forEach((item, index) => expectPlainTree(item, `${path}[${index}]`, ancestors, depth + 1));
  else
    for (const [key, item] of Object.entries(value))
      expectPlainTree(item, path === '' ? key : `${path}.${key}`, ancestors, depth + 1);
  ancestors.pop();
}

/** Longest spec path a message shows; a longer one (its keys come from the spec) shows its first characters. */
const SHOWN_PATH = 200;

/** A spec path for a message: control characters escaped, cut to {@link SHOWN_PATH} characters. */
function shownPath(path: string): string {
  const shown = escapeUnsafe(path.length > SHOWN_PATH ? path.slice(0, SHOWN_PATH) : path);
  return path.length > SHOWN_PATH ? `${shown}… (${path.length} characters)` : shown;
}

function expectKind(value: unknown, where: string): void {
  const entry = expectObject(value, where);
  if (typeof entry.kind !== 'string' || entry.kind === '') {
    throw new Error(`${where}: kind must be a non-empty string, e.g. { kind: 'dense', units: 20 }`);
  }
}
