import type { SnapshotFinding } from '../engine/session.js';

/** Findings that differ only in their unit, shown as one item. */
interface FindingGroup {
  kind: string;
  layer: number | undefined;
  message: string;
  units: number[];
}

/** Groups findings by kind, layer and message, keeping their first order; each group lists its units. */
export function groupFindings(findings: readonly SnapshotFinding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const finding of findings) {
    const key = `${finding.kind}\n${finding.layer}\n${finding.message}`;
    let group = groups.get(key);
    if (!group) {
      group = { kind: finding.kind, layer: finding.layer, message: finding.message, units: [] };
      groups.set(key, group);
    }
    if (finding.unit !== undefined) group.units.push(finding.unit);
  }
  return [...groups.values()];
}

/**
 * The findings list: diagnose's findings on the training set, one item per distinct finding; a finding on units
 * carries one button per unit that selects it in the diagram. Rebuilt only when the findings change.
 */
export class FindingsList {
  private key: string | undefined;

  constructor(
    private readonly root: HTMLUListElement,
    private readonly onSelect: (layer: number, unit: number) => void,
  ) {}

  /** Shows `findings` (a hidden-layer index equal to `hiddenLayers` means the output layer). */
  update(findings: SnapshotFinding[], hiddenLayers: number): void {
    const key = findings.map((f) => `${f.kind}|${f.layer}|${f.unit}|${f.message}`).join('\n');
    if (key === this.key) return;
    this.key = key;
    if (findings.length === 0) {
      const item = document.createElement('li');
      item.textContent = 'No findings: no symmetric, dead or saturated units, no vanishing or exploding gradients.';
      this.root.replaceChildren(item);
      return;
    }
    this.root.replaceChildren(
      ...groupFindings(findings).map(({ layer, message, units }) => {
        const item = document.createElement('li');
        const where = layer === undefined ? '' : layer >= hiddenLayers ? 'Output layer: ' : `Layer ${layer + 1}: `;
        item.textContent = `${where}${message}`;
        if (layer !== undefined && layer < hiddenLayers && units.length > 0) {
          const buttons = document.createElement('div');
          buttons.className = 'finding-units';
          for (const unit of units) {
            const button = document.createElement('button');
            button.type = 'button';
            button.textContent = `unit ${unit + 1}`;
            button.setAttribute('aria-label', `Show layer ${layer + 1}, unit ${unit + 1}`);
            button.addEventListener('click', () => this.onSelect(layer, unit));
            buttons.append(button);
          }
          item.append(buttons);
        }
        return item;
      }),
    );
  }
}
