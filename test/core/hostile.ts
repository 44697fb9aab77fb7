/**
 * Hostile text for the security tests: strings that would run, load or mislead if they reached
 * markup, a terminal or a hover unescaped, and maps carrying them in every free-text field (and in
 * ids and references). Used by test/core/security.test.ts, the report's tests (test/cli/report.test.ts)
 * and the browser suite's report checks.
 */
/** Strings that would run, load or mislead if they reached markup unescaped. */
export const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '" onmouseover="alert(1)" x="',
  "' onload='alert(1)' x='",
  '<svg onload=alert(1)>',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">click</a>',
  '<a xlink:href="javascript:alert(1)">x</a>',
  ']]><script>alert(1)</script><![CDATA[',
  '<![CDATA[<script>alert(1)</script>]]>',
  '${process.exit(1)}',
  '{{constructor.constructor("alert(1)")()}}',
  '<%= 7*7 %>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#x3C;script&#x3E;',
  '<!-- x --><?xml-stylesheet href="http://evil/x.css"?>',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
  '<foreignObject><iframe src="http://evil"/></foreignObject>',
  '<use href="http://evil/x.svg#a"/>',
  '<style>*{background:url(http://evil)}</style>',
  '[click me](command:workbench.action.terminal.new)',
  '[x](command:_workbench.downloadResource?%5B%22file%3A%2F%2F%2Fetc%2Fpasswd%22%5D)',
  '![pixel](https://evil.example/track.png)',
  '[a](javascript:alert(1))',
  '<https://evil.example/autolink>',
  '[ref]: command:workbench.action.quit',
  '`code` **bold** _em_ # heading ~~del~~ | a | b |',
  '\\[x\\](command:x)',
  '\u202Egnp.exe',
  'abc\u2066\u2067def\u2069\u202C',
  '\u0007bell \u0000 nul \u001B[31m',
  'line one\rline two\r- [x](command:x)',
  '"quoted" \'single\' & ampersand',
];

const q = (s: string) => JSON.stringify(s);

/** A map with `h` in every free-text field, metric names and values included. */
export function hostileMap(h: string): string {
  return `journeymap: 1
title: ${q(`Title ${h}`)}
persona: ${q(`Persona ${h}`)}
scenario: ${q(`Scenario ${h}`)}
goal: ${q(`Goal ${h}`)}
owner: ${q(`Owner ${h}`)}
review:
  last: 2026-10-30
  every: quarter
  triggers: [${q(h)}]
sources:
  - id: tickets-q3
    kind: tickets
    path: ../data/tickets.csv
    period: 2026-07-01/2026-09-30
    note: ${q(`Note ${h}`)}
lanes:
  - id: admin
    name: ${q(`Admin ${h}`)}
    kind: customer
  - id: desk
    name: ${q(`Desk ${h}`)}
    kind: frontstage
    team: ${q(`Team ${h}`)}
stages:
  - id: discover
    name: ${q(`Stage ${h}`)}
    touchpoints:
      - id: locked-out
        lane: admin
        name: ${q(`Card ${h}`)}
        channel: ${q(`Channel ${h}`)}
        does: ${q(`Does ${h}`)}
        thinks: ${q(`Thinks ${h}`)}
        feels: -2
        pains: [${q(`Pain ${h}`)}]
        metrics:
          ${q(`metric ${h}`)}: { value: ${q(h)}, target: 5%, better: lower, note: ${q(h)} }
          fcr: { value: 64%, target: 80%, source: tickets-q3, note: ${q(`Metric note ${h}`)} }
      - id: desk-verify
        lane: desk
        name: ${q(h)}
        metrics:
          csat: { value: 4.1/5, target: 4.5/5 }
handoffs:
  - from: locked-out
    to: desk-verify
    sla: 4h
    wait: 3h
    notifies_customer: false
    note: ${q(`Handoff ${h}`)}
improvements:
  - id: lock-hint
    for: [locked-out]
    experiment: ${q(`Experiment ${h}`)}
    outcome: ${q(`Outcome ${h}`)}
    signal: ${q(`30% fewer ${h}`)}
    impact: high
    effort: low
    owner: ${q(`Owner ${h}`)}
    due: 2026-12-31
    status: ${q(h)}
`;
}

/** The same map with `h` as ids and references too (invalid ids are reported, but still drawn). */
export function hostileIdsMap(h: string): string {
  return hostileMap(h)
    .replace(/\bid: locked-out\b/, `id: ${q(`tp ${h}`)}`)
    .replace(/for: \[locked-out\]/, `for: [${q(`tp ${h}`)}]`)
    .replace(/from: locked-out/, `from: ${q(`tp ${h}`)}`)
    .replace(/\bid: admin\b/, `id: ${q(`lane ${h}`)}`)
    .replace(/lane: admin/, `lane: ${q(`lane ${h}`)}`)
    .replace(/\bid: discover\b/, `id: ${q(`stage ${h}`)}`);
}
