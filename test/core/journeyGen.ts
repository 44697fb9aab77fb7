/**
 * A seeded generator of journey maps for layout tests and the browser suite: N touchpoints over
 * about N/10 stages and 6 lanes (customer, two frontstage, two backstage, system), explicit `next`
 * branches, loops and a dead end, and N/5 handoffs. The same arguments always give the same text.
 */

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

const LANES: [string, string, string][] = [
  ['customer', 'Customer', 'customer'],
  ['desk', 'Service desk', 'frontstage'],
  ['chat', 'Chat agents', 'frontstage'],
  ['tier2', 'Tier 2', 'backstage'],
  ['eng', 'Engineering', 'backstage'],
  ['platform', 'Ticketing platform', 'system'],
];
const WORDS = 'reset password email portal ticket agent queue verify identity refund invoice outage status page escalate wait callback survey knowledge article chat phone'.split(' ');

export interface GenOptions {
  touchpoints: number;
  seed?: number;
  /** Strings put into names, pains and lane names (escaping tests). */
  hostile?: string;
}

export function generateMap(options: GenOptions): string {
  const n = options.touchpoints;
  const rand = rng(options.seed ?? 42);
  const stages = Math.max(1, Math.round(n / 10));
  const q = (s: string) => JSON.stringify(s);
  const out: string[] = [
    'journeymap: 1',
    `title: ${q(`Generated journey with ${n} touchpoints${options.hostile ? ` ${options.hostile}` : ''}`)}`,
    'persona: Tenant administrator',
    'scenario: Generated for layout tests',
    'owner: Test',
    'lanes:',
  ];
  for (const [id, name, kind] of LANES) {
    out.push(`  - id: ${id}`, `    name: ${q(options.hostile && id === 'desk' ? `${name} ${options.hostile}` : name)}`, `    kind: ${kind}`);
  }
  out.push('stages:');
  let t = 0;
  const ids: string[] = [];
  for (let s = 0; s < stages; s++) {
    const count = s === stages - 1 ? n - t : Math.min(n - t, Math.max(1, Math.round(n / stages)));
    out.push(`  - id: s${s}`, `    name: ${q(`Stage ${s + 1} ${WORDS[s % WORDS.length]}`)}`, '    touchpoints:');
    for (let k = 0; k < count; k++, t++) {
      const id = `t${t}`;
      ids.push(id);
      const lane = t % 3 === 0 ? 'customer' : LANES[1 + Math.floor(rand() * 5)][0];
      const words = 2 + Math.floor(rand() * 6);
      const name = Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
      out.push(`      - id: ${id}`, `        lane: ${lane}`, `        name: ${q(options.hostile && t % 7 === 0 ? `${name} ${options.hostile}` : name)}`);
      out.push(`        channel: ${WORDS[t % WORDS.length]}`);
      if (lane === 'customer' || rand() < 0.3) out.push(`        feels: ${Math.floor(rand() * 7) - 3}`);
      if (rand() < 0.4) out.push(`        pains: [${q(options.hostile && t % 2 === 0 ? `Pain ${options.hostile}` : `Pain at ${name}`)}]`);
      out.push('        metrics:', `          fcr: { value: ${50 + Math.floor(rand() * 40)}%, target: 75% }`,
        `          csat: ${(3 + rand() * 2).toFixed(1)}/5`, `          time_to_resolution: { value: ${1 + Math.floor(rand() * 9)}h, target: 4h }`);
      out.push(`        runbook: runbooks/r${t % 5}.md`);
      if (t === n - 1) continue;
      const r = rand();
      if (t > 3 && r < 0.06) out.push(`        next: [t${t - 1 - Math.floor(rand() * 3)}, t${t + 1}]`);
      else if (r < 0.12 && t + 2 < n) out.push(`        next: [t${t + 1}, t${t + 2}]`);
      else if (r < 0.13 && t > 0) out.push('        next: []');
    }
  }
  out.push('handoffs:');
  for (let h = 0; h < Math.floor(n / 5); h++) {
    const a = Math.floor(rand() * (n - 1));
    const b = Math.min(n - 1, a + 1 + Math.floor(rand() * 3));
    out.push(`  - from: ${ids[a]}`, `    to: ${ids[b]}`, `    sla: ${1 + Math.floor(rand() * 8)}h`, `    wait: ${1 + Math.floor(rand() * 8)}h`, `    notifies_customer: ${rand() < 0.5}`);
  }
  return `${out.join('\n')}\n`;
}
