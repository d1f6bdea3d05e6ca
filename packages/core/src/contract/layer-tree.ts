import type { ChildLayer, Layer } from './layer.js';
import type { Parameter } from './parameter.js';
import type { StateBuffer } from './state-buffer.js';

/** A parameter with its place in the network, e.g. `'layers[0].weights'` or `'layers[1].body[0].bias'`. */
export interface NamedParameter {
  readonly path: string;
  readonly parameter: Parameter;
}

/** A state buffer with its place in the network, e.g. `'layers[2].runningMean'`. */
export interface NamedState {
  readonly path: string;
  readonly state: StateBuffer;
}

/** What a tree of layers holds: every parameter and state buffer with its path, and what its layers declare. */
export interface LayerTree {
  /** Every trainable parameter, depth first: a layer's own, then each child's, in order. */
  readonly parameters: readonly NamedParameter[];
  /** Every state buffer, in the same order. */
  readonly state: readonly NamedState[];
  /** Whether any layer in the tree declares `stochastic`. */
  readonly stochastic: boolean;
  /** Whether any layer in the tree declares `couplesSamples`. */
  readonly couplesSamples: boolean;
}

/**
 * Walks `roots` and their children (`Layer.children`) and lists every parameter and state buffer under its path:
 * `<root name>.<child name>….<own name>`. With `roots = [{ name: '', layer }]` the paths are relative to that layer
 * (`'weights'`, `'body[0].weights'`).
 * @throws Error when two entries share a path (naming both), or when one layer object appears twice in the tree
 *   (a layer inside itself, or shared between two places).
 */
export function describeLayerTree(roots: readonly ChildLayer[]): LayerTree {
  const walk = new TreeWalk();
  for (const { name, layer } of roots) walk.visit(layer, name);
  return {
    parameters: walk.parameters,
    state: walk.state,
    stochastic: walk.stochastic,
    couplesSamples: walk.couplesSamples,
  };
}

class TreeWalk {
  readonly parameters: NamedParameter[] = [];
  readonly state: NamedState[] = [];
  stochastic = false;
  couplesSamples = false;
  private readonly owners = new Map<string, string>();
  private readonly placeOf = new Map<Layer, string>();

  visit(layer: Layer, path: string): void {
    const place = path === '' ? 'the layer' : path;
    const earlier = this.placeOf.get(layer);
    if (earlier !== undefined) {
      throw new Error(
        `${place}: the same ${layer.kind} layer object is already at ${earlier}; a layer ` +
          `can sit in one place only (no layer inside itself, no shared layers)`,
      );
    }
    this.placeOf.set(layer, place);
    this.stochastic ||= layer.stochastic === true;
    this.couplesSamples ||= layer.couplesSamples === true;
    for (const parameter of layer.parameters()) {
      const entry = {
        path: this.claim(join(path, parameter.name), `parameter '${parameter.name}' of ${layer.kind} at ${place}`),
        parameter,
      };
      this.parameters.push(entry);
    }
    for (const state of layer.state?.() ?? []) {
      this.state.push({
        path: this.claim(join(path, state.name), `state '${state.name}' of ${layer.kind} at ${place}`),
        state,
      });
    }
    for (const child of layer.children?.() ?? []) {
      const childPath = join(path, child.name);
      if (typeof child.name !== 'string' || child.name === '')
        throw new Error(
          `${place}: a child of ${layer.kind} has no name; expected a non-empty string such as 'body[0]'`,
        );
      this.claim(childPath, `child '${child.name}' of ${layer.kind} at ${place}`);
      this.visit(child.layer, childPath);
    }
  }

  private claim(path: string, owner: string): string {
    const earlier = this.owners.get(path);
    if (earlier !== undefined) {
      throw new Error(
        `Duplicate path '${path}': ${earlier} and ${owner}; give each ` +
          `parameter, state buffer and child of a layer its own name`,
      );
    }
    this.owners.set(path, owner);
    return path;
  }
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}
