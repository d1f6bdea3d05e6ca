import type { Layer, Matrix, Network } from '@bpnet/core';

/** A layer's incoming weights per unit: W (inputs × units), column j feeding unit j, and its bias (1 × units). */
export interface UnitWeights {
  readonly weights: Matrix;
  readonly bias?: Matrix;
  readonly weightsGradient: Matrix;
  readonly biasGradient?: Matrix;
}

/** The unit weights of a layer with a `weights` parameter of shape inputSize × outputSize (a dense layer). */
export function unitWeights(layer: Layer): UnitWeights | undefined {
  const weights = layer.parameters().find((p) => p.name === 'weights');
  if (weights === undefined || weights.value.rows !== layer.inputSize || weights.value.cols !== layer.outputSize)
    return undefined;
  const bias = layer
    .parameters()
    .find((p) => p.name === 'bias' && p.value.rows === 1 && p.value.cols === layer.outputSize);
  return { weights: weights.value, bias: bias?.value, weightsGradient: weights.grad, biasGradient: bias?.grad };
}

/**
 * A readable name for layer `index`: weighted layers are "hidden layer 1", "hidden layer 2", …, and the last one
 * "the output layer"; other layers are named after the weighted layer they follow ("hidden layer 1's sigmoid").
 */
export function layerName(network: Network, index: number): string {
  const weighted = network.layers.map((layer, i) => (unitWeights(layer) ? i : -1)).filter((i) => i >= 0);
  const owner = [...weighted].reverse().find((i) => i <= index);
  if (owner === undefined) return `layers[${index}] (${network.layers[index].kind})`;
  const role =
    owner === weighted[weighted.length - 1] ? 'the output layer' : `hidden layer ${weighted.indexOf(owner) + 1}`;
  return owner === index
    ? `${role} (layers[${index}], ${network.layers[index].kind})`
    : `${role}'s ${network.layers[index].kind} (layers[${index}])`;
}
