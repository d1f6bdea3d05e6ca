import type { BatchTrace, TracedLayer, TracedQuantity, TracedRole } from '@bpnet/diagnostics';

/** A traced matrix as plain data (it crosses postMessage): its symbol, its shape and its rows. */
export interface StepMatrix {
  symbol: string;
  /** `rows×cols`, and what a row is: `a row per sample` or the parameter's layout. */
  shape: string;
  rows: number[][];
}

/** Where a step is in the pass. */
export type StepPhase = 'before' | 'forward' | 'loss' | 'backward' | 'update' | 'worked';

/** One step of a traced backpropagation step, as the page walks through it. */
export interface TraceStep {
  phase: StepPhase;
  /** E.g. `Forward · hidden layer 1 (layers[0], dense)`. */
  title: string;
  /** The equation(s) this step computes, in the symbols of docs/derivation.md, with their numbers there. */
  equation: string;
  /** The network layer the step is about (index into `network.layers`), if any. */
  layer?: number;
  /** The column of the network diagram that layer is drawn in (0 the inputs), if any. */
  column?: number;
  /** The numbers, in the order the equation uses them. */
  quantities: StepMatrix[];
  /** Further lines: the loss value, a worked element's substitution, what it depends on. */
  notes: string[];
}

/** What {@link traceSteps} needs to know of the network besides the trace. */
export interface TraceStepContext {
  /** The layer kinds that are element-wise activations y = f(net) (the playground's activation menu). */
  activations: ReadonlySet<string>;
  /** For each network layer, the diagram column it is drawn in. */
  columns: readonly number[];
  /** The loss kind. */
  loss: string;
}

function matrixOf(quantity: TracedQuantity): StepMatrix {
  const perSample = !quantity.role.startsWith('parameter') && quantity.role !== 'update';
  const { rows, cols, data } = quantity.value;
  return {
    symbol: quantity.symbol,
    shape: `${rows}×${cols}${perSample ? ', a row per sample' : ''}`,
    rows: Array.from({ length: rows }, (_, r) => Array.from(data.subarray(r * cols, (r + 1) * cols))),
  };
}

function pick(layer: TracedLayer, roles: readonly TracedRole[]): StepMatrix[] {
  return roles.flatMap((role) => layer.quantities.filter((q) => q.role === role)).map(matrixOf);
}

function hasParameters(layer: TracedLayer): boolean {
  return layer.quantities.some((q) => q.role === 'parameter');
}

/** ∂J/∂z, the gradient the loss hands the output layer, in symbols. */
function lossGradient(loss: string): string {
  if (loss === 'squared-error') return '∂J/∂z_k = (z_k − t_k)/N, from J = (1/N) Σ_n ½‖t_n − z_n‖² (equation 5)';
  if (loss === 'softmax-cross-entropy') {
    return '∂J/∂z_k = (softmax(z)_k − t_k)/N, from J = −(1/N) Σ_n Σ_k t_nk ln softmax(z_n)_k';
  }
  return `∂J/∂z, the ${loss} loss's backward`;
}

/**
 * Cuts a trace (`traceBatch` of @bpnet/diagnostics) into the steps one checks by hand, in order:
 * 1. before: the inputs x and the targets t;
 * 2. forward, one step per layer: a dense layer computes net_j = Σ_i w_ji x_i + b_j (equations 1, 3) from its
 *    input and its weights, an activation y = f(net) element by element (2, 4), any other layer its own forward;
 * 3. the loss J and its gradient ∂J/∂z;
 * 4. backward, from the output layer down, one step per layer: an activation turns ∂J/∂y into the net gradient
 *    g = f′(net) ∂J/∂y (10, 12), beside the book's δ = −N·g; a dense layer gives ∂J/∂w_ji = Σ_n g_nj x_ni (11, 13)
 *    and passes ∂J/∂x_i = Σ_j w_ji g_j down (the sum of 12);
 * 5. the update Δw = −η ∂J/∂w (6), w ← w + Δw (7), one step per layer with parameters;
 * 6. the trace's worked elements, one step each (the derivation's three-layer net only).
 */
