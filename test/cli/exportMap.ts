/** A small map for the ticket-export tests. */

/** A minimal map with one touchpoint whose metrics are `metrics` (flow mappings), over one source. */
export function exportMap(source: string, metrics: string[], extra = ''): string {
  return `journeymap: 1
title: Desk tickets
persona: Employee
scenario: Needs help from the service desk
${extra}sources:
  - id: export
    kind: tickets
${source.split('\n').map((l) => `    ${l}`).join('\n')}
lanes:
  - id: desk
    kind: frontstage
stages:
  - id: resolve
    touchpoints:
      - id: desk-work
        lane: desk
        name: The desk works the ticket
        metrics:
${metrics.map((m) => `          ${m}`).join('\n')}
`;
}
