import { describe, expect, it } from 'vitest';
import { TrainingSession } from './session.js';
import { defaultState } from './state.js';
import type { StepMatrix, TraceStep } from './trace-steps.js';

/** The derivation's net on the toy set: 4 inputs, 3 sigmoid hidden units, 3 sigmoid outputs, squared error. */
const threeLayer = {
  ...defaultState(),
  dataset: 'toy' as const,
  hidden: [3],
  activation: 'sigmoid',
  loss: 'squared-error',
  learningRate: 0.5,
};

function stepsOf(session: TrainingSession, sample = 0): TraceStep[] {
  const traced = session.traceSample(sample);
  if (traced instanceof Error) throw traced;
  return traced.steps;
}

function matrix(step: TraceStep, symbolStart: string): number[][] {
  const found: StepMatrix | undefined = step.quantities.find((q) => q.symbol.startsWith(symbolStart));
  if (!found) throw new Error(`no '${symbolStart}' in step '${step.title}': ${step.quantities.map((q) => q.symbol)}`);
  return found.rows;
}

describe('traceSteps', () => {
  const session = new TrainingSession(threeLayer);
  session.step(5);
  const steps = stepsOf(session, 2);

  it('walks forward layer by layer, the loss, backward from the output down, the updates, the worked elements', () => {
    expect(steps.map((step) => step.phase)).toEqual([
      'before',
      'forward',
      'forward',
      'forward',
      'forward',
      'loss',
      'backward',
      'backward',
      'backward',
      'backward',
      'update',
      'update',
      ...Array(6).fill('worked'),
    ]);
    expect(steps.filter((s) => s.phase === 'backward').map((s) => s.layer)).toEqual([3, 2, 1, 0]);
    // The diagram's columns: the first dense layer and its sigmoid are hidden layer 1, the rest the output.
    expect(steps.filter((s) => s.phase === 'forward').map((s) => s.column)).toEqual([1, 1, 2, 2]);
    expect(steps[0].quantities.map((q) => q.rows)).toEqual([
      [session.train.inputs[2]],
      [[0, 0, 0].map((_, k) => (k === session.train.labels[2] ? 1 : 0))],
    ]);
  });

  it('the first dense step holds x, W1, b1 and net_j = Σ_i w_ji x_i + b_j, which its numbers satisfy', () => {
    const forward = steps[1];
    expect(forward.equation).toContain('net_j = Σ_i w_ji x_i + b_j');
    const [x] = matrix(forward, 'x_i');
    const w = matrix(forward, 'W1[i][j]');
    const [b] = matrix(forward, 'b_j');
    const [net] = matrix(forward, 'net_j');
    net.forEach((value, j) => {
      const byHand = x.reduce((sum, xi, i) => sum + w[i][j] * xi, b[j]);
      expect(value).toBeCloseTo(byHand, 12);
    });
  });

  it("the hidden sigmoid's backward step satisfies g_j = y_j(1 − y_j) ∂J/∂y_j and δ_j = −N·g_j", () => {
    const backward = steps.find((s) => s.phase === 'backward' && s.layer === 1) as TraceStep;
    expect(backward.equation).toContain('g_j = ∂J/∂net_j = f′(net_j) ∂J/∂y_j');
    const [dJdy] = matrix(backward, '∂J/∂y_j');
    const [g] = matrix(backward, "g_j = ∂J/∂net_j = f'(net_j)");
    const [delta] = matrix(backward, 'δ_j');
    const [y] = matrix(steps[2], 'y_j');
    g.forEach((value, j) => {
      expect(value).toBeCloseTo(y[j] * (1 - y[j]) * dJdy[j], 12);
      expect(delta[j]).toBeCloseTo(-1 * value, 12);
    });
  });

  it('the loss step gives J = ½‖t − z‖² of the sample and ∂J/∂z = z − t', () => {
    const loss = steps[5];
    const [z] = matrix(loss, 'z_k');
    const [dJdz] = matrix(loss, '∂J/∂z_k');
    const t = steps[0].quantities[1].rows[0];
    const J = z.reduce((sum, zk, k) => sum + 0.5 * (t[k] - zk) ** 2, 0);
    expect(Number(loss.notes[0].replace('J = ', ''))).toBeCloseTo(J, 12);
    dJdz.forEach((value, k) => expect(value).toBeCloseTo(z[k] - t[k], 12));
  });

  it('an update step holds Δw = −η ∂J/∂w for every weight', () => {
    const update = steps.find((s) => s.phase === 'update' && s.layer === 2) as TraceStep;
    const gradient = matrix(steps.find((s) => s.phase === 'backward' && s.layer === 2) as TraceStep, '∂J/∂w_kj');
    const delta = matrix(update, 'Δw_kj');
    delta.forEach((row, j) => row.forEach((value, k) => expect(value).toBeCloseTo(-0.5 * gradient[j][k], 14)));
    expect(update.equation).toContain('the playground does not apply it');
  });

  it('gives the layers of other nets the same symbols and equations, with δ = −N·g beside each g', () => {
    const other = stepsOf(new TrainingSession({ ...defaultState(), hidden: [2, 2] }));
    const forward = other.filter((s) => s.phase === 'forward');
    expect(forward.map((s) => s.column)).toEqual([1, 1, 2, 2, 3]);
    expect(forward[1].equation).toBe('y_j = f(net_j), element by element, f = tanh (equations 2 and 4)');
    expect(forward[0].quantities.map((q) => q.symbol)).toEqual([
      "x_i, the layer's input",
      'W[i][j] = w_ji, before the step',
      'b_j, before the step',
      'net_j = Σ_i w_ji x_i + b_j',
    ]);
    const loss = other.find((s) => s.phase === 'loss') as TraceStep;
    expect(loss.equation).toContain('∂J/∂z_k = (softmax(z)_k − t_k)/N');
    const [z] = matrix(loss, 'z_k');
    const [dJdz] = matrix(loss, '∂J/∂z_k');
    const t = other[0].quantities[1].rows[0];
    const softmax = z.map((zk) => Math.exp(zk) / z.reduce((sum, zj) => sum + Math.exp(zj), 0));
    dJdz.forEach((value, k) => expect(value).toBeCloseTo(softmax[k] - t[k], 12));
    const tanhBackward = other.find((s) => s.phase === 'backward' && s.layer === 3) as TraceStep;
    expect(tanhBackward.quantities.map((q) => q.symbol)).toEqual([
      '∂J/∂y_j, from the layer above',
      'g_j = ∂J/∂net_j = f′(net_j) ∂J/∂y_j',
      "δ_j = −N·g_j, the book's sensitivity of each sample",
    ]);
    const [g] = matrix(tanhBackward, 'g_j');
    const [delta] = matrix(tanhBackward, 'δ_j');
    expect(delta).toEqual(g.map((value) => -value));
    expect(other.some((s) => s.phase === 'worked')).toBe(false);
  });
});
