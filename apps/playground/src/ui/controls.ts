import type { DatasetName } from '../engine/datasets.js';
import { FEATURES, type FeatureId } from '../engine/features.js';
import { MAX_HIDDEN_LAYERS, MAX_SEED, MAX_UNITS, type PlaygroundState } from '../engine/state.js';

/** The kinds the worker's container registers, as the page offers them. */
export interface KindLists {
  layers: string[];
  activations: string[];
  initializers: string[];
  optimizers: string[];
  losses: string[];
}

/** Looks an element up by id and checks its type. @throws Error naming the id and the expected element. */
export function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) {
    throw new Error(`playground: #${id} is missing or not a ${type.name} in index.html`);
  }
  return element;
}

/**
 * The page's form controls, bound to a {@link PlaygroundState}: `show` writes a state into them, and every edit
 * calls `onChange` with the edited copy of the state it last showed.
 */
export class Controls {
  private state: PlaygroundState;
  private readonly dataset = byId('dataset', HTMLSelectElement);
  private readonly noise = byId('noise', HTMLInputElement);
  private readonly noiseValue = byId('noise-value', HTMLOutputElement);
  private readonly trainPercent = byId('train-percent', HTMLInputElement);
  private readonly trainPercentValue = byId('train-percent-value', HTMLOutputElement);
  private readonly batchSize = byId('batch-size', HTMLInputElement);
  private readonly seed = byId('seed', HTMLInputElement);
  private readonly newSeed = byId('new-seed', HTMLButtonElement);
  private readonly learningRate = byId('learning-rate', HTMLSelectElement);
  private readonly activation = byId('activation', HTMLSelectElement);
  private readonly initializer = byId('initializer', HTMLSelectElement);
  private readonly optimizer = byId('optimizer', HTMLSelectElement);
  private readonly loss = byId('loss', HTMLSelectElement);
  private readonly features = byId('features', HTMLFieldSetElement);
  private readonly featuresHint = byId('features-hint', HTMLParagraphElement);
  private readonly hiddenCount = byId('hidden-layers', HTMLSpanElement);
  private readonly hiddenWord = byId('hidden-layers-word', HTMLSpanElement);
  private readonly addLayer = byId('add-layer', HTMLButtonElement);
  private readonly removeLayer = byId('remove-layer', HTMLButtonElement);
  private readonly layerUnits = byId('layer-units', HTMLDivElement);
  private kinds: KindLists = { layers: [], activations: [], initializers: [], optimizers: [], losses: [] };
  private readonly registered = byId('registered-kinds', HTMLElement);

