import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parseJourney } from '../../src/core/parse';
import { layoutJourney, DIMENSIONS, EMBEDDED_MEASURE, renderSvg, escapeXml, DARK_THEME, LIGHT_THEME, roundedPath } from '../../src/core/diagram';
import { generateMap } from './journeyGen';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

interface XmlNode { nodeType: number; nodeName: string; nodeValue: string | null; childNodes: ArrayLike<XmlNode>; attributes?: ArrayLike<{ name: string; value: string }>; getAttribute?(n: string): string | null; textContent: string | null }

/** Parses strictly: any XML error or warning fails the test. */
function parseSvg(svg: string): XmlNode {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level: string, message: string) => { problems.push(`${level}: ${message}`); } })
    .parseFromString(svg, 'image/svg+xml') as unknown as { documentElement: XmlNode };
  assert.deepEqual(problems, [], 'the SVG is well-formed XML');
  assert.equal(doc.documentElement.nodeName, 'svg');
  return doc.documentElement;
}

function walk(node: XmlNode, visit: (n: XmlNode) => void): void {
  visit(node);
  for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i], visit);
}

const HOSTILE = `<script>alert(1)</script> <img src=x onload="alert(2)"> ]]> "quoted" 'single' & \u202Egnp.exe\u202C \u2066iso\u2069 \u0007bell`;
const HOSTILE_MAP = `journeymap: 1
title: ${JSON.stringify(`Map ${HOSTILE}`)}
persona: ${JSON.stringify(HOSTILE)}
scenario: ${JSON.stringify(HOSTILE)}
lanes:
  - { id: admin, name: ${JSON.stringify(`Admin ${HOSTILE}`)}, kind: customer }
  - { id: desk, name: Desk, kind: frontstage, team: ${JSON.stringify(HOSTILE)} }
stages:
  - id: s1
    name: ${JSON.stringify(`Stage ${HOSTILE}`)}
    touchpoints:
      - id: a
        lane: admin
        name: ${JSON.stringify(`Card ${HOSTILE}`)}
        channel: ${JSON.stringify(HOSTILE)}
        feels: -2
        pains: [${JSON.stringify(HOSTILE)}]
        metrics:
          ${JSON.stringify(`m<x>`)}: { value: 10%, better: higher }
      - id: b
        lane: desk
        name: Next
handoffs:
  - { from: a, to: b, sla: 1h, wait: 2h, note: ${JSON.stringify(HOSTILE)} }
improvements:
  - id: i1
    for: [a]
    experiment: ${JSON.stringify(HOSTILE)}
    outcome: x
    signal: 10% fewer
`;

