import { playgroundData } from './engine/datasets.js';
import { FEATURES } from './engine/features.js';
import type { KernelChoice, PageMessage, WorkerMessage } from './engine/protocol.js';
import type { Snapshot } from './engine/session.js';
import { decodeState, encodeState, type PlaygroundState } from './engine/state.js';
import { BoundaryView, type PlotPoints } from './ui/boundary.js';
import { byId, Controls } from './ui/controls.js';
import { FindingsList } from './ui/findings.js';
import { inputGrids } from './ui/input-grids.js';
import { LossChart } from './ui/loss-chart.js';
import { downloadModel, readChosenFile } from './ui/model-files.js';
import { NetworkDiagram } from './ui/network-diagram.js';
import { TraceStepper } from './ui/trace-panel.js';
import { UnitDetails } from './ui/unit-details.js';

declare global {
  interface Window {
    /** How many times the page has redrawn from a snapshot (read by the frame-rate test). */
    __bpnetFrames: number;
  }
}

/** Samples generated per data set; the worker's session generates the same set from the same state. */

const query = new URLSearchParams(location.search);
const kernelQuery = query.get('kernels');
const kernels: KernelChoice = kernelQuery === 'js' || kernelQuery === 'wasm' ? kernelQuery : 'auto';
/** Plug-in modules to load into the worker's container, `?plugins=a,b` (files `src/plugins/<name>.ts`). */
const plugins = (query.get('plugins') ?? '').split(',').filter((name) => name !== '');

const runButton = byId('run', HTMLButtonElement);
const stepButton = byId('step', HTMLButtonElement);
const resetButton = byId('reset', HTMLButtonElement);
const iterationText = byId('iteration', HTMLElement);
const trainLossText = byId('train-loss', HTMLElement);
const testLossText = byId('test-loss', HTMLElement);
const kernelsText = byId('kernels', HTMLElement);
const traceSample = byId('trace-sample', HTMLInputElement);
const traceButton = byId('trace', HTMLButtonElement);
const downloadButton = byId('download-model', HTMLButtonElement);
const loadInput = byId('load-model', HTMLInputElement);
const modelError = byId('model-error', HTMLParagraphElement);
const modelStatus = byId('model-status', HTMLParagraphElement);
const shareButton = byId('share', HTMLButtonElement);
const shareStatus = byId('share-status', HTMLSpanElement);
const statusText = byId('status', HTMLParagraphElement);

window.__bpnetFrames = 0;

const decoded = decodeState(location.hash);
let state: PlaygroundState = decoded.state;
let points: PlotPoints | undefined;
let latest: Snapshot | undefined;
let dirty = false;
let frameRequested = false;
let running = false;

const worker = new Worker(new URL('./worker/training-worker.ts', import.meta.url), { type: 'module' });
const post = (message: PageMessage) => worker.postMessage(message);

const boundary = new BoundaryView(byId('boundary', HTMLCanvasElement));
const lossChart = new LossChart(byId('loss-chart', HTMLCanvasElement));
const select = (layer: number, unit: number) => {
  diagram.select(layer, unit);
  requestDraw();
};
const diagram = new NetworkDiagram(byId('network', HTMLDivElement), select);
const unitDetails = new UnitDetails(byId('unit-details', HTMLDivElement));
const findings = new FindingsList(byId('findings', HTMLUListElement), select);
const controls = new Controls(state, (next) => configure(next));
const stepper = new TraceStepper(
  {
    view: byId('trace-view', HTMLDivElement),
    previous: byId('trace-previous', HTMLButtonElement),
    next: byId('trace-next', HTMLButtonElement),
    menu: byId('trace-step', HTMLSelectElement),
    text: byId('trace-output', HTMLPreElement),
  },
  (column) => diagram.highlightColumn(column),
);

/** The 2-D points to plot, regenerated from the state exactly as the worker's session does. */
function plotPoints(from: PlaygroundState): PlotPoints | undefined {
  if (from.dataset === 'toy') return undefined;
  const split = playgroundData(from);
  traceSample.max = String(split.train.inputs.length - 1);
  return { train: split.train, test: split.test };
}

