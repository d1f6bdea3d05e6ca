import type { InputData, Matrix, Network, TargetData } from '@bpnet/core';
import { INFERENCE_PASS, toInputMatrix, toTargetMatrix } from '@bpnet/core/plugin';

/** What one layer saw and produced in a recorded pass. All matrices are copies. */
export interface LayerRecord {
  readonly index: number;
  readonly kind: string;
  /** The layer's input (for the first layer, x). */
  readonly input: Matrix;
  /** The layer's output. */
  readonly output: Matrix;
  /** ∂J/∂output, the sensitivity entering `backward` (when targets were given). */
  readonly outputSensitivity?: Matrix;
  /** ∂J/∂input, the sensitivity `backward` returned. */
  readonly inputSensitivity?: Matrix;
  /** ∂J/∂p for each parameter of the layer. */
  readonly gradients?: readonly { readonly name: string; readonly gradient: Matrix }[];
}

/** A forward (and, with targets, backward) pass with every intermediate quantity kept. */
export interface RecordedPass {
  readonly layers: readonly LayerRecord[];
  /** J for the batch (when targets were given). */
  readonly loss?: number;
  /** The targets used, as a matrix. */
  readonly targets?: Matrix;
}

/**
 * Runs the network on a batch layer by layer, keeping a copy of each layer's input and output and, when targets
 * are given, of the sensitivity entering and leaving each layer's `backward` and of each parameter's gradient.
 * Parameter gradients are zeroed first and left as `backprop` leaves them.
 * @throws Error on bad inputs or targets (as `Network.backprop`).
 */
export function recordPass(network: Network, inputs: InputData, targets?: TargetData): RecordedPass {
  const x = toInputMatrix(inputs, network.inputSize, 'recordPass: inputs');
  const t =
    targets === undefined ? undefined : toTargetMatrix(targets, x.rows, network.outputSize, 'recordPass: targets');
  const forward: { input: Matrix; output: Matrix }[] = [];
  let activation = x;
  for (const layer of network.layers) {
    const output = layer.forward(activation, INFERENCE_PASS);
    forward.push({ input: activation.clone(), output: output.clone() });
    activation = output;
  }
  if (t === undefined)
    return { layers: forward.map((record, index) => ({ index, kind: network.layers[index].kind, ...record })) };
  network.zeroGradients();
  const loss = network.loss.forward(activation, t);
  let sensitivity = network.loss.backward();
  const backward: Pick<LayerRecord, 'outputSensitivity' | 'inputSensitivity' | 'gradients'>[] = [];
  for (let index = network.layers.length - 1; index >= 0; index--) {
    const layer = network.layers[index];
    const outputSensitivity = sensitivity.clone();
    sensitivity = layer.backward(sensitivity);
    backward[index] = {
      outputSensitivity,
      inputSensitivity: sensitivity.clone(),
      gradients: layer.parameters().map(({ name, grad }) => ({ name, gradient: grad.clone() })),
    };
  }
  return {
    layers: forward.map((record, index) => ({
      index,
      kind: network.layers[index].kind,
      ...record,
      ...backward[index],
    })),
    loss,
    targets: t,
  };
}
