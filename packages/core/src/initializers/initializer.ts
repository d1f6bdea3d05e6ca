import type { Matrix } from '../kernels/matrix.js';
import type { RandomSource } from '../random/random-source.js';
import type { ServiceToken } from '../di/bpnet-container.js';

/** Fan sizes an initializer may scale by. */
export interface Fan {
  /** Inputs feeding each unit. */
  readonly fanIn: number;
  /** Units each input feeds. */
  readonly fanOut: number;
}

/**
 * An initializer in a spec: a kind name (`'zeros'`) or the kind with its options (`{ kind: 'gaussian', std: 0.1 }`).
 */
export type InitializerSpec = string | { readonly kind: string; readonly [option: string]: unknown };

/** What an initializer receives besides its options. */
export interface InitializerContext extends Fan {
  readonly random: RandomSource;
  /** Which matrix is being filled, for error messages, e.g. `'layers[0].weights'`. */
  readonly where: string;
}

/**
 * An initializer kind, bound under {@link INITIALIZER_REGISTRATION} (see `initializerModule`). `initialize`
 * validates `config` and fills every element of `target`.
 */
export interface InitializerRegistration {
  readonly kind: string;
  readonly module?: string;
  initialize(
    config: { readonly kind: string; readonly [option: string]: unknown },
    target: Matrix,
    context: InitializerContext,
  ): void;
}

/** Multi-binding: every initializer kind's {@link InitializerRegistration}. */
export const INITIALIZER_REGISTRATION: ServiceToken<InitializerRegistration> = Symbol.for(
  '@bpnet/core/InitializerRegistration',
);
