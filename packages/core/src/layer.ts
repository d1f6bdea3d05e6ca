import type { InitializerSpec } from './initializers/initializer.js';
import type { Kernels } from './kernels.js';
import type { Matrix } from './matrix.js';
import type { Parameter } from './parameter.js';
import type { RandomSource } from './random-source.js';

/**
 * A differentiable stage of a network. Rows of every matrix are samples.
 *
 * Sensitivities: `backward` receives ∂J/∂(this layer's output) and returns ∂J/∂(its input). With Dense and
 * Sigmoid as separate layers, what enters `Dense.backward` is exactly the sensitivity ∂J/∂net of the derivation.
 * Sign convention: bpnet carries +∂J/∂net; the book's δ = −∂J/∂net is its negative.
 *
 * Buffers: the matrices returned by `forward` and `backward` belong to the layer and are overwritten by its next
 * call; clone them to keep them. The input given to `forward` must stay unchanged until `backward` has run.
 */
export interface Layer {
  /** The registered kind, e.g. `'dense'`. */
  readonly kind: string;
  /** Columns of the input. */
  readonly inputSize: number;
  /** Columns of the output. */
  readonly outputSize: number;
  /** Computes the output for a batch (N × inputSize → N × outputSize) and caches what `backward` needs. */
  forward(input: Matrix): Matrix;
  /**
   * Given ∂J/∂output (N × outputSize) for the last forward input, adds ∂J/∂p into each parameter's `grad` and
   * returns ∂J/∂input (N × inputSize).
   */
  backward(sensitivity: Matrix): Matrix;
  /**
   * Optional: what `backward` does to the parameter gradients, without computing ∂J/∂input. The network calls it
   * for its first layer, whose input sensitivity nobody uses (for a dense layer that saves δ · Wᵀ, a third of
   * its backward work). It must leave exactly the gradients `backward` would.
   */
  backwardParameters?(sensitivity: Matrix): void;
  /** The trainable parameters, in a fixed order (empty for parameter-free layers). */
  parameters(): readonly Parameter[];
}

/** A layer's entry in a network spec: its kind plus the options that kind takes. */
export interface LayerSpec {
  readonly kind: string;
  readonly [option: string]: unknown;
}

/** Fan sizes an initializer may scale by. */
export interface Fan {
  /** Inputs feeding each unit. */
  readonly fanIn: number;
  /** Units each input feeds. */
  readonly fanOut: number;
}

/** What the network builder hands to a layer registration's `create`. */
export interface LayerContext {
  /** Columns of this layer's input: the previous layer's `outputSize`, or the spec's `inputSize`. */
  readonly inputSize: number;
  /** The container's arithmetic service. */
  readonly kernels: Kernels;
  /** The container's random source. */
  readonly random: RandomSource;
  /** Where this layer sits in the spec, for error messages, e.g. `'layers[2]'`. */
  readonly where: string;
  /**
   * Fills `target` by the initializer `spec` (a kind name or `{ kind, ...options }`) registered in the container,
   * drawing from the container's random source.
   */
  initialize(spec: InitializerSpec, target: Matrix, fan: Fan, what: string): void;
}

/**
 * A layer kind, bound in the container under {@link LAYER_REGISTRATION} (see `layerModule`). `create` validates
 * `config` and throws an Error saying what was wrong, where (`context.where`) and what was expected.
 */
export interface LayerRegistration<Config extends LayerSpec = LayerSpec> {
  /** The kind used in specs; third-party kinds are namespaced, e.g. `'acme/softsign'`. */
  readonly kind: string;
  /** The package that provides this kind, named in error messages. */
  readonly module?: string;
  /** Typical configs, which the conformance kit checks when given no others (default: `{ kind }` alone). */
  readonly examples?: readonly Config[];
  create(config: Config, context: LayerContext): Layer;
}
