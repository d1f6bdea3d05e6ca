import type { ChildLayer, Layer, Parameter, StateBuffer } from '@bpnet/core';
import type { OnnxAttributeValue, OnnxGraphBuilder } from './graph-builder.js';
import { OnnxExportError } from './onnx-export-error.js';
import type { OnnxLowering } from './onnx-lowering.js';
import { type ExactBatchNorm, exactBatchNormKey } from '../batch-norm-metadata.js';

/**
 * `dense`: Y = X·W + 1·b, one `Gemm(X, W, b)` with transB = 0 (bpnet stores W as inputSize × units, so no
 * transpose), W the `weights` initializer [inputSize, units] and b the `bias` initializer [units], broadcast over
 * the N rows.
 */
export const denseLowering: OnnxLowering = {
  kind: 'dense',
  lower(layer, graph, input) {
    const weights = parameterNamed(layer, 'weights', graph);
    const bias = parameterNamed(layer, 'bias', graph);
    if (weights.value.rows !== layer.inputSize || weights.value.cols !== layer.outputSize) {
      throw new OnnxExportError(
        `${graph.path} (dense): weights are ${weights.value.shape}, expected ${layer.inputSize}×${layer.outputSize}`,
      );
    }
    const w = graph.initializer('weights', weights.value, [layer.inputSize, layer.outputSize]);
    const b = graph.initializer('bias', bias.value, [layer.outputSize]);
    return graph.node('Gemm', [input, w, b], { alpha: 1, beta: 1, transA: 0, transB: 0 });
  },
};

/** `sigmoid`: y = 1/(1 + e^(−x)) element-wise, one `Sigmoid`. */
export const sigmoidLowering: OnnxLowering = elementwise('sigmoid', 'Sigmoid');

/** `tanh`: y = tanh(x) element-wise, one `Tanh`. */
export const tanhLowering: OnnxLowering = elementwise('tanh', 'Tanh');

/** `relu`: y = max(0, x) element-wise, one `Relu`. */
export const reluLowering: OnnxLowering = elementwise('relu', 'Relu');

/** `dropout`: the identity in inference (y = x), so no node: the layer's output is its input tensor. */
export const dropoutLowering: OnnxLowering = {
  kind: 'dropout',
  lower: (_layer, _graph, input) => input,
};

/**
 * `batch-norm`, in inference: y = γ (x − μ)/√(v + ε) + β per column, μ and v the running mean and variance, one
 * `BatchNormalization(X, γ, β, μ, v)` on the N × d input (C = d), γ, β, μ, v initializers [d] from the parameters
 * `scale` and `shift` and the state `runningMean` and `runningVariance`.
 *
 * ONNX's `epsilon` attribute is a float32, and fround(ε) ≠ ε for bpnet's usual ε (1e-5). So that √(v + ε) is
 * bpnet's to the last bits in a float64 graph, `epsilon` is fround(ε) and the variance initializer holds
 * v + (ε − fround(ε)) (a shift of 2.5e-13 for ε = 1e-5, far below the variance's own precision). A float32
 * graph holds v as it is. The `momentum` attribute (also a float32) carries the layer's m. Whenever ε or m is not a
 * float32, the exact values are kept in the model's metadata (see `ExactBatchNorm`), from which `fromOnnx` restores
 * the layer bit for bit.
 */
export const batchNormLowering: OnnxLowering = {
  kind: 'batch-norm',
  lower(layer, graph, input) {
    const epsilon = (layer as { readonly epsilon?: unknown }).epsilon;
    if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0) {
      throw new OnnxExportError(`${graph.path} (batch-norm): the layer has no epsilon > 0 to export`);
    }
    const momentum = (layer as { readonly momentum?: unknown }).momentum;
    const d = layer.outputSize;
    const epsilon32 = Math.fround(epsilon);
    const variance = stateNamed(layer, 'runningVariance', graph).value.data;
    const varianceShift = graph.precision === 'float64' ? epsilon - epsilon32 : 0;
    const shifted = varianceShift === 0 ? variance : Float64Array.from(variance, (v) => v + varianceShift);
    const inputs = [
      input,
      graph.initializer('scale', parameterNamed(layer, 'scale', graph).value, [d]),
      graph.initializer('shift', parameterNamed(layer, 'shift', graph).value, [d]),
      graph.initializer('runningMean', stateNamed(layer, 'runningMean', graph).value, [d]),
      graph.initializer('runningVariance', shifted, [d]),
    ];
    const attributes: Record<string, OnnxAttributeValue> = { epsilon: { float: epsilon32 } };
    if (typeof momentum === 'number') attributes.momentum = { float: Math.fround(momentum) };
    const momentumExact = typeof momentum !== 'number' || Math.fround(momentum) === momentum;
    if (epsilon !== epsilon32 || !momentumExact) {
      const exact: ExactBatchNorm = {
        epsilon,
        ...(typeof momentum === 'number' ? { momentum } : {}),
        varianceShift,
        ...(varianceShift === 0 ? {} : { runningVariance: Array.from(variance) }),
      };
      graph.metadata(exactBatchNormKey(inputs[4]), JSON.stringify(exact));
    }
    return graph.node('BatchNormalization', inputs, attributes);
  },
};

