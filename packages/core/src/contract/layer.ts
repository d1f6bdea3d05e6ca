import type { Fan, InitializerSpec } from '../initializers/initializer.js';
import type { Kernels } from '../kernels/kernels.js';
import type { Matrix } from '../kernels/matrix.js';
import type { Parameter } from './parameter.js';
import type { RandomSource } from '../random/random-source.js';
import type { StateBuffer } from './state-buffer.js';
import type { ServiceToken } from '../di/bpnet-container.js';

/**
 * Which pass a forward belongs to. `'training'`: a gradient step follows (dropout drops units, batch normalization
 * uses the batch's statistics and updates its running ones). `'inference'`: predictions and evaluation (dropout is
 * the identity, batch normalization uses its running statistics, nothing changes).
 */
export type Phase = 'training' | 'inference';

/** What a forward pass tells every layer besides its input. The network makes it; layers never keep it. */
export interface ForwardPass {
  /** The phase of this pass. */
  readonly phase: Phase;
  /**
   * The source a stochastic layer (one that declares `stochastic: true`) draws from in training: the network's own,
   * seeded from the container when the network is built and saved in every checkpoint, so a resumed run draws what
   * an uninterrupted one would. In inference, and in networks without stochastic layers, every draw throws.
   */
  readonly random: RandomSource;
}

/** A layer inside a container layer, with the name that starts its children's paths, e.g. `'body[0]'`. */
export interface ChildLayer {
  readonly name: string;
  readonly layer: Layer;
}

/**
 * A differentiable stage of a network. Rows of every matrix are samples.
 *
 * Sensitivities: `backward` receives ∂J/∂(this layer's output) and returns ∂J/∂(its input). With Dense and
 * Sigmoid as separate layers, what enters `Dense.backward` is the net gradient g = ∂J/∂net of docs/derivation.md
 * (section 5): with J the batch mean, g = −δ/N per sample, where the book's sensitivity is δ = −∂J/∂net.
 *
 * Buffers: the matrices returned by `forward` and `backward` belong to the layer and are overwritten by its next
 * call; clone them to keep them. The input given to `forward` must stay unchanged until `backward` has run.
 *
 * `backward` refers to the last `forward`, whatever its phase, and may be called more than once for it: each call
 * adds (`+=`) its ∂J/∂p into the gradients again. Only the optional members below are needed by layers that keep
 * state, draw random numbers or hold other layers; a plain layer ignores the second argument of `forward`.
 */
export interface Layer {
  /** The registered kind, e.g. `'dense'`. */
  readonly kind: string;
  /** Columns of the input. */
  readonly inputSize: number;
  /** Columns of the output. */
  readonly outputSize: number;
  /**
   * Computes the output for a batch (N × inputSize → N × outputSize) and caches what `backward` needs. `pass` says
   * the phase and gives stochastic layers their random source; a container hands the same `pass` to its children.
   */
  forward(input: Matrix, pass: ForwardPass): Matrix;
  /**
   * Given ∂J/∂output (N × outputSize) for the last forward input, adds ∂J/∂p into each parameter's `grad` and
   * returns ∂J/∂input (N × inputSize).
   */
  backward(sensitivity: Matrix): Matrix;
  /**
   * Optional: what `backward` does to the parameter gradients, without computing ∂J/∂input. The network calls it
   * for its first layer, whose input sensitivity nobody uses (for a dense layer that saves g · Wᵀ, a third of
   * its backward work). It must leave exactly the gradients `backward` would.
   */
  backwardParameters?(sensitivity: Matrix): void;
  /** The layer's own trainable parameters, in a fixed order (empty for parameter-free layers; not its children's). */
  parameters(): readonly Parameter[];
  /**
   * Optional: the layer's own non-trainable state (e.g. running statistics), in a fixed order. State is saved in
   * model files and checkpoints and restored bit for bit; it has no gradient and never reaches an optimizer. It may
   * change only in a training forward.
   */
  state?(): readonly StateBuffer[];
  /**
   * Optional: the layers this one is made of (see `LayerContext.build`). Their parameters and state belong to the
   * network under `<this layer's path>.<child name>.<name>`; this layer lists only its own.
   */
  children?(): readonly ChildLayer[];
  /** Declares that a training forward draws from `pass.random` (inference never draws). Default false. */
  readonly stochastic?: boolean;
  /**
   * Declares that in training, row n of the output depends on other rows of the batch (batch normalization), so
   * the batch's gradient is not the sum of its samples'. In inference every layer must treat rows independently.
   * Default false. A container need not declare what its children do: both flags are read over the whole tree.
   */
  readonly couplesSamples?: boolean;
}

