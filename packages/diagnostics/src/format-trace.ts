import type { Matrix } from '@bpnet/core';
import type { BatchTrace, TracedLayer, TracedQuantity, TracedRole } from './trace-batch.js';

/**
 * The trace as text, in the order one checks it by hand (each number rounded to `digits` significant digits):
 * 1. the layout and the carried quantity (g = ∂J/∂net = −δ/N, weights stored inputs × units);
 * 2. before the step: the inputs x, the targets t, every weight and bias;
 * 3. forward, equations (1)–(5): each layer's output, then J with what it is a mean of;
 * 4. backward, from the output layer down: ∂J/∂z from the loss, then per layer the parameter gradients, the gradient
 *    passed down and, at an activation of the three-layer net, the book's δ = −N·g beside the carried g;
 * 5. the update, equations (6) and (7): Δw = −η ∂J/∂w and, when applied, the weights after the step;
 * 6. the worked elements of equations (10)–(13) and of the update, with the numbers they use.
 * Activations and gradients print one row per sample n; parameters and their gradients in their stored layout.
 */
export function formatTrace(trace: BatchTrace, digits = 4): string {
  const number = (value: number) => formatNumber(value, digits);
  const lines: string[] = [];
  /** The layer's quantities of these roles, role by role (`inRoleOrder`) or in the layer's own order. */
  const print = (layer: TracedLayer, roles: readonly TracedRole[], inRoleOrder = false) => {
    const quantities = inRoleOrder
      ? roles.flatMap((role) => layer.quantities.filter((q) => q.role === role))
      : layer.quantities.filter((q) => roles.includes(q.role));
    for (const quantity of quantities) lines.push(...formatQuantity(quantity, number));
  };
  const threeLayer = trace.worked.length > 0;
  const N = trace.batchSize;
  lines.push(
    `One gradient-descent step on a batch of N = ${N} sample${N === 1 ? '' : 's'}, η = ${trace.learningRate}` +
      (trace.applied ? ' (updates applied)' : ' (updates not applied)'),
    'Indices count from 0. Activations and gradients have one row per sample n and one column per unit.',
  );
  if (threeLayer) {
    lines.push(
      'Weights are stored inputs × units: W1[i][j] = w_ji, W2[j][k] = w_kj, the transpose of the book’s indexing',
      '(docs/derivation.md, section 6); a gradient has the layout of its weights.',
      'bpnet carries the net gradient g = ∂J/∂net of the batch mean J; per sample g = −δ/N, where δ = −∂J_n/∂net is',
      'the book’s sensitivity of that sample alone (section 5).',
    );
  }

  lines.push('', 'Before the step');
  const first = trace.layers[0];
  print(first, ['input']);
  lines.push(
    ...formatQuantity(
      { symbol: threeLayer ? 't_k, the targets' : 'targets', value: trace.targets, role: 'input' },
      number,
    ),
  );
  for (const layer of trace.layers) {
    if (layer.quantities.some((q) => q.role === 'parameter')) {
      lines.push(` ${layer.name}`);
      print(layer, ['parameter']);
    }
  }

  lines.push('', threeLayer ? 'Forward, equations (1)–(4)' : 'Forward');
  for (const layer of trace.layers) {
    lines.push(` ${layer.name}`);
    print(layer, ['output']);
  }
  lines.push(
    ` ${trace.lossLabel}${threeLayer ? ' (equation 5, averaged)' : ''}: ${trace.loss.toPrecision(digits + 2)}`,
  );

  lines.push(
    '',
    threeLayer ? 'Backward, from the output layer down, equations (8)–(13)' : 'Backward, from the output layer down',
  );
  const last = trace.layers[trace.layers.length - 1];
  lines.push(' the loss');
  print(last, ['output-gradient']);
  for (const layer of [...trace.layers].reverse()) {
    lines.push(` ${layer.name}`);
    print(layer, ['parameter-gradient', 'input-gradient', 'book-sensitivity'], true);
  }

  lines.push(
    '',
    `Update, equations (6) and (7): Δw = −η ∂J/∂w${trace.applied ? ', then w ← w + Δw' : ' (not applied)'}`,
  );
  for (const layer of trace.layers) {
    if (layer.quantities.some((q) => q.role === 'update')) {
      lines.push(` ${layer.name}`);
      print(layer, ['update', 'parameter-after']);
    }
  }

  if (threeLayer) {
    lines.push('', `Worked by hand, one element per equation (numbers rounded to ${digits} digits)`);
    const operand = (value: number) => (value < 0 ? `(${number(value)})` : number(value));
    for (const element of trace.worked) {
      lines.push(
        ` (${element.equation}) ${element.quantity}:`,
        `      ${element.formula}`,
        `      = ${element.substitute(operand)} = ${number(element.value)}`,
      );
      if (element.carried) lines.push(`      bpnet: ${element.carried.symbol} = ${number(element.carried.value)}`);
      lines.push(...wrap(`depends on ${element.dependsOn}`, 110, '      '));
    }
  }
  return lines.join('\n');
}

/** Splits `text` at spaces into lines of at most `width` characters after `indent`. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, indent + line];
}

/** A quantity's symbol and shape, then its rows, columns aligned. */
function formatQuantity(quantity: TracedQuantity, number: (value: number) => string): string[] {
  const rows = quantity.value.toRows().map((row) => row.map(number));
  const width = Math.max(...rows.flat().map((cell) => cell.length));
  return [
    `   ${quantity.symbol}  (${describeShape(quantity)})`,
    ...rows.map((row) => `      ${row.map((cell) => cell.padStart(width)).join('  ')}`),
  ];
}

function describeShape(quantity: TracedQuantity): string {
  const value: Matrix = quantity.value;
  const perSample = !quantity.role.startsWith('parameter') && quantity.role !== 'update';
  return `${value.shape}${perSample ? ', a row per sample' : ''}`;
}

/** `digits` significant digits in plain decimal notation, exponent form only below 1e-4 or from 1e6 on. */
function formatNumber(value: number, digits: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e6) return value.toExponential(digits - 1);
  return String(Number(value.toPrecision(digits)));
}
