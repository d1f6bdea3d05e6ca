import type { TraceStep } from '../engine/trace-steps.js';

/** Four significant digits, exponent form below 1e-4 and from 1e6 on. */
function formatCell(value: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e6) return value.toExponential(3);
  return String(Number(value.toPrecision(4)));
}

/**
 * The trace panel: walks through one traced sample step by step (forward, the loss, backward from the output down,
 * the update, the worked elements), one equation with its numbers at a time, with Previous and Next buttons (or the
 * step menu), and marks the diagram column of the step's layer through `onColumn`. The whole trace as text sits
 * below, folded.
 */
export class TraceStepper {
  private steps: TraceStep[] = [];
  private index = 0;

  constructor(
    private readonly elements: {
      /** Where the step is drawn. */
      view: HTMLElement;
      previous: HTMLButtonElement;
      next: HTMLButtonElement;
      /** The step menu, one option per step. */
      menu: HTMLSelectElement;
      /** The whole trace as text. */
      text: HTMLPreElement;
    },
    private readonly onColumn: (column: number | undefined) => void,
  ) {
    elements.previous.addEventListener('click', () => this.show(this.index - 1));
    elements.next.addEventListener('click', () => this.show(this.index + 1));
    elements.menu.addEventListener('change', () => this.show(Number(elements.menu.value)));
    this.clear();
  }

  /** Shows a new trace from its first step. */
  load(sample: number, steps: TraceStep[], text: string): void {
    this.steps = steps;
    this.elements.menu.replaceChildren(...steps.map((step, i) => new Option(`${i + 1}. ${step.title}`, String(i))));
    this.elements.menu.disabled = steps.length === 0;
    this.elements.text.textContent = text;
    this.elements.view.dataset.sample = String(sample);
    this.show(0);
  }

  /** Shows why there is no trace. */
  fail(message: string): void {
    this.clear();
    const error = document.createElement('p');
    error.className = 'error';
    error.setAttribute('role', 'alert');
    error.textContent = `Cannot trace: ${message}`;
    this.elements.view.replaceChildren(error);
  }

  /** Empties the panel (a new network makes an old trace wrong). */
  clear(): void {
    this.steps = [];
    this.index = 0;
    this.elements.menu.replaceChildren();
    this.elements.menu.disabled = true;
    this.elements.previous.disabled = true;
    this.elements.next.disabled = true;
    this.elements.text.textContent = '';
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.textContent = 'Choose a training sample and press Trace to step through one backpropagation step.';
    this.elements.view.replaceChildren(hint);
    this.onColumn(undefined);
  }

  private show(index: number): void {
    if (this.steps.length === 0) return;
    this.index = Math.min(Math.max(index, 0), this.steps.length - 1);
    const step = this.steps[this.index];
    this.elements.menu.value = String(this.index);
    this.elements.previous.disabled = this.index === 0;
    this.elements.next.disabled = this.index === this.steps.length - 1;
    const heading = document.createElement('h3');
    heading.textContent = `Step ${this.index + 1} of ${this.steps.length}: ${step.title}`;
    const equation = document.createElement('p');
    equation.className = 'equation';
    equation.textContent = step.equation;
    const parts: HTMLElement[] = [heading, equation];
    for (const quantity of step.quantities) {
      const figure = document.createElement('figure');
      const caption = document.createElement('figcaption');
      caption.textContent = `${quantity.symbol}  (${quantity.shape})`;
      const table = document.createElement('table');
      for (const row of quantity.rows) {
        const tr = table.insertRow();
        for (const value of row) {
          const cell = tr.insertCell();
          cell.textContent = formatCell(value);
          cell.title = String(value);
        }
      }
      figure.append(caption, table);
      parts.push(figure);
    }
    for (const note of step.notes) {
      const line = document.createElement('p');
      line.className = 'note';
      line.textContent = note;
      parts.push(line);
    }
    this.elements.view.dataset.phase = step.phase;
    this.elements.view.dataset.step = String(this.index);
    this.elements.view.replaceChildren(...parts);
    this.onColumn(step.column);
  }
}
