import type { Network } from '../network/network.js';
import type { RandomSourceState } from '../random/random-source.js';

/**
 * What a gradient step changes besides the parameters, kept so that a step refused by the divergence guard leaves
 * no trace: the state buffers (a training forward moves running statistics) and the network's random source (a
 * stochastic layer drew its mask). Networks with neither keep nothing and pay nothing.
 */
export class StepRollback {
  private readonly saved: Float64Array[];
  private randomState: RandomSourceState | undefined;

  constructor(private readonly network: Network) {
    this.saved = network.state().map(({ value }) => new Float64Array(value.data.length));
  }

  /** Whether the network has anything a step could change besides its parameters. */
  get needed(): boolean {
    return this.saved.length > 0 || this.network.random !== undefined;
  }

  /** Copies the state and the random source's position before a step. */
  capture(): void {
    const states = this.network.state();
    for (let index = 0; index < states.length; index++) this.saved[index].set(states[index].value.data);
    this.randomState = this.network.random?.saveState();
  }

  /** Puts the state and the random source back where {@link capture} found them. */
  restore(): void {
    const states = this.network.state();
    for (let index = 0; index < states.length; index++) states[index].value.data.set(this.saved[index]);
    if (this.randomState !== undefined) this.network.random?.loadState(this.randomState);
  }
}
