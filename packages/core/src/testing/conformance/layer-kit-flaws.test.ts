import { describe, expect, it } from 'vitest';
import type { ForwardPass, Layer, LayerRegistration } from '../../contract/layer.js';
import { Matrix } from '../../kernels/matrix.js';
import { createParameter, type Parameter } from '../../contract/parameter.js';
import { createStateBuffer } from '../../contract/state-buffer.js';
import type { ConformanceReport } from './conformance-report.js';
import { checkLayerConformance } from './layer-conformance.js';

// Small layers, each with one flaw of the kind hand-written layers have, and the check of the kit that must catch
// it. Every flawed layer has a correct twin that passes, so what fails is the flaw and nothing else.

/** A registration of `kind` whose `create` makes the layer `make(inputSize)`. */
function registration(kind: string, make: (inputSize: number) => Layer): LayerRegistration {
  return { kind, create: (_config, { inputSize }) => make(inputSize) };
}

function checks(report: ConformanceReport): string[] {
  return [...new Set(report.failures.map(({ check }) => check))];
}

const small = { inputSizes: [3], batchSizes: [4] } as const;

/** y = x ⊙ w (w: 1 × d); `assign` writes ∂J/∂w with = instead of +=. */
function scale(inputSize: number, assign: boolean): Layer {
  const w = createParameter('w', 1, inputSize);
  let input: Matrix | undefined;
  return {
    kind: 'test/scale',
    inputSize,
    outputSize: inputSize,
    parameters: () => [w],
    forward(x) {
      input = x;
      return new Matrix(
        x.rows,
        x.cols,
        x.data.map((v, i) => v * w.value.data[i % x.cols]),
      );
    },
    backward(s) {
      const x = input as Matrix;
      if (assign) w.grad.data.fill(0); // the flaw: the gradient of an earlier backward is overwritten
      s.data.forEach((g, i) => (w.grad.data[i % s.cols] += g * x.data[i]));
      return new Matrix(
        s.rows,
        s.cols,
        s.data.map((g, i) => g * w.value.data[i % s.cols]),
      );
    },
  };
}

/**
 * y = x + 0.1·z, z ~ N(0, 1) from the pass; `declared` says whether it declares `stochastic`, `inInference` whether it
 * draws there too.
 */
function noise(inputSize: number, declared: boolean, inInference: boolean): Layer {
  return {
    kind: 'test/noise',
    inputSize,
    outputSize: inputSize,
    stochastic: declared,
    parameters: () => [],
    forward: (x: Matrix, pass: ForwardPass) =>
      new Matrix(
        x.rows,
        x.cols,
        x.data.map((v) => (pass.phase === 'training' || inInference ? v + 0.1 * pass.random.normal() : v)),
      ),
    backward: (s) => s.clone(),
  };
}

type CenterFlaw = 'none' | 'updates-in-inference' | 'backward-changes-state' | 'state-as-parameter' | 'hidden-copy';

/**
 * y = x − m with m the batch mean in training (r ← 0.8 r + 0.2 m), y = x − r in inference; ∂J/∂x = δ − mean_n δ in
 * training, δ in inference. Plus a gain g (y = g ⊙ (x − m)) so that it has a parameter.
 */
function center(inputSize: number, flaw: CenterFlaw): Layer {
  const d = inputSize;
  const r = createStateBuffer('runningMean', 1, d);
  const g = createParameter('gain', 1, d);
  g.value.data.fill(1);
  const hidden = new Float64Array(d); // the flaw 'hidden-copy': inference reads this copy, which save/load cannot see
  let last: { x: Matrix; centered: Matrix; phase: string } | undefined;
  const parameters: Parameter[] =
    flaw === 'state-as-parameter' ? [g, { name: 'center', value: r.value, grad: new Matrix(1, d) }] : [g];
  return {
    kind: `test/center-${flaw}`,
    inputSize,
    outputSize: inputSize,
    couplesSamples: true,
    parameters: () => parameters,
    state: () => [r],
    forward(x, pass) {
      const batchMean = new Float64Array(d);
      for (let n = 0; n < x.rows; n++) for (let j = 0; j < d; j++) batchMean[j] += x.data[n * d + j] / x.rows;
      const m = pass.phase === 'training' ? batchMean : flaw === 'hidden-copy' ? hidden : r.value.data.slice();
      const centered = new Matrix(
        x.rows,
        d,
        x.data.map((v, i) => v - m[i % d]),
      );
      // the flaw 'updates-in-inference': running statistics updated whatever the phase
      if (pass.phase === 'training' || flaw === 'updates-in-inference') {
        for (let j = 0; j < d; j++) r.value.data[j] = 0.8 * r.value.data[j] + 0.2 * batchMean[j];
        if (flaw === 'hidden-copy') hidden.set(r.value.data);
      }
      last = { x, centered, phase: pass.phase };
      return new Matrix(
        x.rows,
        d,
        centered.data.map((v, i) => v * g.value.data[i % d]),
      );
    },
    backward(s) {
      const { centered, phase } = last as NonNullable<typeof last>;
      s.data.forEach((v, i) => (g.grad.data[i % d] += v * centered.data[i]));
      const gs = s.data.map((v, i) => v * g.value.data[i % d]);
      const mean = new Float64Array(d);
      if (phase === 'training') for (let i = 0; i < gs.length; i++) mean[i % d] += gs[i] / s.rows;
      if (flaw === 'backward-changes-state') r.value.data[0] += 1;
      return new Matrix(
        s.rows,
        d,
        gs.map((v, i) => v - mean[i % d]),
      );
    },
  };
}

