/**
 * Where the findings the diagram also draws are reported: the rules report on these spans, and the
 * diagram reads the team's disable comments on the same lines, so a finding the team accepted is
 * drawn as a fact in exactly the cases validation drops it.
 */
import type { Span } from '../base';
import type { Handoff, Touchpoint } from './model';

/** `silent-handoff`: the `notifies_customer` value, else the handoff's `from` key, else the handoff. */
export function silentHandoffSpan(h: Handoff): Span {
  return h.notifiesCustomer?.span ?? h.from?.keySpan ?? h.span;
}

/** `sla-exceeded`: the observed `wait`. */
export function slaExceededSpan(h: Handoff): Span | undefined {
  return h.wait?.span;
}

/** `dead-end`: the `next` key, else the touchpoint. */
export function deadEndSpan(t: Touchpoint): Span {
  return t.nextKeySpan ?? t.span;
}
