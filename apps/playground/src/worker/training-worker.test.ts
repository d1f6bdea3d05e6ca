import { describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../engine/protocol.js';
import { TrainingSession } from '../engine/session.js';
import { defaultState } from '../engine/state.js';
import { createWorkerHandler, resolveKernels } from './training-worker.js';

function harness() {
  const posts: WorkerMessage[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  const handle = createWorkerHandler((message) => posts.push(message), {
    // Each reading of the clock advances it 1 ms, so a slice runs a few steps and every slice may post.
    now: () => clock++,
    schedule: (fn) => queue.push(fn),
  });
  const runQueued = (times: number) => {
    for (let i = 0; i < times && queue.length > 0; i++) queue.shift()?.();
  };
  return { posts, queue, handle, runQueued };
}

describe('training worker handler', () => {
  it('configure posts the kinds then an iteration-0 snapshot', () => {
    const { posts, handle } = harness();
    handle({ type: 'configure', state: defaultState(), kernels: 'js' });
    expect(posts.map((m) => m.type)).toEqual(['kinds', 'snapshot']);
    const kinds = posts[0] as Extract<WorkerMessage, { type: 'kinds' }>;
    expect(kinds.kinds.activations).toEqual(['relu', 'sigmoid', 'tanh']);
    const snap = posts[1] as Extract<WorkerMessage, { type: 'snapshot' }>;
    expect(snap.snapshot.iteration).toBe(0);
    expect(snap.snapshot.kernels).toBe('js');
    expect(snap.snapshot.boundary).toHaveLength(2500);
  });

  it('step trains one iteration; run trains in slices until pause; reset starts over', () => {
    const { posts, handle, runQueued, queue } = harness();
    handle({ type: 'configure', state: defaultState(), kernels: 'js' });
    handle({ type: 'step' });
    expect((posts.at(-1) as Extract<WorkerMessage, { type: 'snapshot' }>).snapshot.iteration).toBe(1);
    handle({ type: 'run' });
    runQueued(5);
    const snapshots = posts.filter((m) => m.type === 'snapshot');
    const last = snapshots.at(-1) as Extract<WorkerMessage, { type: 'snapshot' }>;
    expect(last.running).toBe(true);
    expect(last.snapshot.iteration).toBeGreaterThan(1);
    handle({ type: 'pause' });
    const paused = posts.at(-1) as Extract<WorkerMessage, { type: 'snapshot' }>;
    expect(paused.running).toBe(false);
    // However the run was cut into slices, it trained as one session stepped as often from the same state.
    const alone = new TrainingSession(defaultState());
    alone.step(paused.snapshot.iteration);
    expect(paused.snapshot.testLoss).toBe(alone.snapshot().testLoss);
    const count = posts.length;
    runQueued(5); // a slice scheduled before the pause does nothing
    expect(posts.length).toBe(count);
    expect(queue).toHaveLength(0);
    handle({ type: 'reset' });
    const reset = (posts.at(-1) as Extract<WorkerMessage, { type: 'snapshot' }>).snapshot;
    expect(reset.iteration).toBe(0);
    expect(reset.testLoss).toBe(new TrainingSession(defaultState()).snapshot().testLoss);
  });

  it('answers trace, save and load; a broken model file gives the loader error', () => {
    const { posts, handle } = harness();
    handle({ type: 'configure', state: defaultState(), kernels: 'js' });
    handle({ type: 'trace', index: 0 });
    const trace = posts.at(-1) as Extract<WorkerMessage, { type: 'trace'; text: string }>;
    expect(trace.sample).toBe(0);
    expect(trace.steps.map((step) => step.phase)).toEqual([
      'before',
      ...Array(5).fill('forward'),
      'loss',
      ...Array(5).fill('backward'),
      ...Array(3).fill('update'),
    ]);
    expect(trace.text).toMatch(/One gradient-descent step on a batch of N = 1 sample/);
    handle({ type: 'trace', index: -1 });
    expect(posts.at(-1)).toEqual({ type: 'trace', error: expect.stringMatching(/sample -1 does not exist/) });
    handle({ type: 'step' });
    const before = (posts.at(-1) as Extract<WorkerMessage, { type: 'snapshot' }>).snapshot;
    handle({ type: 'save' });
    const model = posts.at(-1) as Extract<WorkerMessage, { type: 'model' }>;
    expect(JSON.parse(model.json).spec.inputSize).toBe(2);
    handle({ type: 'reset' });
    handle({ type: 'load', json: model.json });
    expect(posts.at(-2)).toEqual({
      type: 'loaded',
      network: '2-4-2-2: dense, tanh, dense, tanh, dense; loss softmax-cross-entropy',
      state: defaultState(),
    });
    const after = (posts.at(-1) as Extract<WorkerMessage, { type: 'snapshot' }>).snapshot;
    expect(after.testLoss).toBe(before.testLoss);
    // Reset after a load goes back to the loaded weights, not to the settings' initial ones.
    handle({ type: 'step' });
    handle({ type: 'reset' });
    expect((posts.at(-1) as Extract<WorkerMessage, { type: 'snapshot' }>).snapshot.testLoss).toBe(before.testLoss);
    handle({ type: 'load', json: 'not json' });
    const error = posts.at(-1) as Extract<WorkerMessage, { type: 'error' }>;
    expect(error.source).toBe('load');
    expect(error.message).toMatch(/^Model/);
  });

  it('reports errors for messages before configure and for unknown kinds', () => {
    const { posts, handle } = harness();
    handle({ type: 'step' });
    expect(posts.at(-1)).toEqual({
      type: 'error',
      source: 'step',
      message: "step: no session yet; send 'configure' first",
    });
    handle({ type: 'configure', state: { ...defaultState(), activation: 'nope' } });
    expect((posts.at(-1) as Extract<WorkerMessage, { type: 'error' }>).message).toMatch(/unknown layer kind 'nope'/);
    // The refused state is not kept: reset rebuilds the last good one.
    handle({ type: 'configure', state: defaultState(), kernels: 'js' });
    handle({ type: 'configure', state: { ...defaultState(), activation: 'nope' }, kernels: 'js' });
    handle({ type: 'reset' });
    const reset = posts.at(-1) as Extract<WorkerMessage, { type: 'snapshot' }>;
    expect(reset.type).toBe('snapshot');
    expect(reset.snapshot.testLoss).toBe(new TrainingSession(defaultState()).snapshot().testLoss);
  });

  it('uses wasm only with WebAssembly SIMD, and Node has it', () => {
    expect(resolveKernels('auto', false)).toBe('js');
    expect(resolveKernels('wasm', false)).toBe('js');
    expect(resolveKernels('auto', true)).toBe('wasm');
    expect(resolveKernels('js', true)).toBe('js');
    expect(resolveKernels(undefined)).toBe('wasm');
  });
});