/** y = √(−1 − x²): NaN for every input, and so is its derivative −x / √(−1 − x²). */
function alwaysNaN(inputSize: number): Layer {
  let input: Matrix | undefined;
  return {
    kind: 'test/nan',
    inputSize,
    outputSize: inputSize,
    parameters: () => [],
    forward(x) {
      input = x;
      return new Matrix(
        x.rows,
        x.cols,
        x.data.map((v) => Math.sqrt(-1 - v * v)),
      );
    },
    backward: (s) =>
      new Matrix(
        s.rows,
        s.cols,
        s.data.map((v, i) => (v * -(input as Matrix).data[i]) / Math.sqrt(-1 - (input as Matrix).data[i] ** 2)),
      ),
  };
}

/**
 * A coupled layer: in training y_n = x_n − x_0 (every row minus the batch's first), whose exact gradient is
 * ∂J/∂x_m = δ_m − [m = 0] Σ_n δ_n; identity in inference. With `equivariant`, it subtracts the batch mean instead.
 */
function minusRow(inputSize: number, equivariant: boolean): Layer {
  const d = inputSize;
  let phase = 'inference';
  return {
    kind: 'test/minus-row',
    inputSize,
    outputSize: inputSize,
    couplesSamples: true,
    parameters: () => [],
    forward(x, pass) {
      phase = pass.phase;
      if (phase !== 'training') return x.clone();
      const m = new Float64Array(d);
      for (let n = 0; n < x.rows; n++)
        for (let j = 0; j < d; j++) if (equivariant || n === 0) m[j] += x.data[n * d + j] / (equivariant ? x.rows : 1);
      return new Matrix(
        x.rows,
        d,
        x.data.map((v, i) => v - m[i % d]),
      );
    },
    backward(s) {
      if (phase !== 'training') return s.clone();
      const sum = new Float64Array(d);
      for (let i = 0; i < s.data.length; i++) sum[i % d] += s.data[i];
      return new Matrix(
        s.rows,
        d,
        s.data.map((v, i) => (equivariant ? v - sum[i % d] / s.rows : i < d ? v - sum[i] : v)),
      );
    },
  };
}

describe('the layer kit passes the correct twins', () => {
  it.each<[string, (inputSize: number) => Layer]>([
    ['a scale layer that adds into its gradient', (n) => scale(n, false)],
    ['a declared stochastic layer that draws only in training', (n) => noise(n, true, false)],
    ['a centering layer with running state', (n) => center(n, 'none')],
    ['a coupled layer that treats rows alike', (n) => minusRow(n, true)],
  ])('%s', (_, make) => {
    const report = checkLayerConformance(registration('test/correct', make));
    expect(report.failures).toEqual([]);
  });
});

