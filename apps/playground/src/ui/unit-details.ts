import type { Snapshot } from '../engine/session.js';
import { colorOf } from './colors.js';
import { Heatmap } from './heatmap.js';

/**
 * The selected unit's panel: its output over the plane (a larger heat-map), its mean output over the training set,
 * its mean |δ| over the training samples (δ = −∂Jₙ/∂net, docs/derivation.md), its incoming weights and the
 * findings that name it. The DOM is built once per selection; each frame only rewrites text and pixels.
 */
export class UnitDetails {
  private heatmap = new Heatmap(50);
  private key = '';
  private fields: { mean: HTMLElement; g: HTMLElement; weights: HTMLElement; findings: HTMLUListElement } | undefined;
  private findingsKey: string | undefined;

  constructor(private readonly root: HTMLElement) {}

  /** Shows unit `unit` of hidden layer `layer` (both from 0) as of `snapshot`, or a hint when nothing is selected. */
  update(snapshot: Snapshot | undefined, selection: [number, number] | undefined): void {
    const view = selection && snapshot ? snapshot.units[selection[0]]?.[selection[1]] : undefined;
    if (!snapshot || !selection || !view) {
      if (this.key !== 'none') {
        this.key = 'none';
        this.fields = undefined;
        const hint = document.createElement('p');
        hint.className = 'hint';
        hint.textContent = 'Click a unit of the diagram (or Tab to it and press Enter) to see its details.';
        this.root.replaceChildren(hint);
      }
      return;
    }
    const [layer, unit] = selection;
    const key = `${layer}-${unit}`;
    if (key !== this.key || !this.fields) {
      this.key = key;
      this.findingsKey = undefined;
      const title = document.createElement('h3');
      title.textContent = `Hidden layer ${layer + 1}, unit ${unit + 1}`;
      title.style.margin = '0 0 6px';
      title.style.fontSize = '0.9rem';
      this.heatmap = new Heatmap(Math.max(snapshot.gridSize, 1));
      this.heatmap.canvas.setAttribute('aria-label', `Output of hidden layer ${layer + 1}, unit ${unit + 1}`);
      const list = document.createElement('dl');
      const row = (term: string) => {
        const dt = document.createElement('dt');
        dt.textContent = term;
        const dd = document.createElement('dd');
        list.append(dt, dd);
        return dd;
      };
      const mean = row('mean output y');
      const g = row('mean |δ|, δ = −∂Jₙ/∂net');
      const weights = row('incoming weights');
      const findings = document.createElement('ul');
      findings.className = 'unit-findings';
      this.root.replaceChildren(title, this.heatmap.canvas, list, findings);
      this.fields = { mean, g, weights, findings };
    }
    const fields = this.fields;
    if (view.activation.length === snapshot.gridSize * snapshot.gridSize && snapshot.gridSize > 0) {
      this.heatmap.paint(view.activation, snapshot.gridSize);
    } else {
      this.heatmap.fill(colorOf(view.meanOutput));
    }
    fields.mean.textContent = view.meanOutput.toFixed(4);
    fields.g.textContent = view.sensitivity.toExponential(3);
    const incoming = snapshot.weights[layer]?.map((row) => row[unit]) ?? [];
    fields.weights.textContent = incoming.map((w) => w.toFixed(3)).join(', ');
    const mine = snapshot.findings.filter((f) => f.layer === layer && (f.unit === undefined || f.unit === unit));
    const findingsKey = mine.map((f) => f.message).join('\n');
    if (findingsKey !== this.findingsKey) {
      this.findingsKey = findingsKey;
      const items = mine.map((finding) => {
        const item = document.createElement('li');
        item.textContent = finding.message;
        return item;
      });
      if (items.length === 0) {
        const item = document.createElement('li');
        item.textContent = 'No findings on this unit.';
        items.push(item);
      }
      fields.findings.replaceChildren(...items);
    }
  }
}
