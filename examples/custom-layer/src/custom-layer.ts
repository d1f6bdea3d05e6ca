import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  accuracyOf,
  buildNetwork,
  createContainer,
  type Network,
  SeededRandom,
  seededRandomModule,
  train,
} from '@bpnet/core';
import { loadModelFile, saveModelFile } from '@bpnet/core/node';
import { denseModule } from '@bpnet/dense';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { preluModule } from './prelu-layer.js';
import { makeRings } from './rings.js';

/** What the custom-layer example did. */
export interface CustomLayerResult {
  readonly trainingAccuracy: number;
  readonly finalLoss: number;
  /** The learned PReLU slopes. */
  readonly slopes: number[];
  readonly modelPath: string;
  /** Whether the reloaded network's outputs equal the trained one's bit for bit. */
  readonly reloadedIdentical: boolean;
  readonly network: Network;
}

/**
 * Plugs the example's own `acme/prelu` layer into bpnet through its container module, trains
 * 2 → dense 16 → PReLU → dense 3 with softmax cross-entropy on three rings, saves the model to a file and loads it
 * back into a fresh container.
 */
export function runCustomLayerExample(
  modelPath = join(mkdtempSync(join(tmpdir(), 'bpnet-')), 'prelu-model.json'),
): CustomLayerResult {
  const modules = [denseModule, softmaxCrossEntropyModule, preluModule];
  const network = buildNetwork(createContainer(...modules, seededRandomModule(4)), {
    inputSize: 2,
    layers: [
      { kind: 'dense', units: 16, weightInitializer: { kind: 'he' } },
      { kind: 'acme/prelu' },
      { kind: 'dense', units: 3 },
    ],
    loss: { kind: 'softmax-cross-entropy' },
  });
  const { inputs, labels } = makeRings(new SeededRandom(5), 100, 3);
  const history = train(network, inputs, labels, {
    learningRate: 0.1,
    epochs: 300,
    batchSize: 20,
    sampling: 'epoch',
    seed: 6,
  });
  saveModelFile(network, modelPath);
  const reloaded = loadModelFile(createContainer(...modules), modelPath);
  const outputs = network.forward(inputs).data;
  const reloadedOutputs = reloaded.forward(inputs).data;
  return {
    trainingAccuracy: accuracyOf(network, inputs, Int32Array.from(labels)),
    finalLoss: history.loss[history.loss.length - 1],
    slopes: Array.from(network.layers[1].parameters()[0].value.data),
    modelPath,
    reloadedIdentical: outputs.every((value, i) => Object.is(value, reloadedOutputs[i])),
    network,
  };
}
