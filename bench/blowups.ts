/**
 * Small hostile inputs that once took minutes or the whole heap: generators shared by the unit
 * tests (which assert that each finishes with the right finding) and `npm run bench:bounds`
 * (which records time and peak memory in BENCHMARKS.md). Pure: no Node APIs.
 */
import { mulberry32 } from './random';

const HEADER = `journeymap: 1
title: Hostile input
persona: Tenant administrator
scenario: Generated to stress the checker
owner: Service desk team lead
review: { last: 2026-11-01, every: quarter }
lanes:
  - { id: c, name: Customer, kind: customer }
  - { id: d, name: Service desk, kind: frontstage }
  - { id: b, name: Back office, kind: backstage }
`;

/**
 * About `bytes` of map whose touchpoint ids are 2,000 characters long and whose `next:` names
 * near misses of them (one character changed): each unknown reference used to be compared in
 * full with every id, a 2,000 x 2,000 table per pair.
 */
export function nearMissIdsMap(bytes: number, idLength = 2000): string {
  const count = Math.max(2, Math.floor(bytes / (idLength * 2 + 80)));
  const id = (i: number) => `${'touchpoint-'.repeat(Math.ceil(idLength / 11)).slice(0, idLength - 6)}-${String(i).padStart(5, '0')}`;
  const miss = (i: number) => `${id(i).slice(0, -1)}x`;
  let text = `${HEADER}stages:\n  - id: s\n    name: Stage\n    touchpoints:\n`;
  for (let i = 0; i < count; i++) {
    text += `      - id: ${id(i)}\n        lane: d\n        name: Step ${i}\n        next: [${miss((i + 1) % count)}]\n`;
  }
  return text;
}

/** `touchpoints` cards in three lanes, each with `fanOut` `next:` targets anywhere on the map. */
export function wideFlowMap(touchpoints: number, fanOut: number): string {
  const random = mulberry32(1);
  const perStage = 30;
  let text = `${HEADER}stages:\n`;
  for (let stage = 0; stage * perStage < touchpoints; stage++) {
    text += `  - id: s${stage}\n    name: Stage ${stage}\n    touchpoints:\n`;
    for (let i = 0; i < perStage && stage * perStage + i < touchpoints; i++) {
      const n = stage * perStage + i;
      const next = Array.from({ length: fanOut }, () => `t${Math.floor(random() * touchpoints)}`);
      text += `      - id: t${n}\n        lane: ${['c', 'd', 'b'][n % 3]}\n        name: Touchpoint ${n}\n        next: [${next.join(', ')}]\n`;
    }
  }
  return text;
}

/**
 * About `bytes` of Markdown whose heading lines hold a long run of spaces before a last word: a
 * heading regex with a lazy title and an optional closing `#` sequence retries the run of spaces
 * from every position of the title, so each such line costs its length squared.
 */
export function longHeadingRunbook(bytes: number): string {
  const line = `## Step${' '.repeat(20000)}x\n\nSome text.\n\n`;
  return `# Runbook\n\n${line.repeat(Math.max(1, Math.floor(bytes / line.length)))}`;
}

/** A ticket export whose one category field is `fieldBytes` long. */
export function hugeFieldExport(fieldBytes: number): string {
  return `opened,resolved,category\n2026-09-01,2026-09-02,${'Z'.repeat(fieldBytes)}\n`;
}
