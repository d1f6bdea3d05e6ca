import { BLUE, colorOf, ORANGE, probabilityToScale } from './colors.js';
import { Heatmap } from './heatmap.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Node size, vertical step between nodes, horizontal step between columns and margins, in CSS pixels. */
const NODE = 40;
const STEP_Y = 52;
const STEP_X = 120;
const LEFT = 52;
const TOP = 18;

/** What the diagram is built from; it is rebuilt only when this changes. */
export interface DiagramShape {
  /** The input columns' labels (feature labels, or the toy set's input names). */
  inputLabels: string[];
  /**
   * Makes each input's values over the grid scaled to [−1, 1] (gridSize² each); undefined without a 2-D plane. Called
   * only when the diagram is rebuilt.
   */
  inputGrids: (() => Float32Array[]) | undefined;
  /** Units per hidden layer. */
  hidden: number[];
  classes: number;
  gridSize: number;
}

/** What changes every frame: the units' outputs and sensitivities, the weights and the output's heat-map. */
export interface DiagramFrame {
  /** Per hidden layer and unit: its output over the grid, its mean output and its mean |δ| over the training set. */
  units: { activation: Float32Array; meanOutput: number; sensitivity: number }[][];
  /** Per output unit k, its mean |δ_k| over the training set. */
  outputSensitivity: number[];
  /** Per dense layer, [input][unit]. */
  weights: number[][][];
  /** The score of class 1 over the grid (empty without a 2-D plane). */
  boundary: Float32Array;
  gridSize: number;
}

interface Edge {
  line: SVGLineElement;
  /** The stroke and width last written, so an unchanged edge is not touched. */
  style: string;
  layer: number;
  from: number;
  to: number;
}

/**
 * The network diagram: a column of input nodes, one column per hidden layer and the output, each node a small
 * canvas with its heat-map (the unit's output over the plane), edges as SVG lines coloured by the weight's sign
 * (blue positive, orange negative) and as wide as 0.5 + 1.5·min(|w|, 4) pixels. Positions are computed, never
 * measured, so an update touches no layout.
 */
export class NetworkDiagram {
  private shapeKey = '';
  private shape: DiagramShape | undefined;
  private unitMaps: Heatmap[][] = [];
  private unitButtons: HTMLButtonElement[][] = [];
  private outputMaps: Heatmap[] = [];
  private edges: Edge[] = [];
  private selected: [number, number] | undefined;
  /** Per diagram column (hidden layers, then the output), per node: its |δ| read-out. */
  private deltas: { bar: HTMLSpanElement; text: HTMLSpanElement; shown: string }[][] = [];
  private activeColumn: HTMLDivElement | undefined;
  private columnLeft: (column: number) => number = () => 0;
  private outputNodes: HTMLElement[] = [];
  private findingsKey = '';

  constructor(
    private readonly root: HTMLElement,
    private readonly onSelect: (layer: number, unit: number) => void,
  ) {}

  /** Rebuilds the DOM when the shape differs from the one drawn (a new architecture, data set or features). */
  setShape(shape: DiagramShape): void {
    const key = JSON.stringify([shape.inputLabels, shape.hidden, shape.classes, shape.gridSize, !shape.inputGrids]);
    if (key === this.shapeKey) return;
    this.shapeKey = key;
    this.shape = shape;
    this.build(shape);
  }

  /** Marks the selected unit (aria-pressed on its node). */
  select(layer: number | undefined, unit: number | undefined): void {
    this.selected = layer === undefined || unit === undefined ? undefined : [layer, unit];
    this.unitButtons.forEach((buttons, l) =>
      buttons.forEach((button, u) => button.setAttribute('aria-pressed', String(l === layer && u === unit))),
    );
  }

  /** The selected unit, if any. */
  selection(): [number, number] | undefined {
    return this.selected;
  }

  /**
   * Marks the units `diagnose` has findings on (a "!" badge, the messages as the node's tooltip and in its label): a
   * finding on a unit marks that unit, a finding on a layer without units (e.g. symmetric units) every unit of it.
   * `layer` counts the hidden layers from 0; `hidden.length` is the output layer.
   */
  markFindings(findings: readonly { layer?: number; unit?: number; message: string }[]): void {
    const key = JSON.stringify(findings);
    if (key === this.findingsKey) return;
    this.findingsKey = key;
    const about = (layer: number, unit: number) =>
      findings.filter((f) => f.layer === layer && (f.unit === undefined || f.unit === unit)).map((f) => f.message);
    const mark = (node: HTMLElement, name: string, messages: string[]) => {
      node.classList.toggle('has-finding', messages.length > 0);
      node.title = [name, ...new Set(messages)].join('\n');
      if (node instanceof HTMLButtonElement) {
        const count = new Set(messages).size;
        node.setAttribute('aria-label', count === 0 ? name : `${name} (${count} finding${count === 1 ? '' : 's'})`);
      }
    };
    this.unitButtons.forEach((buttons, l) =>
      buttons.forEach((button, u) => mark(button, `hidden layer ${l + 1}, unit ${u + 1}`, about(l, u))),
    );
    const outputLayer = this.unitButtons.length;
    this.outputNodes.forEach((node, k) => mark(node, node.dataset.name ?? 'output', about(outputLayer, k)));
  }

