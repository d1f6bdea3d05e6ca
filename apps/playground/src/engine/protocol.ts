import type { Kinds, Snapshot } from './session.js';
import type { PlaygroundState } from './state.js';
import type { TraceStep } from './trace-steps.js';

/** The kernels the page asks for: `'auto'` (default) takes wasm when the browser has WebAssembly SIMD. */
export type KernelChoice = 'auto' | 'wasm' | 'js';

/** Messages from the page to the training worker. */
export type PageMessage =
  /** Builds a new session for `state` (stopping any run) and answers with `kinds` and a `snapshot`. */
  | {
      type: 'configure';
      state: PlaygroundState;
      kernels?: KernelChoice;
      /** Plug-ins to load first: `src/plugins/<name>.ts`, each default-exporting a ContainerModule (or an array). */
      plugins?: string[];
    }
  /** Trains continuously, posting snapshots, until `pause`. */
  | { type: 'run' }
  | { type: 'pause' }
  /** Trains one iteration and posts a snapshot. */
  | { type: 'step' }
  /**
   * Rebuilds the session at iteration 0 and posts a snapshot: from the last loaded model file when one was loaded
   * since the last `configure`, else from the last configured state (the same initial weights).
   */
  | { type: 'reset' }
  /** Traces training sample `index` (0-based); answered with a `trace` message. */
  | { type: 'trace'; index: number }
  /** Answered with a `model` message holding the model JSON. */
  | { type: 'save' }
  /**
   * Replaces the network with a saved one; answered with `loaded` and a snapshot, or an `error` message with source
   * 'load' (the session is then unchanged).
   */
  | { type: 'load'; json: string };

/** Messages from the training worker to the page. */
export type WorkerMessage =
  | { type: 'snapshot'; snapshot: Snapshot; running: boolean }
  | { type: 'kinds'; kinds: Kinds }
  /** A traced sample as steps to walk through, with its whole text (`formatTrace`), or why there is none. */
  | { type: 'trace'; sample: number; steps: TraceStep[]; text: string }
  | { type: 'trace'; error: string }
  /**
   * A model file was loaded: the network in one line, and the state the session now follows (its data set is the
   * toy set when the model fitted only that).
   */
  | { type: 'loaded'; network: string; state: PlaygroundState }
  | { type: 'model'; json: string }
  /** `source` says which request failed, e.g. `'load'` for a model file the loader refused. */
  | { type: 'error'; message: string; source?: PageMessage['type'] | 'run' };
