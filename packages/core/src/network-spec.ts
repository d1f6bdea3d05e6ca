import type { LayerSpec } from './layer.js';
import type { LossSpec } from './loss-layer.js';
import { expectObject, expectPositiveInteger } from './validate.js';

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
      throw new Error(`Network spec: unknown field '${key}'; expected inputSize, layers and loss`);
    }
  }
  return structuredClone(outline) as unknown as NetworkSpec;
}

function expectKind(value: unknown, where: string): void {
  const entry = expectObject(value, where);
  if (typeof entry.kind !== 'string' || entry.kind === '') {
    throw new Error(`${where}: kind must be a non-empty string, e.g. { kind: 'dense', units: 20 }`);
  }
}
