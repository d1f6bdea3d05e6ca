/// <reference types="vite/client" />
import type { ContainerModule } from '@bpnet/core';
import type { KernelChoice, PageMessage, WorkerMessage } from '../engine/protocol.js';
import { describeNetwork, type SessionOptions, TrainingSession } from '../engine/session.js';
import type { PlaygroundState } from '../engine/state.js';

/** Milliseconds of training per slice while running. */
export const SLICE_MS = 8;
/** Least milliseconds between two snapshots while running (one animation frame at 60 Hz). */
export const SNAPSHOT_MS = 16;
/** While running, `diagnose` runs for at most one snapshot in this many milliseconds (its findings change slowly). */
export const DIAGNOSE_MS = 500;

/** A tiny module using a v128 instruction: WebAssembly.validate accepts it only where SIMD is supported. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Whether this runtime has WebAssembly with SIMD. */
export function hasWasmSimd(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** The kernels a choice resolves to here: wasm only with WebAssembly SIMD. */
export function resolveKernels(choice: KernelChoice | undefined, simd = hasWasmSimd()): 'wasm' | 'js' {
  if (choice === 'js') return 'js';
  return simd ? 'wasm' : 'js';
}

/** Options of {@link createWorkerHandler}. */
export interface WorkerHandlerOptions extends Pick<SessionOptions, 'extraModules'> {
  /** The clock (default `performance.now`). */
  now?: () => number;
  /** Schedules the next slice (default `setTimeout(fn, 0)`). */
  schedule?: (fn: () => void) => void;
  /**
   * Loads the plug-in modules a `configure` message names (`plugins`); the worker entry loads `src/plugins/<name>.ts`,
   * whose default export is a ContainerModule or an array of them.
   */
  loadPlugins?: (names: readonly string[]) => Promise<ContainerModule[]>;
}

/**
 * The worker's logic, independent of the worker global: returns the handler of page messages, which owns one
 * {@link TrainingSession} and answers through `post`. While running it trains in slices of at most about
 * {@link SLICE_MS} ms (iterations per slice adapt to the measured speed; a slice ends early when a snapshot is due)
 * and posts a snapshot every {@link SNAPSHOT_MS} ms.
 */
export function createWorkerHandler(
  post: (message: WorkerMessage) => void,
  options: WorkerHandlerOptions = {},
): (message: PageMessage) => void {
  const now = options.now ?? (() => performance.now());
  const schedule = options.schedule ?? ((fn: () => void) => setTimeout(fn, 0));
  let session: TrainingSession | undefined;
  let state: PlaygroundState | undefined;
  /** The model file loaded since the last `configure`, which `reset` goes back to. */
  let loadedModel: string | undefined;
  let kernels: 'wasm' | 'js' = 'js';
  let running = false;
  /** Identifies the current run, so a slice scheduled by an earlier run does nothing. */
  let runId = 0;
  let perSlice = 1;
  let lastSnapshot = Number.NEGATIVE_INFINITY;

  const fail = (source: PageMessage['type'] | 'run', error: unknown) => {
    running = false;
    runId++;
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), source });
  };
  let lastDiagnosis = Number.NEGATIVE_INFINITY;
  const postSnapshot = () => {
    if (session === undefined) return;
    lastSnapshot = now();
    // diagnose() costs more than the rest of a snapshot: while running, its findings refresh every DIAGNOSE_MS.
    const diagnoseNow = !running || lastSnapshot - lastDiagnosis >= DIAGNOSE_MS;
    if (diagnoseNow) lastDiagnosis = lastSnapshot;
    post({ type: 'snapshot', snapshot: session.snapshot(50, { diagnose: diagnoseNow }), running });
  };
  const build = (next: TrainingSession) => {
    session = next;
    perSlice = 1;
  };
  const slice = (id: number) => {
    if (!running || id !== runId || session === undefined) return;
    try {
      const start = now();
      // A slice ends after SLICE_MS, or earlier when the next snapshot is due, so snapshots keep their rhythm.
      const end = Math.min(start + SLICE_MS, lastSnapshot + SNAPSHOT_MS);
      do {
        const before = now();
        session.step(perSlice);
        const took = now() - before;
        // Aim for about a quarter slice per call, so the slice ends near SLICE_MS.
        if (took < SLICE_MS / 8) perSlice = Math.min(perSlice * 2, 4096);
        else if (took > SLICE_MS / 2 && perSlice > 1) perSlice = Math.max(1, Math.floor(perSlice / 2));
      } while (now() < end);
      if (now() - lastSnapshot >= SNAPSHOT_MS) postSnapshot();
    } catch (error) {
      fail('run', error);
      postSnapshot();
      return;
    }
    schedule(() => slice(id));
  };
  const requireSession = (what: PageMessage['type']): TrainingSession => {
    if (session === undefined) throw new Error(`${what}: no session yet; send 'configure' first`);
    return session;
  };

  let extraModules: ContainerModule[] = options.extraModules ?? [];
  /** While plug-ins load, later messages wait for them. */
  let pending: Promise<void> | undefined;

  const handle = (message: PageMessage): void => {
    try {
      switch (message.type) {
        case 'configure': {
          running = false;
          runId++;
          const names = message.plugins ?? [];
          if (names.length > 0 && options.loadPlugins === undefined) {
            throw new Error(`configure: plug-ins ${names.join(', ')} were asked for but this worker cannot load any`);
          }
          if (names.length > 0 && options.loadPlugins !== undefined) {
            const loading = options.loadPlugins(names).then(
              (modules) => {
                extraModules = [...(options.extraModules ?? []), ...modules];
                pending = undefined;
                handle({ ...message, plugins: [] });
              },
              (error) => {
                pending = undefined;
                fail('configure', error);
              },
            );
            pending = loading;
            return;
          }
          if (message.plugins === undefined) extraModules = options.extraModules ?? [];
          // Built first: a state the session refuses leaves the last good one for reset.
          const chosen = resolveKernels(message.kernels);
          const next = new TrainingSession(message.state, { kernels: chosen, extraModules });
          kernels = chosen;
          state = message.state;
          loadedModel = undefined;
          build(next);
          post({ type: 'kinds', kinds: requireSession('configure').kinds() });
          postSnapshot();
          break;
        }
        case 'run': {
          requireSession('run');
          if (running) break;
          running = true;
          const id = ++runId;
          schedule(() => slice(id));
          break;
        }
        case 'pause':
          running = false;
          runId++;
          postSnapshot();
          break;
        case 'step':
          requireSession('step').step(1);
          postSnapshot();
          break;
        case 'reset':
          if (state === undefined) throw new Error("reset: no state yet; send 'configure' first");
          running = false;
          runId++;
          build(
            loadedModel === undefined
              ? new TrainingSession(state, { kernels, extraModules })
              : TrainingSession.loadModel(loadedModel, state, { kernels, extraModules }),
          );
          postSnapshot();
          break;
        case 'trace': {
          const traced = requireSession('trace').traceSample(message.index);
          if (traced instanceof Error) post({ type: 'trace', error: traced.message });
          else post({ type: 'trace', sample: message.index, steps: traced.steps, text: traced.text });
          break;
        }
        case 'save':
          post({ type: 'model', json: requireSession('save').saveModel() });
          break;
        case 'load': {
          if (state === undefined) throw new Error("load: no state yet; send 'configure' first");
          const loaded = TrainingSession.loadModel(message.json, state, { kernels, extraModules });
          running = false;
          runId++;
          build(loaded);
          state = loaded.state;
          loadedModel = message.json;
          post({ type: 'loaded', network: describeNetwork(loaded.network), state: loaded.state });
          postSnapshot();
          break;
        }
        default:
          throw new Error(
            `unknown message type ${JSON.stringify((message as { type?: unknown }).type)}; expected configure, ` +
              'run, pause, step, reset, trace, save or load',
          );
      }
    } catch (error) {
      fail(message.type, error);
    }
  };
  return (message) => {
    if (pending !== undefined) pending = pending.then(() => handle(message));
    else handle(message);
  };
}

