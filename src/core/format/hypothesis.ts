/**
 * The hypothesis of an improvement as one sentence: "We believe that [experiment] will result in
 * [outcome]. We will know we succeeded when [signal]." An experiment written as an instruction
 * ("Add a KB article") reads "We believe that adding a KB article ..."; a noun phrase ("A status
 * page for billing") reads as it is.
 */

/** Verbs an experiment is commonly written with, as an instruction. */
const VERBS = new Set([
  'add', 'allow', 'ask', 'assign', 'automate', 'auto-assign', 'auto-close', 'block', 'build', 'call', 'cap', 'centralise', 'centralize', 'change', 'check',
  'close', 'consolidate', 'create', 'cut', 'deploy', 'display', 'document', 'drop', 'email', 'enable', 'escalate', 'explain', 'expose', 'extend', 'flag',
  'give', 'hand', 'hold', 'improve', 'increase', 'introduce', 'keep', 'label', 'let', 'limit', 'link', 'log', 'make', 'map', 'measure', 'merge',
  'migrate', 'move', 'notify', 'offer', 'open', 'page', 'pass', 'pilot', 'plan', 'post', 'pre-fill', 'prefill', 'prioritise', 'prioritize', 'provide',
  'publish', 'push', 'put', 'redesign', 'reduce', 'remove', 'replace', 'require', 'reroute', 'reset', 'retire', 'review', 'rewrite', 'route', 'run',
  'schedule', 'send', 'set', 'share', 'ship', 'show', 'simplify', 'skip', 'split', 'standardise', 'standardize', 'start', 'stop', 'surface',
  'swap', 'switch', 'sync', 'tag', 'teach', 'tell', 'test', 'text', 'track', 'train', 'trial', 'triage', 'unify', 'unlock', 'update', 'use', 'verify', 'write',
  'alert', 'auto-escalate', 'auto-route', 'clarify', 'coach', 'collect', 'commit', 'copy', 'communicate', 'confirm', 'contact', 'define', 'detect', 'draft',
  'embed', 'ensure', 'hire', 'inform', 'integrate', 'monitor', 'pre-approve', 'prompt', 'record', 'remind', 'respond', 'return', 'rotate', 'staff',
  'state', 'translate', 'waive', 'warn',
]);
/** Verbs stressed on a last consonant-vowel-consonant syllable, whose last letter doubles (stop, stopping). */
const DOUBLING = new Set(['cap', 'cut', 'drop', 'flag', 'log', 'map', 'plan', 'put', 'run', 'set', 'ship', 'skip', 'split', 'stop', 'swap', 'tag', 'commit', 'let']);

/** The -ing form of a verb (`route` -> `routing`, `stop` -> `stopping`, `pre-fill` -> `pre-filling`). */
export function gerund(verb: string): string {
  const dash = verb.lastIndexOf('-');
  const head = verb.slice(0, dash + 1);
  const word = verb.slice(dash + 1);
  if (DOUBLING.has(word)) return `${head}${word}${word.slice(-1)}ing`;
  if (word.endsWith('ie')) return `${head}${word.slice(0, -2)}ying`;
  if (/[^eoy]e$/.test(word)) return `${head}${word.slice(0, -1)}ing`;
  return `${head}${word}ing`;
}

/** An experiment as the subject of "we believe that ...": an instruction becomes its -ing form. */
function asSubject(experiment: string): string {
  const [first, ...rest] = experiment.split(' ');
  const verb = first.toLowerCase();
  if (VERBS.has(verb) && /^[A-Za-z-]+$/.test(first)) return [gerund(verb), ...rest].join(' ');
  return lowerFirst(experiment);
}

// "Fewer calls" becomes "fewer calls"; an acronym or a name in capitals ("SSPR abandonment", "IT
// staff", "VIP first response") keeps its case.
function lowerFirst(s: string): string {
  return /^\p{Lu}[\p{Lu}\d]/u.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

function clean(s: string | undefined): string | undefined {
  const text = s?.replace(/\s+/g, ' ').trim().replace(/[.\s]+$/, '');
  return text || undefined;
}

/**
 * "We believe that [experiment] will result in [outcome]. We will know we succeeded when [signal]."
 * `show` formats each part (the hover makes them bold and escapes them), or its placeholder when
 * the part is missing.
 */
export function hypothesis(
  experiment?: string, outcome?: string, signal?: string,
  show: (part: string | undefined, missing: string) => string = (part, missing) => part ?? `[${missing} missing]`,
): string {
  const e = clean(experiment);
  const o = clean(outcome);
  const s = clean(signal);
  return `We believe that ${show(e && asSubject(e), 'experiment')} will result in ${show(o && lowerFirst(o), 'outcome')}. `
    + `We will know we succeeded when ${show(s && lowerFirst(s), 'signal')}.`;
}
