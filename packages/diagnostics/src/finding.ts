/** Something `diagnose` found wrong inside a network. Every finding carries a plain-language `message`. */
export type Finding =
  | {
      /**
       * Units with identical incoming weights and bias: they compute the same value and get the same gradient forever.
       */
      readonly kind: 'symmetric-units';
      readonly layer: number;
      readonly units: number;
      readonly distinctUnits: number;
      readonly message: string;
    }
  | {
      /** Units whose incoming weights and bias received an all-zero gradient on the batch: they cannot learn. */
      readonly kind: 'zero-gradient-units';
      readonly layer: number;
      readonly units: readonly number[];
      readonly message: string;
    }
  | {
      /** Activation units whose f'(net) is nearly 0 on most samples (saturated sigmoids, dead ReLUs). */
      readonly kind: 'saturated-units';
      readonly layer: number;
      /** Fraction of (sample, unit) pairs with f'(net) below 1% of its largest value. */
      readonly saturatedFraction: number;
      /** Units saturated on every sample. */
      readonly fullySaturatedUnits: readonly number[];
      readonly message: string;
    }
  | {
      /** The sensitivity reaching the first layer is far smaller or larger than at the output. */
      readonly kind: 'vanishing-sensitivity' | 'exploding-sensitivity';
      /** ‖∂J/∂input‖ (root mean square) at the first layer divided by that at the last. */
      readonly ratio: number;
      readonly message: string;
    }
  | {
      /** The first NaN or Infinity: in a parameter, or in the forward or backward pass. */
      readonly kind: 'non-finite';
      readonly layer: number;
      readonly pass: 'parameters' | 'forward' | 'backward';
      readonly quantity: string;
      readonly message: string;
    };