describe('the layer kit catches', () => {
  it(
    'a backward that assigns (=) its parameter gradient instead ' + "of adding (+=) → 'backward adds into gradients'",
    () => {
      const report = checkLayerConformance(
        registration('test/assigns', (n) => scale(n, true)),
        small,
      );
      expect(checks(report)).toEqual(['backward adds into gradients']);
      expect(report.failures[0].message).toMatch(
        /^∂J\/∂w after two backwards \(expected twice one's: it must add, \+=, not assign\): element \d+ is /,
      );
    },
  );

  it('a layer that draws without declaring `stochastic`, with a message saying to declare it', () => {
    const report = checkLayerConformance(
      registration('test/undeclared', (n) => noise(n, false, false)),
      small,
    );
    expect(checks(report)).toEqual(['warm-up training forwards']); // the first training forward already draws
    for (const failure of report.failures) {
      expect(failure.message).toContain(
        'no layer of this network declares `stochastic: true`; declare it on the layer',
      );
    }
  });

  it('a stochastic layer that draws in inference', () => {
    const report = checkLayerConformance(
      registration('test/draws-in-inference', (n) => noise(n, true, true)),
      small,
    );
    expect(checks(report)).toEqual(['gradients']); // the inference gradient check is the first inference forward
    expect(report.failures.every(({ setting }) => setting.endsWith(', inference'))).toBe(true);
    expect(report.failures[0].message).toContain(
      'A layer drew a random number in an inference pass; stochastic ' +
        "layers draw only in training (pass.phase === 'training')",
    );
  });

  it("a layer that updates its state in an inference forward → 'state changes only in a training forward'", () => {
    const report = checkLayerConformance(
      registration('test/updates-in-inference', (n) => center(n, 'updates-in-inference')),
      small,
    );
    expect(checks(report)).toEqual(['state changes only in a training forward']);
    expect(report.failures[0].setting).toMatch(/, inference$/);
    expect(report.failures[0].message).toMatch(/^state runningMean after an inference forward: element 0 is /);
  });

  it("a layer whose backward changes its state → 'state changes only in a training forward'", () => {
    const report = checkLayerConformance(
      registration('test/backward-changes-state', (n) => center(n, 'backward-changes-state')),
      small,
    );
    expect(checks(report)).toEqual(['state changes only in a training forward']);
    expect(report.failures.map(({ setting }) => setting.split(', ').pop())).toEqual(['training', 'inference']);
    expect(report.failures[0].message).toMatch(/^state runningMean after backward: element 0 is /);
  });

  it("state also listed among the parameters → 'state is not trainable'", () => {
    const report = checkLayerConformance(
      registration('test/state-as-parameter', (n) => center(n, 'state-as-parameter')),
      small,
    );
    expect(checks(report)).toContain('state is not trainable');
    expect(report.failures.find(({ check }) => check === 'state is not trainable')?.message).toBe(
      'state runningMean is also listed as a parameter; state must be declared only in state()',
    );
  });

  it("state a save and load does not restore (a hidden copy) → 'save and load'", () => {
    const report = checkLayerConformance(
      registration('test/hidden-copy', (n) => center(n, 'hidden-copy')),
      small,
    );
    expect(checks(report)).toEqual(['save and load']);
    expect(report.failures[0].setting).toMatch(/, inference$/);
    expect(report.failures[0].message).toMatch(/^output after save and load: element 0 is /);
  });

  it('a forward that is NaN for every input, saying in words that both sides are non-finite', () => {
    const report = checkLayerConformance(registration('test/nan', alwaysNaN), small);
    const failure = report.failures.find(({ check }) => check === 'gradient of input');
    expect(failure).toBeDefined();
    expect(failure?.message).toContain(
      'are both non-finite, so nothing was compared; the layer computes NaN ' +
        'or infinite values for this input and these parameters',
    );
    expect(failure?.message).not.toMatch(/NaN vs NaN/);
  });

  it("a coupled layer whose rows depend on their position → 'batch rows permute'", () => {
    const report = checkLayerConformance(
      registration('test/minus-first-row', (n) => minusRow(n, false)),
      small,
    );
    expect(checks(report)).toEqual(['batch rows permute']);
    expect(report.failures[0].message).toMatch(/^output of the reversed batch, reversed back: element \d+ is /);
  });

  it(
    'a container that hands a stochastic child another pass than ' + "its own → 'stochastic layers draw in training'",
    () => {
      const child = noise(3, true, false);
      const dropsPass = registration('test/drops-pass', (inputSize) => ({
        kind: 'test/drops-pass',
        inputSize,
        outputSize: inputSize,
        parameters: () => [],
        children: () => [{ name: 'inner', layer: child }],
        forward: (x: Matrix) =>
          child.forward(x, {
            phase: 'inference',
            random: {
              uniform: () => 0,
              normal: () => 0,
              integer: () => 0,
              shuffle: () => undefined,
              sample: (_n: number, out: Int32Array) => out,
            },
          }),
        backward: (s: Matrix) => child.backward(s),
      }));
      const report = checkLayerConformance(dropsPass, small);
      expect(checks(report)).toEqual(['stochastic layers draw in training']);
      expect(report.failures[0].message).toContain('does a container hand its children another pass than its own?');
    },
  );
});
