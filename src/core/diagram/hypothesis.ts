import { normalizeSpace } from './textMetrics';

/** "We believe [experiment] will result in [outcome]. We will know we succeeded when [signal]." */
export function hypothesis(experiment?: string, outcome?: string, signal?: string): string {
  const clean = (s: string | undefined, fallback: string) => (s ? normalizeSpace(s).replace(/[.\s]+$/, '') : fallback);
  // "Add a KB article" becomes "we believe add a KB article"; an acronym or a name in capitals ("SSPR
  // abandonment", "IT staff", "VIP first response") keeps its case.
  const lower = (s: string) => (/^\p{Lu}[\p{Lu}\d]/u.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));
  return `We believe ${lower(clean(experiment, '[experiment missing]'))} will result in ${lower(clean(outcome, '[outcome missing]'))}. `
    + `We will know we succeeded when ${lower(clean(signal, '[signal missing]'))}.`;
}
