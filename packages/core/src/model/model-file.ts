import type { NetworkSpec } from '../network-spec.js';

/** The format name every bpnet model file carries. */
export const MODEL_FORMAT = 'bpnet-model';
/** The model file version this bpnet writes and reads. */
export const MODEL_VERSION = 1;

/** One parameter's saved values: its path in the network, its shape and its elements in row-major order. */
export interface SavedParameter {
  readonly path: string;
  readonly rows: number;
  readonly cols: number;
  readonly values: readonly number[];
}

/**
 * A saved network, as JSON: the spec it was built from, the package that registered each kind (named when a
 * kind is missing at load time), and every parameter's values. float64 values round-trip exactly through JSON
 * numbers (except the sign of a zero).
 */
export interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
  readonly spec: NetworkSpec;
  readonly modules: Readonly<Record<string, string>>;
  readonly parameters: readonly SavedParameter[];
}
