import type { TrainingHistory } from '@bpnet/core';
import { describe, expect, it } from 'vitest';
import { historySvg } from './history-svg.js';

/**
 * A small XML check for what historySvg emits: the document is one `<svg>` root in the SVG namespace, every tag is
 * well-formed with quoted attributes, start and end tags balance, and text and attribute values carry no raw `<`
 * and no `&` outside an entity. Returns the element names in document order.
 */
function checkXml(svg: string): string[] {
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g;
  const checkText = (text: string, where: string) => {
    expect(text, `raw < in ${where}`).not.toMatch(/</);
    expect(text.replace(/&(?:amp|lt|gt|quot|apos|#\d+|#x[\dA-Fa-f]+);/g, ''), `bare & in ${where}`).not.toMatch(/&/);
  };
  const stack: string[] = [];
  const names: string[] = [];
  let position = 0;
  for (const match of svg.matchAll(tag)) {
    const [whole, closing, name, attributes, selfClosing] = match;
    checkText(svg.slice(position, match.index), `text before ${whole}`);
    position = match.index + whole.length;
    for (const attribute of attributes.matchAll(/"([^"]*)"/g)) checkText(attribute[1], `attribute of ${whole}`);
    if (closing === '/') {
      expect(selfClosing, whole).toBe('');
      expect(stack.pop(), `${whole} closes the wrong element`).toBe(name);
      if (stack.length === 0) expect(svg.slice(position).trim(), 'content after the root').toBe('');
    } else {
      if (names.length > 0) expect(stack.length, `${whole} outside the root`).toBeGreaterThan(0);
      names.push(name);
      if (selfClosing !== '/') stack.push(name);
    }
  }
  checkText(svg.slice(position), 'the end');
  expect(stack, 'unclosed elements').toEqual([]);
  expect(names[0]).toBe('svg');
  return names;
}

/** The contents of every `<text>` element, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) =>
    match[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

function syntheticHistory(iterations: number, iterationsPerEpoch: number) {
  const loss = Array.from(
    { length: iterations },
    (_, i) => 0.05 + 0.8 * Math.exp(-i / 150) + 0.02 * Math.sin(i * 12.9898),
  );
  const epochs = Math.ceil(iterations / iterationsPerEpoch);
  const accuracy = Array.from({ length: epochs }, (_, k) => Math.min(1, 0.3 + 0.7 * (1 - Math.exp(-k / 6))));
  const validationAccuracy = accuracy.map((value) => value * 0.95);
  return { loss, accuracy, validationAccuracy, iterationsPerEpoch };
}

describe('historySvg', () => {
  it('draws a loss panel and an accuracy panel with axes, nice ticks, titles and a legend', () => {
    const svg = historySvg(syntheticHistory(1000, 10), { title: 'three-layer network' });
    const names = checkXml(svg);
    expect(names.filter((name) => name === 'path').length).toBe(4); // raw and smoothed loss, two accuracies
    const labels = texts(svg);
    expect(labels).toContain('three-layer network');
    expect(labels.filter((label) => label === 'iteration')).toHaveLength(2);
    expect(labels).toContain('loss');
    expect(labels).toContain('accuracy');
    expect(labels).toEqual(
      expect.arrayContaining([
        'loss per iteration',
        'loss smoothed (EMA, window 20)',
        'training accuracy',
        'validation accuracy',
      ]),
    );
    // The loss spans about 0.03..0.87: the axis is rounded out to 0..1 in steps of 0.2 (or 0.1).
    expect(labels).toEqual(expect.arrayContaining(['0', '0.2', '0.4', '0.6', '0.8', '1.0']));
    // The iteration axis: 0..999 in steps of 100 or 200.
    expect(labels).toEqual(expect.arrayContaining(['0', '200', '400', '600', '800']));
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('plots accuracy k at iteration k·E', () => {
    const history = {
      loss: new Array(101).fill(0.5),
      accuracy: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
      iterationsPerEpoch: 10,
    };
    const svg = historySvg(history, { width: 800, height: 600 });
    checkXml(svg);
    // The plot area is 64..784 px wide for x 0..100 (7.2 px per iteration): accuracy k sits at 64 + 72k.
    const dots = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="2.5" fill="#2ca02c"\/>/g)];
    expect(dots.map((dot) => Number(dot[1]))).toEqual([64, 136, 208, 280, 352, 424, 496, 568, 640, 712, 784]);
    const heights = dots.map((dot) => Number(dot[2]));
    expect(heights[0]).toBeGreaterThan(heights[10]); // accuracy 0 at the bottom, 1 at the top
    for (let k = 1; k < heights.length; k++)
      expect(heights[k - 1] - heights[k]).toBeCloseTo((heights[0] - heights[10]) / 10, 0);
  });

  it('places a thinned history (every 2nd loss, every 2nd epoch) at its true iterations', () => {
    // 51 losses kept every 2 iterations span iterations 0..100; 6 accuracies kept every 2 epochs of 10 iterations
    // sit at 0, 20, …, 100: the same x positions as in the unthinned case above (64 + 7.2·iteration).
    const history = {
      loss: new Array(51).fill(0.5),
      lossEvery: 2,
      accuracy: [0, 0.2, 0.4, 0.6, 0.8, 1],
      iterationsPerEpoch: 10,
      epochEvery: 2,
    };
    const svg = historySvg(history, { width: 800, height: 600 });
    const dots = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="2.5" fill="#2ca02c"\/>/g)];
    expect(dots.map((dot) => Number(dot[1]))).toEqual([64, 208, 352, 496, 640, 784]);
    expect(() => historySvg({ loss: [1], lossEvery: 0 })).toThrow(
      'historySvg: lossEvery must be a positive integer, got 0',
    );
  });

  it('estimates iterationsPerEpoch when it is missing', () => {
    const svg = historySvg({ loss: new Array(100).fill(1), accuracy: [0, 0.5, 1, 1] }, { width: 800 }); // E = 25
    const dots = [...svg.matchAll(/<circle cx="([\d.]+)"[^>]*fill="#2ca02c"\/>/g)].map((dot) => Number(dot[1]));
    const perIteration = 720 / 99;
    expect(dots).toHaveLength(4);
    dots.forEach((x, k) => expect(x).toBeCloseTo(64 + 25 * k * perIteration, 0));
  });

  it('accepts core’s TrainingHistory as it is', () => {
    const history: TrainingHistory = {
      lossEvery: 1,
      epochEvery: 1,
      loss: [0.9, 0.5, 0.3, 0.2],
      accuracy: [0.5, 1],
      validationAccuracy: [0.25, 0.75],
      validationLoss: [1, 0.4],
      stoppedEarly: false,
      interrupted: false,
      iterationsPerEpoch: 2,
      batchSize: 4,
      optimizerState: { kind: 'sgd', config: {}, step: 4, slots: {} },
    };
    const svg = historySvg(history);
    expect(checkXml(svg)).toContain('path');
    expect(texts(svg)).toEqual(expect.arrayContaining(['validation accuracy', 'validation loss']));
  });

  it('draws the loss panel alone when there is no accuracy, and a validation loss per epoch', () => {
    const svg = historySvg({
      loss: [1, 0.8, 0.6, 0.5, 0.45, 0.4],
      validationLoss: [1.1, 0.7, 0.55],
      iterationsPerEpoch: 2,
    });
    checkXml(svg);
    const labels = texts(svg);
    expect(labels).not.toContain('accuracy');
    expect(labels).toContain('validation loss');
    const dots = [...svg.matchAll(/<circle cx="([\d.]+)"[^>]*fill="#ff7f0e"\/>/g)].map((dot) => Number(dot[1]));
    expect(dots).toEqual([64, 64 + 720 * (2 / 5), 64 + 720 * (4 / 5)]);
  });

  it('uses a log scale on request', () => {
    const loss = Array.from({ length: 500 }, (_, i) => 2 * Math.exp(-i / 40)); // 2 .. 8e-6
    const svg = historySvg({ loss: [...loss, 0, -1] }, { logScale: true });
    checkXml(svg);
    const labels = texts(svg);
    expect(labels).toContain('loss (log scale)');
    expect(labels).toEqual(expect.arrayContaining(['1e-6', '1e-5', '1e-4', '1e-3', '1e-2', '1e-1', '1e0', '1e1']));
    expect(texts(historySvg({ loss: [0.9, 0.05, 0.02] }, { logScale: true }))).toEqual(
      expect.arrayContaining(['0.01', '0.02', '0.05', '0.1', '0.2', '0.5', '1']),
    );
    expect(labels).toContain('2 values ≤ 0 not drawn (log scale)');
    const linear = texts(historySvg({ loss }));
    expect(linear).toContain('loss');
    expect(linear).not.toContain('1e-6');
  });

  it('escapes the title', () => {
    const svg = historySvg({ loss: [1, 0.5] }, { title: `<script>alert("x")</script> & 'more'` });
    checkXml(svg);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;more&apos;');
    expect(texts(svg)).toContain(`<script>alert("x")</script> & 'more'`);
  });

  it('skips non-finite values and says how many in the legend', () => {
    const svg = historySvg({
      loss: [1, Number.NaN, 0.5, Infinity, 0.25, -Infinity, 0.2],
      accuracy: [0.5, Number.NaN],
      iterationsPerEpoch: 4,
    });
    checkXml(svg);
    const labels = texts(svg);
    expect(labels).toContain('3 non-finite values not drawn');
    expect(labels).toContain('1 non-finite value not drawn');
    expect(svg).not.toMatch(/NaN|Infinity/);
    const rawLoss = svg.match(/<path d="([^"]*)"[^>]*stroke-opacity="0.3"/);
    expect(rawLoss?.[1].split('L')).toHaveLength(4); // the four finite losses
  });

  it('says "no data" for an empty history', () => {
    for (const history of [{ loss: [] }, { loss: [], accuracy: [], validationAccuracy: [], validationLoss: [] }]) {
      const svg = historySvg(history, { title: 'nothing yet' });
      const names = checkXml(svg);
      expect(texts(svg)).toEqual(['nothing yet', 'no data']);
      expect(names).not.toContain('path');
    }
  });

  it('draws a one-iteration history as a dot', () => {
    const svg = historySvg({ loss: [0.7] });
    checkXml(svg);
    expect(svg).toMatch(/<circle [^>]*fill="#1f77b4"\/>/);
  });

  it('stays small for a million iterations and keeps their extremes', () => {
    const iterations = 1_000_000;
    const loss = new Float64Array(iterations);
    for (let i = 0; i < iterations; i++) loss[i] = 0.1 + 0.5 * Math.exp(-i / 1e5) + 0.01 * Math.sin(i);
    loss[777_777] = 9.5; // one spike: min/max downsampling keeps it, so the axis must reach it
    const accuracy = Array.from({ length: iterations / 10 }, (_, k) => k / (iterations / 10));
    const started = performance.now();
    const svg = historySvg({ loss, accuracy, iterationsPerEpoch: 10 });
    const seconds = (performance.now() - started) / 1000;
    checkXml(svg);
    const bytes = Buffer.byteLength(svg);
    expect(bytes).toBeLessThan(1_000_000);
    expect(bytes).toBeLessThan(150_000); // in fact: ≤ 2 points per pixel column per line
    // the spike of 9.5 sets the top of the loss axis
    expect(texts(svg)).toEqual(expect.arrayContaining(['10', '800000']));
    expect(seconds).toBeLessThan(10);
  });

  it('rejects sizes and epochs that cannot be drawn', () => {
    expect(() => historySvg({ loss: [1] }, { width: 50 })).toThrow(/width must be a number of at least 200/);
    expect(() => historySvg({ loss: [1] }, { height: Number.NaN })).toThrow(RangeError);
    expect(() => historySvg({ loss: [1], iterationsPerEpoch: 0 })).toThrow(
      /iterationsPerEpoch must be a positive number/,
    );
    expect(() => historySvg({ loss: [1, 2] }, { smoothingWindow: 0 })).toThrow(/window/);
  });

  it('references nothing outside the document', () => {
    const svg = historySvg(syntheticHistory(300, 30), { title: 'http://example.com' });
    expect(svg).not.toMatch(/<script|<style|<image|<foreignObject|href=|url\(|@import|@font-face/);
    expect(svg.match(/="https?:/g)).toEqual(['="http:']); // the xmlns namespace name only
  });
});