export function traceSteps(trace: BatchTrace, context: TraceStepContext): TraceStep[] {
  const steps: TraceStep[] = [];
  const at = (layer: TracedLayer) => ({ layer: layer.index, column: context.columns[layer.index] });
  const isActivation = (layer: TracedLayer) => context.activations.has(layer.kind) && !hasParameters(layer);
  const first = trace.layers[0];
  const last = trace.layers[trace.layers.length - 1];
  const N = trace.batchSize;

  steps.push({
    phase: 'before',
    title: 'Before the step · the sample and its target',
    equation: `x, the network's inputs, and t, the one-hot target; N = ${N}, η = ${trace.learningRate}`,
    column: 0,
    quantities: [...pick(first, ['input']), matrixOf({ symbol: 't', value: trace.targets, role: 'input' })],
    notes: [],
  });

  for (const layer of trace.layers) {
    const weighted = hasParameters(layer);
    steps.push({
      phase: 'forward',
      title: `Forward · ${layer.name}`,
      equation: weighted
        ? layer.kind === 'dense'
          ? 'net_j = Σ_i w_ji x_i + b_j, one net input per unit (equations 1 and 3); in batch form NET = X W + 1 b'
          : `the ${layer.kind} layer's forward, from its input and its parameters`
        : isActivation(layer)
          ? `y_j = f(net_j), element by element, f = ${layer.kind} (equations 2 and 4)`
          : `the ${layer.kind} layer's forward`,
      ...at(layer),
      quantities: [
        ...pick(layer, ['input']),
        ...(weighted ? pick(layer, ['parameter']) : []),
        ...pick(layer, ['output']),
      ],
      notes: [],
    });
  }

  steps.push({
    phase: 'loss',
    title: `The loss · ${context.loss}`,
    equation: `${trace.lossLabel}; backward starts from ${lossGradient(context.loss)}`,
    ...at(last),
    quantities: [...pick(last, ['output']), ...pick(last, ['output-gradient'])],
    notes: [`J = ${trace.loss}`],
  });

  for (const layer of [...trace.layers].reverse()) {
    const weighted = hasParameters(layer);
    steps.push({
      phase: 'backward',
      title: `Backward · ${layer.name}`,
      equation: weighted
        ? layer.kind === 'dense'
          ? 'from the net gradients g_j = ∂J/∂net_j of its units: ∂J/∂w_ji = Σ_n g_nj x_ni and ∂J/∂b_j = Σ_n g_nj ' +
            '(equations 11 and 13); down it passes ∂J/∂x_i = Σ_j w_ji g_j, the sum of equation 12'
          : `the ${layer.kind} layer's backward: its parameters' gradients and ∂J/∂(its input)`
        : isActivation(layer)
          ? 'g_j = ∂J/∂net_j = f′(net_j) ∂J/∂y_j (equations 10 and 12), f = ' +
            `${layer.kind}; the book's sensitivity of each sample is δ = −N·g`
          : `the ${layer.kind} layer's backward: ∂J/∂(its input) from ∂J/∂(its output)`,
      ...at(layer),
      quantities: pick(layer, ['output-gradient', 'parameter-gradient', 'input-gradient', 'book-sensitivity']),
      notes: [],
    });
  }

  for (const layer of trace.layers.filter(hasParameters)) {
    steps.push({
      phase: 'update',
      title: `Update · ${layer.name}`,
      equation:
        `Δw = −η ∂J/∂w with η = ${trace.learningRate} (equation 6), then w ← w + Δw (equation 7)` +
        (trace.applied ? '' : '; the playground does not apply it, so training goes on unchanged'),
      ...at(layer),
      quantities: pick(layer, ['parameter', 'update', 'parameter-after']),
      notes: [],
    });
  }

  for (const element of trace.worked) {
    const operand = (value: number) => (value < 0 ? `(${round(value)})` : round(value));
    steps.push({
      phase: 'worked',
      title: `Worked by hand · (${element.equation}) ${element.quantity}`,
      equation: element.formula,
      quantities: [],
      notes: [
        `= ${element.substitute(operand)} = ${round(element.value)}`,
        ...(element.carried ? [`bpnet: ${element.carried.symbol} = ${round(element.carried.value)}`] : []),
        `depends on ${element.dependsOn}`,
      ],
    });
  }
  return steps;
}

/** Four significant digits. */
function round(value: number): string {
  return String(Number(value.toPrecision(4)));
}