/** Writes the state into the URL hash without adding a history entry (and without a hashchange event). */
function writeHash(): void {
  const hash = `#${encodeState(state)}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

/** Shows a state the worker already follows: controls, URL and points (no new session). */
function adopt(next: PlaygroundState): void {
  state = next;
  controls.show(state);
  writeHash();
  points = plotPoints(state);
  if (state.dataset === 'toy') traceSample.max = '';
  stepper.clear();
}

/** Adopts a new state: URL, points, and a new session in the worker (which stops any run). */
function configure(next: PlaygroundState): void {
  adopt(next);
  modelStatus.textContent = '';
  setRunning(false);
  lossChart.invalidate();
  post({ type: 'configure', state, kernels, ...(plugins.length > 0 ? { plugins } : {}) });
}

function setRunning(value: boolean): void {
  running = value;
  runButton.setAttribute('aria-pressed', String(value));
}

function requestDraw(): void {
  dirty = true;
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(draw);
}

/** One redraw from the latest snapshot (at most one per animation frame, however many snapshots arrived). */
function draw(): void {
  frameRequested = false;
  if (!dirty || !latest) return;
  dirty = false;
  const snapshot = latest;
  iterationText.textContent = String(snapshot.iteration);
  trainLossText.textContent = snapshot.trainLoss.toFixed(3);
  trainLossText.title = `J, the mean ${snapshot.loss} loss over the training set`;
  testLossText.title = `J, the mean ${snapshot.loss} loss over the test set`;
  testLossText.textContent = snapshot.testLoss.toFixed(3);
  kernelsText.textContent = snapshot.kernels;
  const planar = state.dataset !== 'toy' && snapshot.boundary.length > 0;
  const inputSize = snapshot.weights[0]?.length ?? 0;
  const features = state.features.map((id) => FEATURES.find((f) => f.id === id)?.label ?? id);
  const inputLabels = planar && features.length === inputSize ? features : defaultLabels(inputSize, state);
  diagram.setShape({
    inputLabels,
    inputGrids:
      planar && features.length === inputSize ? () => inputGrids(state.features, snapshot.gridSize) : undefined,
    hidden: snapshot.units.map((layer) => layer.length),
    classes: snapshot.weights[snapshot.weights.length - 1]?.[0]?.length ?? 2,
    gridSize: snapshot.gridSize,
  });
  diagram.update(snapshot);
  diagram.markFindings(snapshot.findings);
  boundary.draw(snapshot.boundary, snapshot.gridSize, points, 'The toy set has 4 inputs: no plane to draw.');
  lossChart.draw(snapshot.lossHistory);
  const selection = diagram.selection();
  unitDetails.update(snapshot, selection);
  findings.update(snapshot.findings, snapshot.units.length);
  window.__bpnetFrames++;
}

function defaultLabels(inputSize: number, from: PlaygroundState): string[] {
  if (from.dataset === 'toy') return Array.from({ length: inputSize }, (_, i) => `x${i + 1}`);
  return Array.from({ length: inputSize }, (_, i) => `in ${i + 1}`);
}

worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'snapshot':
      latest = message.snapshot;
      setRunning(message.running);
      if (document.body.dataset.ready !== 'true') document.body.dataset.ready = 'true';
      requestDraw();
      break;
    case 'kinds':
      controls.setKinds(message.kinds);
      break;
    case 'trace':
      if ('error' in message) stepper.fail(message.error);
      else stepper.load(message.sample, message.steps, message.text);
      break;
    case 'loaded':
      adopt(message.state);
      modelStatus.textContent =
        `Loaded ${message.network}, on the ${message.state.dataset} set. Reset returns to the loaded weights; ` +
        'changing a setting builds a new network from the settings.';
      break;
    case 'model':
      downloadModel(message.json);
      break;
    case 'error':
      if (message.source === 'load') modelError.textContent = message.message;
      else statusText.textContent = message.message;
      break;
  }
});
worker.addEventListener('error', (event) => {
  statusText.textContent = `The training worker failed: ${event.message || 'unknown error (see the console)'}`;
});

runButton.addEventListener('click', () => {
  setRunning(!running);
  post({ type: running ? 'run' : 'pause' });
});
stepButton.addEventListener('click', () => {
  setRunning(false);
  post({ type: 'step' });
});
resetButton.addEventListener('click', () => {
  setRunning(false);
  lossChart.invalidate();
  stepper.clear();
  post({ type: 'reset' });
});
traceButton.addEventListener('click', () => {
  const index = Number(traceSample.value);
  post({ type: 'trace', index });
});
downloadButton.addEventListener('click', () => post({ type: 'save' }));
loadInput.addEventListener('change', async () => {
  modelError.textContent = '';
  try {
    const json = await readChosenFile(loadInput);
    if (json === undefined) return;
    setRunning(false);
    lossChart.invalidate();
    post({ type: 'load', json });
  } catch (error) {
    modelError.textContent = `Cannot read the file: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    // Choosing the same file again must load it again.
    loadInput.value = '';
  }
});
shareButton.addEventListener('click', async () => {
  writeHash();
  try {
    await navigator.clipboard.writeText(location.href);
    shareStatus.textContent = 'Link copied.';
  } catch {
    shareStatus.textContent = location.href;
  }
});
window.addEventListener('hashchange', () => {
  if (location.hash === `#${encodeState(state)}`) return;
  const { state: next, errors } = decodeState(location.hash);
  statusText.textContent = errors.join('\n');
  configure(next);
});

statusText.textContent = decoded.errors.join('\n');
configure(state);