describe('render', () => {
  const files = existsSync(EXAMPLES) ? readdirSync(EXAMPLES).filter((f) => /\.journey\.ya?ml$/.test(f)).sort() : [];
  for (const name of files) {
    for (const theme of [LIGHT_THEME, DARK_THEME]) {
      it(`${name} (${theme.name}): a well-formed SVG with a title, one card per touchpoint, data-id and data-line`, () => {
        const doc = parseJourney(readFileSync(join(EXAMPLES, name), 'utf8'));
        const svg = renderSvg(layoutJourney(doc), { theme });
        const root = parseSvg(svg);
        assert.equal(root.getAttribute!('xmlns'), 'http://www.w3.org/2000/svg');
        const cards: XmlNode[] = [];
        let titles = 0;
        let foreign = 0;
        let styled = 0;
        walk(root, (n) => {
          if (n.nodeName === 'g' && n.getAttribute!('class')?.split(' ').includes('jm-card')) cards.push(n);
          if (n.nodeName === 'title') titles++;
          if (n.nodeName === 'foreignObject' || n.nodeName === 'script' || n.nodeName === 'style') foreign++;
          if (n.getAttribute?.('style')) styled++;
        });
        assert.equal(cards.length, doc.map.touchpoints.length);
        for (const card of cards) {
          assert.ok(card.getAttribute!('data-id'));
          assert.match(card.getAttribute!('data-line') ?? '', /^\d+$/);
        }
        assert.ok(titles > 0);
        assert.equal(foreign, 0, 'no foreignObject, script or style elements');
        assert.equal(styled, 0, 'no style attributes (CSP)');
      });
    }
  }

  it('escapes hostile strings: no markup, no handlers, no bidi controls, text kept', () => {
    const doc = parseJourney(HOSTILE_MAP);
    const svg = renderSvg(layoutJourney(doc));
    const root = parseSvg(svg);
    assert.ok(!/<script/i.test(svg), 'no <script');
    assert.ok(!/<img/i.test(svg), 'no <img');
    assert.ok(!/[\u202A-\u202E\u2066-\u2069\u0007]/.test(svg), 'no bidi or control characters');
    const elements = new Set<string>();
    walk(root, (n) => {
      if (n.nodeType !== 1) return;
      elements.add(n.nodeName);
      for (let i = 0; i < (n.attributes?.length ?? 0); i++) {
        const attr = n.attributes![i];
        assert.ok(!/^on/i.test(attr.name), `event handler attribute ${attr.name}`);
      }
    });
    for (const el of elements) assert.ok(['svg', 'title', 'desc', 'defs', 'marker', 'path', 'g', 'rect', 'line', 'text', 'circle'].includes(el), `unexpected element <${el}>`);
    // The hostile text is there, as text.
    let text = '';
    walk(root, (n) => { if (n.nodeType === 3) text += n.nodeValue; });
    assert.ok(text.includes('<script>alert(1)</script>'), 'script tag shown as text');
    assert.ok(text.includes('"quoted"') && text.includes("'single'"));
  });

  it('escapeXml handles the five characters and strips bidi controls', () => {
    assert.equal(escapeXml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    assert.equal(escapeXml('abc\u202Efed\u202C'), 'abcfed');
    assert.equal(escapeXml('plain'), 'plain');
    assert.equal(escapeXml('\uD800x'), 'x');
    assert.equal(escapeXml('😀'), '😀');
  });

  it('cuts a title wider than the diagram with an ellipsis and keeps the full title in <title>', () => {
    const long = 'Remote worker on hotel Wi-Fi cannot reach the VPN gateway after the certificate rotation of the weekend maintenance window';
    const text = `journeymap: 1\ntitle: ${long}\npersona: P\nscenario: S\nlanes:\n  - { id: c, name: C, kind: customer }\nstages:\n  - id: s\n    name: S\n    touchpoints:\n      - { id: a, lane: c, name: A }\n`;
    const layout = layoutJourney(parseJourney(text));
    const svg = renderSvg(layout);
    const shown = /<text class="jm-title"[^>]*>([^<]*)<\/text>/.exec(svg)![1];
    assert.ok(shown.endsWith('…') && long.startsWith(shown.slice(0, -1).trimEnd()), shown);
    assert.ok(EMBEDDED_MEASURE.width(shown, DIMENSIONS.titleSize, true) <= layout.width - 2 * DIMENSIONS.margin, `${EMBEDDED_MEASURE.width(shown, DIMENSIONS.titleSize, true)} > ${layout.width}`);
    assert.ok(svg.includes(`<title id="jm-title">${long}</title>`));
  });

  it('draws loops, dead ends, red handoffs, metric status and the curve', () => {
    const text = `journeymap: 1
title: T
persona: P
scenario: S
lanes:
  - { id: c, name: C, kind: customer }
  - { id: d, name: D, kind: frontstage }
  - { id: b, name: B, kind: backstage }
stages:
  - id: s
    name: S
    touchpoints:
      - { id: a, lane: c, name: A, feels: -3, metrics: { fcr: { value: 50%, target: 75% } } }
      - { id: x, lane: d, name: X, metrics: { csat: { value: 4.5/5, target: 4/5 } } }
      - { id: y, lane: b, name: Y, next: [a, z] }
      - { id: z, lane: c, name: Z, feels: 2, next: [] }
      - { id: w, lane: d, name: W }
handoffs:
  - { from: x, to: y, sla: 1h, wait: 2h, notifies_customer: true }
`;
    const svg = renderSvg(layoutJourney(parseJourney(text)));
    parseSvg(svg);
    assert.match(svg, /class="jm-flow jm-loop"/);
    assert.match(svg, /class="jm-dead-end"/);
    assert.match(svg, /class="jm-handoff jm-alert"/);
    assert.match(svg, /data-status="misses"/);
    assert.match(svg, /data-status="meets"/);
    assert.match(svg, /class="jm-curve-line"/);
    assert.match(svg, /class="jm-visibility"/);
    assert.match(svg, /SLA 1h · wait 2h/);
  });

  it('renders a 1,000-touchpoint map into well-formed XML', () => {
    const svg = renderSvg(layoutJourney(parseJourney(generateMap({ touchpoints: 1000, seed: 11 }))));
    parseSvg(svg);
  });

  it('rounds bends without leaving the orthogonal route', () => {
    assert.equal(roundedPath([{ x: 0, y: 0 }, { x: 10, y: 0 }]), 'M0 0 L10 0');
    assert.match(roundedPath([{ x: 0, y: 0 }, { x: 20, y: 0 }, { x: 20, y: 20 }]), /^M0 0 L14 0 Q20 0 20 6 L20 20$/);
  });
});
