import { createContainer } from '@bpnet/core';
import { assertConformance, checkContainerConformance } from '@bpnet/core/testing';
import { denseModule } from '@bpnet/dense';
import { reluModule } from '@bpnet/relu';
import { sigmoidModule } from '@bpnet/sigmoid';
import { softmaxCrossEntropyModule } from '@bpnet/softmax-cross-entropy';
import { squaredErrorModule } from '@bpnet/squared-error';
import { tanhModule } from '@bpnet/tanh';
import { expect, it } from 'vitest';
import { acmeLayersModule } from './fixtures/softsign-layer.js';

it("every kind bound in a container, bpnet's and a plug-in's, passes the conformance kit", () => {
  const container = createContainer(
    denseModule,
    sigmoidModule,
    tanhModule,
    reluModule,
    squaredErrorModule,
    softmaxCrossEntropyModule,
    acmeLayersModule,
  );
  const reports = checkContainerConformance(container, { losses: { step: 1e-4 } });
  expect(reports.map((report) => report.kind).sort()).toEqual([
    'acme/scaled-softsign',
    'dense',
    'relu',
    'sigmoid',
    'softmax-cross-entropy',
    'squared-error',
    'tanh',
  ]);
  assertConformance(reports);
  for (const report of reports) expect(report.checks).toBeGreaterThanOrEqual(20);
});
