import { forwardPass } from '../contract/forward-pass.js';
import type { Phase } from '../contract/layer.js';
import type { Matrix } from '../kernels/matrix.js';
import type { Network } from '../network/network.js';

/** What a forward pass's layer outputs showed, for a {@link DivergenceError}'s message. */
export interface ForwardFinding {
  /** The layer's path, e.g. `'layers[2]'`: the first whose output holds NaN or Infinity, else the last layer. */
  readonly path: string;
  /** Its registered kind, e.g. `'dense'`. */
  readonly kind: string;
  /**
   * max |output| of that layer: NaN or Infinity when some output is not finite, else the network output's largest
   * magnitude.
   */
  readonly largest: number;
  /** The kind of the network's loss, e.g. `'squared-error'`. */
  readonly loss: string;
}

/**
 * Runs `network`'s forward pass on `inputs` (finite, N × inputSize) in `phase`, one top-level layer at a time, and
 * returns the first layer (in forward order) whose output holds NaN or Infinity or, when every output is finite,
 * the last layer with the largest magnitude of the network's output. A layer inside a container is reported as
 * its top-level container. A training pass draws from the network's random source and may move state, as a
 * gradient step's does: the caller puts both back (see `StepRollback`).
 */
export function findFirstNonFiniteOutput(network: Network, inputs: Matrix, phase: Phase): ForwardFinding {
  const pass = forwardPass(phase, network.random);
  const { layers, kernels } = network;
  let activation = inputs;
  let largest = 0;
  for (let index = 0; index < layers.length; index++) {
    activation = layers[index].forward(activation, pass);
    largest = kernels.maxAbs(activation);
    if (!Number.isFinite(largest))
      return { path: `layers[${index}]`, kind: layers[index].kind, largest, loss: network.loss.kind };
  }
  const last = layers.length - 1;
  return { path: `layers[${last}]`, kind: layers[last].kind, largest, loss: network.loss.kind };
}