/** The worker global, when this module runs as a worker (not when a test imports it). */
interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<PageMessage>) => void) | null;
}

declare const WorkerGlobalScope: (abstract new () => unknown) | undefined;

if (typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope) {
  const scope = globalThis as unknown as WorkerScope;
  const plugins = import.meta.glob<{ default: ContainerModule | ContainerModule[] }>('../plugins/*.ts');
  const loadPlugins = async (names: readonly string[]) => {
    const modules: ContainerModule[] = [];
    for (const name of names) {
      const load = plugins[`../plugins/${name}.ts`];
      if (load === undefined) {
        const known = Object.keys(plugins).map((path) => path.replace(/^\.\.\/plugins\/|\.ts$/g, ''));
        throw new Error(`plug-in '${name}' does not exist; known plug-ins: ${known.join(', ') || 'none'}`);
      }
      const loaded = (await load()).default;
      modules.push(...(Array.isArray(loaded) ? loaded : [loaded]));
    }
    return modules;
  };
  // Slices follow each other through a MessageChannel: a chain of setTimeout(0) calls is clamped to 4 ms apart after
  // a few links, which would idle the worker a third of the time between an 8 ms slice and the next.
  const channel = new MessageChannel();
  const next: (() => void)[] = [];
  channel.port1.onmessage = () => next.shift()?.();
  const schedule = (fn: () => void) => {
    next.push(fn);
    channel.port2.postMessage(null);
  };
  const handle = createWorkerHandler((message) => scope.postMessage(message), { loadPlugins, schedule });
  scope.onmessage = (event) => handle(event.data);
}