/** A layer's entry in a network spec: its kind plus the options that kind takes. */
export interface LayerSpec {
  readonly kind: string;
  readonly [option: string]: unknown;
}

/** What the network builder hands to a layer registration's `create`. */
export interface LayerContext {
  /** Columns of this layer's input: the previous layer's `outputSize`, or the spec's `inputSize`. */
  readonly inputSize: number;
  /** The container's arithmetic service. */
  readonly kernels: Kernels;
  /**
   * The container's random source, for drawing initial values. Forward passes must not draw from it: a stochastic
   * layer draws from `pass.random` instead.
   */
  readonly random: RandomSource;
  /** Where this layer sits in the spec, for error messages and paths, e.g. `'layers[2]'` or `'layers[1].body[0]'`. */
  readonly where: string;
  /**
   * True when the network is being rebuilt from a model file or checkpoint: `initialize` then leaves values at zero
   * (the saved values replace them), so loading needs no initializer modules and draws nothing.
   */
  readonly restoring: boolean;
  /**
   * Builds a child layer from a nested spec through the container's registry, as the network builds its layers:
   * `spec` is validated (an object with a registered `kind`), the child is created with `inputSize` at
   * `<where>.<name>`, and its kind's package is recorded for the model file. Return the child from `children()`.
   * @param name - the child's name in paths, e.g. `'body[0]'`.
   * @throws Error naming the full path, e.g. `layers[1].body[0]: unknown layer kind 'x'`, or when containers nest
   *   deeper than the builder's limit.
   */
  build(spec: unknown, inputSize: number, name: string): Layer;
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
export interface LayerRegistration<Config extends { readonly kind: string } = LayerSpec> {
  /** The kind used in specs; third-party kinds are namespaced, e.g. `'acme/softsign'`. */
  readonly kind: string;
  /** The package that provides this kind, named in error messages. */
  readonly module?: string;
  /** Typical configs, which the conformance kit checks when given no others (default: `{ kind }` alone). */
  readonly examples?: readonly Config[];
  /**
   * Optional: how many parameter and state values (weights, biases, running statistics — not gradients or buffers)
   * the layer `create` makes from `config` at `inputSize` will hold, e.g. (inputSize + 1) · units for a dense layer.
   * When a build has a limit (a model file's `maxParameterValues`), the builder asks this before `create` and
   * refuses the layer if the count would take the network past the limit, so a spec asking for too much is refused
   * before anything is allocated. `config` is not yet validated: count the options as given, and return 0 for
   * options `create` will refuse (it reports them). Count only this layer's own values: a container's children are
   * checked as they are built. Without it, the layer's allocations are still bounded while `create` runs.
   */
  parameterCount?(config: Config, inputSize: number): number;
  create(config: Config, context: LayerContext): Layer;
}

/** A layer registration of any config type, as `layerModule` and the registry take them. */
// biome-ignore lint/suspicious/noExplicitAny: registrations with their own spec types must be accepted side by side
export type AnyLayerRegistration = LayerRegistration<any>;

/** Multi-binding: every layer kind's {@link LayerRegistration}. */
export const LAYER_REGISTRATION: ServiceToken<LayerRegistration> = Symbol.for('@bpnet/core/LayerRegistration');