  /** Marks one column of the diagram (0 the inputs, then the hidden layers, then the output), or none. */
  highlightColumn(column: number | undefined): void {
    const marker = this.activeColumn;
    if (!marker) return;
    marker.hidden = column === undefined;
    if (column !== undefined) marker.style.left = `${this.columnLeft(column) - 8}px`;
    this.root.dataset.activeColumn = column === undefined ? '' : String(column);
  }

  /** Repaints every heat-map, rewrites every |δ| and restyles every edge from one snapshot. */
  update(frame: DiagramFrame): void {
    const shape = this.shape;
    if (!shape) return;
    const outputSize = shape.classes === 2 ? 1 : shape.classes;
    this.updateDeltas([
      ...frame.units.map((layer) => layer.map((unit) => unit.sensitivity)),
      outputSize === 1 ? frame.outputSensitivity.slice(1, 2) : frame.outputSensitivity,
    ]);
    frame.units.forEach((layer, l) =>
      layer.forEach((unit, u) => {
        const map = this.unitMaps[l]?.[u];
        if (!map) return;
        if (unit.activation.length === frame.gridSize * frame.gridSize && frame.gridSize > 0) {
          map.paint(unit.activation, frame.gridSize);
        } else {
          map.fill(colorOf(unit.meanOutput));
        }
      }),
    );
    if (outputSize === 1 && frame.boundary.length > 0) {
      this.outputMaps[0]?.paint(frame.boundary, frame.gridSize, probabilityToScale);
    }
    const last = frame.weights.length - 1;
    for (const edge of this.edges) {
      const row = frame.weights[edge.layer]?.[edge.from];
      if (!row) continue;
      // With two classes the output shows the score of class 1, which grows with z1 − z0: the edge carries w_i1 − w_i0.
      const w = edge.layer === last && shape.classes === 2 ? row[1] - row[0] : row[edge.to];
      const stroke = w < 0 ? ORANGE : BLUE;
      const width = (0.5 + 1.5 * Math.min(Math.abs(w), 4)).toFixed(1);
      const style = `${stroke} ${width}`;
      if (style === edge.style) continue;
      edge.style = style;
      edge.line.setAttribute('stroke', stroke);
      edge.line.setAttribute('stroke-width', width);
    }
  }

  /** Writes each node's mean |δ| and sizes its bar against the largest in the diagram. */
  private updateDeltas(values: number[][]): void {
    const largest = Math.max(...values.flat().filter(Number.isFinite), 0);
    values.forEach((column, c) =>
      column.forEach((value, u) => {
        const label = this.deltas[c]?.[u];
        if (!label) return;
        const text = formatDelta(value);
        const width = largest > 0 && Number.isFinite(value) ? Math.round((28 * value) / largest) : 0;
        const shown = `${text} ${width}`;
        if (shown === label.shown) return;
        label.shown = shown;
        label.text.textContent = text;
        label.bar.style.width = `${width}px`;
      }),
    );
  }

  /** A |δ| read-out under the node at (left, top): a bar and the value. */
  private deltaLabel(left: number, top: number, what: string) {
    const element = document.createElement('div');
    element.className = 'delta';
    element.style.left = `${left}px`;
    element.style.top = `${top + NODE + 1}px`;
    element.title = `${what}: mean |δ| over the training set, δ = −∂Jₙ/∂net`;
    const bar = document.createElement('span');
    bar.className = 'delta-bar';
    const text = document.createElement('span');
    element.append(bar, text);
    this.root.append(element);
    return { bar, text, shown: '' };
  }

