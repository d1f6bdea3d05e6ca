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
  /** Each input's values over the grid scaled to [−1, 1] (gridSize² each), or undefined without a 2-D plane. */
  inputGrids: Float32Array[] | undefined;
  /** Units per hidden layer. */
  hidden: number[];
  classes: number;
  gridSize: number;
}

/** What changes every frame: the units' outputs, the weights and the output's heat-map. */
export interface DiagramFrame {
  units: { activation: Float32Array; meanOutput: number }[][];
  /** Per dense layer, [input][unit]. */
  weights: number[][][];
  /** P(class 1) over the grid (empty without a 2-D plane). */
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

  /** Repaints every heat-map and restyles every edge from one snapshot. */
  update(frame: DiagramFrame): void {
    const shape = this.shape;
    if (!shape) return;
    const outputSize = shape.classes === 2 ? 1 : shape.classes;
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
      // With two classes the output shows P(class 1) = σ(z1 − z0), so the edge carries w_i1 − w_i0.
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

  private build(shape: DiagramShape): void {
    this.root.replaceChildren();
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

    shape.inputLabels.forEach((label, i) => {
      const node = document.createElement('div');
      node.className = 'node input';
      node.style.left = `${x(0)}px`;
      node.style.top = `${y(0, i)}px`;
      node.title = label;
      const map = new Heatmap(size);
      const grid = shape.inputGrids?.[i];
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
      }
      this.unitMaps.push(maps);
      this.unitButtons.push(buttons);
    });

    const out = columns.length - 1;
    for (let k = 0; k < outputSize; k++) {
      const node = document.createElement('div');
      node.className = 'node input';
      node.style.left = `${x(out)}px`;
      node.style.top = `${y(out, k)}px`;
      node.title = outputSize === 1 ? 'P(class 1)' : `class ${k}`;
      const map = new Heatmap(size);
      map.fill('#fff');
      node.append(map.canvas);
      this.root.append(node);
      this.outputMaps.push(map);
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
