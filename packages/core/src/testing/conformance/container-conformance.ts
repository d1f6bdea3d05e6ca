import type { BpnetContainer } from '../../di/bpnet-container.js';
import { INITIALIZER_REGISTRATION } from '../../initializers/initializer.js';
import { KERNELS } from '../../kernels/kernels.js';
import { LAYER_REGISTRATION, type LayerSpec } from '../../contract/layer.js';
import { LOSS_REGISTRATION, type LossSpec } from '../../contract/loss-layer.js';
import type { ConformanceReport } from './conformance-report.js';
import { checkLayerConformance, type LayerConformanceOptions } from './layer-conformance.js';
import { checkLossConformance, type LossConformanceOptions } from './loss-conformance.js';

/** Options of {@link checkContainerConformance}: per-kind configs, and settings shared by every kind. */
export interface ContainerConformanceOptions {
  /** Configs to check per kind; a kind not listed uses its registration's `examples`, or `{ kind }`. */
  readonly configs?: Readonly<Record<string, readonly (LayerSpec | LossSpec)[]>>;
  readonly layers?: Omit<LayerConformanceOptions, 'configs' | 'kernels' | 'initializers' | 'layers'>;
  readonly losses?: Omit<LossConformanceOptions, 'configs' | 'kernels'>;
}

/**
 * Runs the conformance kit on every layer and loss kind registered in `container`, with the container's kernels
 * and initializers (containers' nested specs may name any layer kind registered there), and returns one report per
 * kind (pass them to `assertConformance`).
 */
export function checkContainerConformance(
  container: BpnetContainer,
  options: ContainerConformanceOptions = {},
): ConformanceReport[] {
  const kernels = container.get(KERNELS);
  const initializers = container.getAll(INITIALIZER_REGISTRATION, { optional: true });
  const layerRegistrations = container.getAll(LAYER_REGISTRATION, { optional: true });
  const layers = layerRegistrations.map((registration) =>
    checkLayerConformance(registration, {
      ...options.layers,
      kernels,
      initializers,
      layers: layerRegistrations,
      configs: options.configs?.[registration.kind],
    }),
  );
  const losses = container
    .getAll(LOSS_REGISTRATION, { optional: true })
    .map((registration) =>
      checkLossConformance(registration, { ...options.losses, kernels, configs: options.configs?.[registration.kind] }),
    );
  return [...layers, ...losses];
}