  private build(shape: DiagramShape): void {
    this.root.replaceChildren();
    this.deltas = [];
    this.outputNodes = [];
    this.findingsKey = '';
    this.unitMaps = [];
    this.unitButtons = [];
    this.outputMaps = [];
    this.edges = [];
    const size = Math.max(shape.gridSize, 1);
    const outputSize = shape.classes === 2 ? 1 : shape.classes;
    const columns = [shape.inputLabels.length, ...shape.hidden, outputSize];
    const tallest = Math.max(...columns);
    const width = LEFT + (columns.length - 1) * STEP_X + NODE + (outputSize > 1 ? 56 : 8);
    const height = TOP + tallest * STEP_Y;
    this.root.style.width = `${width}px`;
    this.root.style.height = `${height}px`;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.setAttribute('aria-hidden', 'true');
    this.root.append(svg);
    const x = (column: number) => LEFT + column * STEP_X;
    const y = (column: number, index: number) => TOP + ((tallest - columns[column]) * STEP_Y) / 2 + index * STEP_Y;
    this.columnLeft = x;
    this.activeColumn = document.createElement('div');
    this.activeColumn.className = 'active-column';
    this.activeColumn.style.width = `${NODE + 16}px`;
    this.activeColumn.hidden = true;
    this.root.append(this.activeColumn);

    // Edges first, so the nodes cover their ends.
    for (let layer = 0; layer + 1 < columns.length; layer++) {
      for (let from = 0; from < columns[layer]; from++) {
        for (let to = 0; to < columns[layer + 1]; to++) {
          const line = document.createElementNS(SVG, 'line');
          line.setAttribute('x1', String(x(layer) + NODE));
          line.setAttribute('y1', String(y(layer, from) + NODE / 2));
          line.setAttribute('x2', String(x(layer + 1)));
          line.setAttribute('y2', String(y(layer + 1, to) + NODE / 2));
          line.setAttribute('stroke', '#ccc');
          line.setAttribute('stroke-opacity', '0.75');
          svg.append(line);
          this.edges.push({ line, style: '', layer, from, to });
        }
      }
    }

    const title = (column: number, text: string) => {
      const element = document.createElement('div');
      element.className = 'column-title';
      element.style.left = `${x(column)}px`;
      element.textContent = text;
      this.root.append(element);
    };
    title(0, 'inputs');
    shape.hidden.forEach((_, l) => title(l + 1, `layer ${l + 1}`));
    title(columns.length - 1, 'output');

    const grids = shape.inputGrids?.();
    shape.inputLabels.forEach((label, i) => {
      const node = document.createElement('div');
      node.className = 'node input';
      node.style.left = `${x(0)}px`;
      node.style.top = `${y(0, i)}px`;
      node.title = label;
      const map = new Heatmap(size);
      const grid = grids?.[i];
      if (grid) map.paint(grid, shape.gridSize);
      else map.fill('#fff');
      node.append(map.canvas);
      const text = document.createElement('div');
      text.className = 'label';
      text.style.left = `${x(0) - 48}px`;
      text.style.top = `${y(0, i) + NODE / 2 - 7}px`;
      text.textContent = label;
      this.root.append(text, node);
    });

    shape.hidden.forEach((units, l) => {
      const maps: Heatmap[] = [];
      const buttons: HTMLButtonElement[] = [];
      const deltas: (typeof this.deltas)[number] = [];
      for (let u = 0; u < units; u++) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'node';
        button.dataset.unit = `${l}-${u}`;
        button.setAttribute('aria-label', `hidden layer ${l + 1}, unit ${u + 1}`);
        button.setAttribute('aria-pressed', 'false');
        button.style.left = `${x(l + 1)}px`;
        button.style.top = `${y(l + 1, u)}px`;
        const map = new Heatmap(size);
        map.fill('#fff');
        button.append(map.canvas);
        button.addEventListener('click', () => this.onSelect(l, u));
        this.root.append(button);
        maps.push(map);
        buttons.push(button);
        deltas.push(this.deltaLabel(x(l + 1), y(l + 1, u), `hidden layer ${l + 1}, unit ${u + 1}`));
      }
      this.unitMaps.push(maps);
      this.unitButtons.push(buttons);
      this.deltas.push(deltas);
    });

    const out = columns.length - 1;
    const outputDeltas: (typeof this.deltas)[number] = [];
    this.deltas.push(outputDeltas);
    for (let k = 0; k < outputSize; k++) {
      const node = document.createElement('div');
      node.className = 'node input';
      node.style.left = `${x(out)}px`;
      node.style.top = `${y(out, k)}px`;
      node.dataset.name = outputSize === 1 ? 'output, the score of class 1' : `output, class ${k}`;
      node.title = node.dataset.name;
      this.outputNodes.push(node);
      const map = new Heatmap(size);
      map.fill('#fff');
      node.append(map.canvas);
      this.root.append(node);
      this.outputMaps.push(map);
      outputDeltas.push(
        this.deltaLabel(x(out), y(out, k), outputSize === 1 ? 'output, class 1' : `output, class ${k}`),
      );
      if (outputSize > 1) {
        const text = document.createElement('div');
        text.className = 'label';
        text.style.left = `${x(out) + NODE + 4}px`;
        text.style.textAlign = 'left';
        text.style.top = `${y(out, k) + NODE / 2 - 7}px`;
        text.textContent = `class ${k}`;
        this.root.append(text);
      }
    }
    if (this.selected) this.select(this.selected[0], this.selected[1]);
  }
}

/** A mean |δ| in at most 7 characters: 2 significant digits, exponent form below 0.01. */
function formatDelta(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return value < 0.01 ? value.toExponential(1) : value.toPrecision(2);
}