/** `sequential`: y = f_k(…f_1(x)), its children (`layers[i]`) lowered in order. */
export const sequentialLowering: OnnxLowering = {
  kind: 'sequential',
  lower: (layer, graph, input) => lowerChain(childrenOf(layer, graph), graph, input),
};

/** `residual`: y = x + f(x), f its children (`body[i]`) in order, then one `Add(x, f(x))`. */
export const residualLowering: OnnxLowering = {
  kind: 'residual',
  lower(layer, graph, input) {
    const body = lowerChain(childrenOf(layer, graph), graph, input);
    return graph.node('Add', [input, body]);
  },
};

/**
 * `concat`: y = [f_1(x) | … | f_B(x)], each branch's children (`branches[b][i]`) lowered in order from the same x,
 * then one `Concat` with axis = 1. An empty branch (the identity) has no children: a branch index missing between
 * two others is one, and the columns left over after the last branch with layers are that many trailing empty
 * branches (each inputSize wide).
 */
export const concatLowering: OnnxLowering = {
  kind: 'concat',
  lower(layer, graph, input) {
    const branches: ChildLayer[][] = [];
    for (const child of childrenOf(layer, graph)) {
      const match = /^branches\[(\d+)\]\[(\d+)\]$/.exec(child.name);
      if (match === null) {
        throw new OnnxExportError(
          `${graph.path} (concat): child '${child.name}' is not named branches[b][i]; cannot tell its branch`,
        );
      }
      const branch = Number(match[1]);
      while (branches.length <= branch) branches.push([]);
      branches[branch].push(child);
    }
    let columns = branches.reduce(
      (sum, branch) => sum + (branch.length === 0 ? layer.inputSize : branch[branch.length - 1].layer.outputSize),
      0,
    );
    while (columns < layer.outputSize) {
      branches.push([]);
      columns += layer.inputSize;
    }
    if (columns !== layer.outputSize) {
      throw new OnnxExportError(
        `${graph.path} (concat): its branches give ${columns} columns, but the layer outputs ${layer.outputSize}`,
      );
    }
    const outputs = branches.map((branch) => lowerChain(branch, graph, input));
    return graph.node('Concat', outputs, { axis: 1 });
  },
};

/** Every built-in lowering, by kind: dense, sigmoid, tanh, relu, dropout, batch-norm, sequential, residual, concat. */
export const builtinLowerings: readonly OnnxLowering[] = [
  denseLowering,
  sigmoidLowering,
  tanhLowering,
  reluLowering,
  dropoutLowering,
  batchNormLowering,
  sequentialLowering,
  residualLowering,
  concatLowering,
];

function elementwise(kind: string, opType: string): OnnxLowering {
  return { kind, lower: (_layer, graph, input) => graph.node(opType, [input]) };
}

function lowerChain(children: readonly ChildLayer[], graph: OnnxGraphBuilder, input: string): string {
  let output = input;
  for (const child of children) output = graph.lower(child.layer, output, child.name);
  return output;
}

function childrenOf(layer: Layer, graph: OnnxGraphBuilder): readonly ChildLayer[] {
  if (typeof layer.children !== 'function') {
    throw new OnnxExportError(`${graph.path} (${layer.kind}): the container layer has no children() to lower`);
  }
  return layer.children();
}

function parameterNamed(layer: Layer, name: string, graph: OnnxGraphBuilder): Parameter {
  const parameter = layer.parameters().find((candidate) => candidate.name === name);
  if (parameter === undefined) {
    throw new OnnxExportError(`${graph.path} (${layer.kind}): the layer has no parameter '${name}'`);
  }
  return parameter;
}

function stateNamed(layer: Layer, name: string, graph: OnnxGraphBuilder): StateBuffer {
  const state = layer.state?.().find((candidate) => candidate.name === name);
  if (state === undefined) {
    throw new OnnxExportError(`${graph.path} (${layer.kind}): the layer has no state '${name}'`);
  }
  return state;
}