  constructor(
    initial: PlaygroundState,
    private readonly onChange: (state: PlaygroundState) => void,
  ) {
    this.state = initial;
    for (const feature of FEATURES) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'feature';
      box.value = feature.id;
      label.append(box, ` ${feature.label}`);
      this.features.append(label);
    }
    const edit = (change: (state: PlaygroundState) => void) => {
      const next = structuredClone(this.state);
      change(next);
      this.show(next);
      this.onChange(next);
    };
    this.dataset.addEventListener('change', () => edit((s) => (s.dataset = this.dataset.value as DatasetName)));
    // A range slider fires `input` while dragging: show the number at once, retrain when it is let go (`change`).
    this.noise.addEventListener('input', () => (this.noiseValue.value = this.noise.value));
    this.noise.addEventListener('change', () => edit((s) => (s.noise = Number(this.noise.value))));
    this.trainPercent.addEventListener('input', () => (this.trainPercentValue.value = this.trainPercent.value));
    this.trainPercent.addEventListener('change', () => edit((s) => (s.trainPercent = Number(this.trainPercent.value))));
    this.batchSize.addEventListener('change', () => {
      const value = Number(this.batchSize.value);
      if (Number.isInteger(value) && value >= 1 && value <= 1000) edit((s) => (s.batchSize = value));
      else this.batchSize.value = String(this.state.batchSize);
    });
    // The seed draws the data, its split, the initial weights and the batches.
    this.seed.addEventListener('change', () => {
      const value = Number(this.seed.value);
      if (Number.isInteger(value) && value >= 0 && value <= MAX_SEED) edit((s) => (s.seed = value));
      else this.seed.value = String(this.state.seed);
    });
    this.newSeed.addEventListener('click', () => edit((s) => (s.seed = s.seed >= MAX_SEED ? 0 : s.seed + 1)));
    this.learningRate.addEventListener('change', () => edit((s) => (s.learningRate = Number(this.learningRate.value))));
    this.activation.addEventListener('change', () => edit((s) => (s.activation = this.activation.value)));
    this.initializer.addEventListener('change', () => edit((s) => (s.initializer = this.initializer.value)));
    this.optimizer.addEventListener('change', () => edit((s) => (s.optimizer = this.optimizer.value)));
    this.loss.addEventListener('change', () => edit((s) => (s.loss = this.loss.value)));
    this.features.addEventListener('change', () => {
      const chosen = FEATURES.map((f) => f.id).filter((id) => this.featureBox(id).checked);
      if (chosen.length === 0) {
        this.featuresHint.textContent = 'The network needs at least one input feature.';
        this.show(this.state);
        return;
      }
      this.featuresHint.textContent = '';
      edit((s) => (s.features = chosen));
    });
    this.addLayer.addEventListener('click', () => {
      if (this.state.hidden.length < MAX_HIDDEN_LAYERS) edit((s) => s.hidden.push(2));
    });
    this.removeLayer.addEventListener('click', () => {
      if (this.state.hidden.length > 0) edit((s) => s.hidden.pop());
    });
    this.show(initial);
  }

  /** Fills the kind menus from the worker's container (plug-in kinds included) and reselects the state's kinds. */
  setKinds(kinds: KindLists): void {
    this.kinds = kinds;
    const families: [string, string[]][] = [
      ['layers', kinds.layers],
      ['losses', kinds.losses],
      ['optimizers', kinds.optimizers],
      ['initializers', kinds.initializers],
    ];
    this.registered.replaceChildren(
      ...families.flatMap(([family, names]) => {
        const term = document.createElement('dt');
        term.textContent = family;
        const list = document.createElement('dd');
        list.textContent = names.join(', ');
        list.dataset.family = family;
        return [term, list];
      }),
    );
    this.show(this.state);
  }

  /** Writes `state` into every control (the menus gain an entry for a kind they do not list yet). */
  show(state: PlaygroundState): void {
    this.state = state;
    this.dataset.value = state.dataset;
    this.noise.value = String(state.noise);
    this.noiseValue.value = String(state.noise);
    this.trainPercent.value = String(state.trainPercent);
    this.trainPercentValue.value = String(state.trainPercent);
    this.batchSize.value = String(state.batchSize);
    this.seed.value = String(state.seed);
    selectValue(this.learningRate, String(state.learningRate));
    fillMenu(this.activation, this.kinds.activations, state.activation);
    fillMenu(this.initializer, this.kinds.initializers, state.initializer);
    fillMenu(this.optimizer, this.kinds.optimizers, state.optimizer);
    fillMenu(this.loss, this.kinds.losses, state.loss);
    for (const feature of FEATURES) this.featureBox(feature.id).checked = state.features.includes(feature.id);
    this.features.disabled = state.dataset === 'toy';
    if (state.dataset === 'toy') this.featuresHint.textContent = 'The toy set has its own 4 inputs.';
    else if (this.featuresHint.textContent?.startsWith('The toy')) this.featuresHint.textContent = '';
    this.hiddenCount.textContent = String(state.hidden.length);
    this.hiddenWord.textContent = state.hidden.length === 1 ? 'hidden layer' : 'hidden layers';
    this.addLayer.disabled = state.hidden.length >= MAX_HIDDEN_LAYERS;
    this.removeLayer.disabled = state.hidden.length === 0;
    this.showUnits(state.hidden);
  }

  private featureBox(id: FeatureId): HTMLInputElement {
    const box = this.features.querySelector(`input[name=feature][value=${id}]`);
    if (!(box instanceof HTMLInputElement)) throw new Error(`playground: no checkbox for feature ${id} in #features`);
    return box;
  }

  /** One number input `#units-<i>` per hidden layer; rebuilt only when the number of layers changes. */
  private showUnits(hidden: number[]): void {
    if (this.layerUnits.children.length !== hidden.length) {
      this.layerUnits.replaceChildren(
        ...hidden.map((_, i) => {
          const label = document.createElement('label');
          const input = document.createElement('input');
          input.type = 'number';
          input.id = `units-${i}`;
          input.min = '1';
          input.max = String(MAX_UNITS);
          input.step = '1';
          input.addEventListener('change', () => {
            const value = Number(input.value);
            if (Number.isInteger(value) && value >= 1 && value <= MAX_UNITS) {
              const next = structuredClone(this.state);
              next.hidden[i] = value;
              this.show(next);
              this.onChange(next);
            } else {
              input.value = String(this.state.hidden[i]);
            }
          });
          label.append(`Layer ${i + 1} units`, input);
          return label;
        }),
      );
    }
    hidden.forEach((units, i) => {
      const input = this.layerUnits.querySelector<HTMLInputElement>(`#units-${i}`);
      if (input) input.value = String(units);
    });
  }
}

/** Selects `value` in a menu, adding it as an option first if the menu does not list it. */
function selectValue(select: HTMLSelectElement, value: string): void {
  if (![...select.options].some((option) => option.value === value)) select.add(new Option(value, value));
  select.value = value;
}

/** Replaces a menu's options with `kinds` (when they differ) and selects `value`. */
function fillMenu(select: HTMLSelectElement, kinds: string[], value: string): void {
  const current = [...select.options].map((option) => option.value);
  if (kinds.length > 0 && current.join('\n') !== kinds.join('\n')) {
    select.replaceChildren(...kinds.map((kind) => new Option(kind, kind)));
  }
  selectValue(select, value);
}
