import type { NetworkSpec } from '../network/network-spec.js';

/** The format name every bpnet model file carries. */
export const MODEL_FORMAT = 'bpnet-model';
/**
 * The model file version this bpnet writes. It reads this one and every earlier one (see {@link MODEL_VERSIONS_READ}).
 */
export const MODEL_VERSION = 2;

/** The model file versions this bpnet reads: 1 (no state buffers) and 2 (with `state`). */
export const MODEL_VERSIONS_READ: readonly number[] = [1, 2];

/** One parameter's saved values: its path in the network, its shape and its elements in row-major order. */
export interface SavedParameter {
  readonly path: string;
  readonly rows: number;
  readonly cols: number;
  readonly values: readonly number[];
}

/** One state buffer's saved values: the same form as a parameter's. */
export type SavedState = SavedParameter;

/**
 * A saved network, as JSON: the spec it was built from, the package that registered each kind (named when a
 * kind is missing at load time), every parameter's values and (version 2) every state buffer's values. float64
 * values round-trip exactly through JSON numbers (except the sign of a zero); float32 values too.
 */
export interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  /** 2 when written by this bpnet; version 1 files (without `state`) still load. */
  readonly version: number;
  readonly spec: NetworkSpec;
  readonly modules: Readonly<Record<string, string>>;
  readonly parameters: readonly SavedParameter[];
  /** Non-trainable state (e.g. running statistics) by path; absent in version 1 files, which hold none. */
  readonly state?: readonly SavedState[];
}
