import type { Layer, ServiceToken } from '@bpnet/core';
import { ContainerModule } from 'inversify';
import type { OnnxGraphBuilder } from './graph-builder.js';

/**
 * How one layer kind becomes ONNX nodes. `lower` receives the layer (with its current parameters and state), the
 * graph being built and the name of the tensor that holds the layer's input (N × inputSize), adds initializers and
 * nodes through `graph`, and returns the name of the tensor that holds its output (N × outputSize), computed as the
 * layer's `forward` computes it in inference. A layer the identity in inference (dropout) may return `input` itself.
 *
 * A plug-in binds its lowerings in the container it is loaded with, under {@link ONNX_LOWERING}, with
 * {@link onnxLoweringModule}; {@link toOnnx} then finds them through `options.container`.
 *
 * ```ts
 * const softsignLowering: OnnxLowering = {
 *   kind: 'acme/softsign',
 *   lower: (layer, graph, input) => graph.node('Softsign', [input]),
 * };
 * ```
 */
export interface OnnxLowering<L extends Layer = Layer> {
  /** The layer kind this lowers, e.g. `'acme/prelu'`. */
  readonly kind: string;
  /**
   * Adds the nodes that compute the layer's inference forward and returns the name of its output tensor.
   * @param layer - the layer (its `kind` is {@link kind}).
   * @param graph - the graph being built; names it makes start with the layer's path.
   * @param input - the name of the N × inputSize tensor the layer reads.
   */
  lower(layer: L, graph: OnnxGraphBuilder, input: string): string;
}

/** Multi-binding: every {@link OnnxLowering} a container provides (see {@link onnxLoweringModule}). */
export const ONNX_LOWERING: ServiceToken<OnnxLowering> = Symbol.for('@bpnet/onnx/OnnxLowering');

/**
 * A module that binds ONNX lowerings (multi-binding under {@link ONNX_LOWERING}), e.g. the one a plug-in ships next
 * to its layer kind: `createContainer(denseModule, onnxLoweringModule(preluLowering), …)`. Lowerings may be typed
 * with their own layer class (`OnnxLowering<PreluLayer>`) and passed side by side.
 */
// biome-ignore lint/suspicious/noExplicitAny: lowerings typed with their own layer class are accepted side by side
export function onnxLoweringModule(...lowerings: OnnxLowering<any>[]): ContainerModule {
  return new ContainerModule(({ bind }) => {
    for (const lowering of lowerings) bind(ONNX_LOWERING).toConstantValue(lowering);
  });
}
