import type { Layer } from './layer.js';
import { LayerFactory, type LayerContextServices } from './layer-context.js';

/**
 * Builds the layer of `spec` outside a network, exactly as the network builder builds `layers[i]`: the spec is
 * checked, its kind looked up in `services.layers`, the registration's `create` run with a context at `where`, and
 * the built layer's sizes, children and parameter count checked; a container's nested specs are built the same way
 * (at `where.name`, at most {@link MAX_LAYER_DEPTH} deep). For tests of a layer or container kind that need the
 * builder's checks; {@link createLayerContext} gives the bare context instead.
 *
 * ```ts
 * const layer = buildLayer(services, { kind: 'acme/parallel-sum', branches: [...] }, 3, 'layers[0]');
 * ```
 * @throws Error starting with `where` (or a nested place): a malformed spec, an unknown kind (listing the known
 *   ones), the kind's own validation, a child not listed in `children()`, nesting too deep.
 */
export function buildLayer(services: LayerContextServices, spec: unknown, inputSize: number, where: string): Layer {
  const factory = new LayerFactory(services);
  try {
    return factory.build(spec, inputSize, where);
  } finally {
    factory.close();
  }
}
