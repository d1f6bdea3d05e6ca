import type { BatchTrace } from '@bpnet/diagnostics';
import type { Kinds, Snapshot } from './session.js';
import type { PlaygroundState } from './state.js';

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
  /** Rebuilds the session from the last configured state (iteration 0) and posts a snapshot. */
  | { type: 'reset' }
  /** Traces training sample `index`; answered with a `trace` message. */
  | { type: 'trace'; index: number }
  /** Answered with a `model` message holding the model JSON. */
  | { type: 'save' }
  /** Replaces the network with a saved one; answered with a snapshot, or an `error` message with source 'load'. */
  | { type: 'load'; json: string };

/** Messages from the training worker to the page. */
export type WorkerMessage =
  | { type: 'snapshot'; snapshot: Snapshot; running: boolean }
  | { type: 'kinds'; kinds: Kinds }
  /** A trace with its text (`formatTrace`), or why there is none. */
  | { type: 'trace'; trace: BatchTrace; text: string }
  | { type: 'trace'; error: string }
  | { type: 'model'; json: string }
  /** `source` says which request failed, e.g. `'load'` for a model file the loader refused. */
  | { type: 'error'; message: string; source?: PageMessage['type'] | 'run' };
