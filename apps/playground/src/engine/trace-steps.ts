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

/** What a layer is to the derivation: a dense layer net = Σ w x + b, an activation y = f(net), or another kind. */
type LayerRole = 'dense' | 'activation' | 'other';

/**
 * The derivation's symbol for a quantity the trace named plainly (`layers[2] output`): x_i, W[i][j] = w_ji and b_j
 * and net_j for a dense layer, net_j, y_j, ∂J/∂y_j and g_j = ∂J/∂net_j for an activation; the plain name otherwise
 * (and always for the derivation's three-layer net, whose trace already carries its own symbols).
 */
function derivationSymbol(quantity: TracedQuantity, role: LayerRole): string {
  if (!isPlain(quantity.symbol) || role === 'other') return quantity.symbol;
  const weights = quantity.parameter === 'weights';
  const bias = quantity.parameter === 'bias';
  if (role === 'dense') {
    switch (quantity.role) {
      case 'input':
        return "x_i, the layer's input";
      case 'output':
        return 'net_j = Σ_i w_ji x_i + b_j';
      case 'output-gradient':
        return 'g_j = ∂J/∂net_j';
      case 'input-gradient':
        return '∂J/∂x_i = Σ_j w_ji g_j, passed down';
      case 'parameter':
        return weights ? 'W[i][j] = w_ji, before the step' : bias ? 'b_j, before the step' : quantity.symbol;
      case 'parameter-gradient':
        return weights ? "∂J/∂w_ji = Σ_n g_nj x_ni (W's layout)" : bias ? '∂J/∂b_j = Σ_n g_nj' : quantity.symbol;
      case 'update':
        return weights ? 'Δw_ji = −η ∂J/∂w_ji' : bias ? 'Δb_j = −η ∂J/∂b_j' : quantity.symbol;
      default:
        return quantity.symbol;
    }
  }
  switch (quantity.role) {
    case 'input':
      return 'net_j';
    case 'output':
      return 'y_j = f(net_j)';
    case 'output-gradient':
      return '∂J/∂y_j, from the layer above';
    case 'input-gradient':
      return 'g_j = ∂J/∂net_j = f′(net_j) ∂J/∂y_j';
    default:
      return quantity.symbol;
  }
}

/** Whether the trace named a quantity plainly (`layers[2] output`, `∂J/∂(layers[2] input)`, `Δlayers[0].bias`). */
function isPlain(symbol: string): boolean {
  return /^(∂J\/∂\(|Δ)?layers\[/.test(symbol);
}

/** The layer's quantities of these roles, role by role, in the derivation's symbols. */
function pick(layer: TracedLayer, roles: readonly TracedRole[], role: LayerRole = 'other'): StepMatrix[] {
  return roles
    .flatMap((r) => layer.quantities.filter((q) => q.role === r))
    .map((quantity) => ({ ...matrixOf(quantity), symbol: derivationSymbol(quantity, role) }));
}

/**
 * The book's sensitivity δ = −N·g of each sample beside an activation's net gradient g, when the trace has none
 * (it gives it for the three-layer net only).
 */
function bookSensitivity(layer: TracedLayer, batchSize: number): StepMatrix[] {
  if (layer.quantities.some((q) => q.role === 'book-sensitivity')) return [];
  const g = layer.quantities.find((q) => q.role === 'input-gradient');
  if (!g) return [];
  const delta = matrixOf(g);
  return [
    {
      symbol: "δ_j = −N·g_j, the book's sensitivity of each sample",
      shape: delta.shape,
      rows: delta.rows.map((row) => row.map((value) => -batchSize * value)),
    },
  ];
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
  const roleOf = (layer: TracedLayer): LayerRole =>
    layer.kind === 'dense' ? 'dense' : isActivation(layer) ? 'activation' : 'other';
  const first = trace.layers[0];
  const last = trace.layers[trace.layers.length - 1];
  const N = trace.batchSize;

  steps.push({
    phase: 'before',
    title: 'Before the step · the sample and its target',
    equation: `x, the network's inputs, and t, the one-hot target; N = ${N}, η = ${trace.learningRate}`,
    column: 0,
    quantities: [
      ...pick(first, ['input']).map((x) => (isPlain(x.symbol) ? { ...x, symbol: "x_i, the network's input" } : x)),
      matrixOf({ symbol: 't', value: trace.targets, role: 'input' }),
    ],
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
      quantities: [...pick(layer, weighted ? ['input', 'parameter', 'output'] : ['input', 'output'], roleOf(layer))],
      notes: [],
    });
  }

  steps.push({
    phase: 'loss',
    title: `The loss · ${context.loss}`,
    equation: `${trace.lossLabel}; backward starts from ${lossGradient(context.loss)}`,
    ...at(last),
    quantities: pick(last, ['output', 'output-gradient']).map((quantity, i) =>
      isPlain(quantity.symbol) ? { ...quantity, symbol: i === 0 ? "z_k, the network's output" : '∂J/∂z_k' } : quantity,
    ),
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
      quantities: [
        ...pick(layer, ['output-gradient', 'parameter-gradient', 'input-gradient', 'book-sensitivity'], roleOf(layer)),
        ...(roleOf(layer) === 'activation' ? bookSensitivity(layer, N) : []),
      ],
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
      quantities: pick(layer, ['parameter', 'update', 'parameter-after'], roleOf(layer)),
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
