/**
 * The templates offered by "New Journey Map…". Each is a complete map that lints clean; the
 * texts are bundled from `templates/*.journey.yaml` at build time (esbuild's text loader) and
 * carry a `{{today}}` placeholder for `review.last`.
 */
import * as vscode from 'vscode';
import lockedOutAdmin from '../../templates/locked-out-admin.journey.yaml';
import billingDispute from '../../templates/billing-dispute.journey.yaml';
import productionOutage from '../../templates/production-outage.journey.yaml';
import blank from '../../templates/blank.journey.yaml';

export interface MapTemplate {
  id: string;
  label: string;
  description: string;
  text: string;
}

export const TEMPLATES: readonly MapTemplate[] = [
  { id: 'locked-out-admin', label: vscode.l10n.t('Locked-out admin'), description: vscode.l10n.t('An admin locked out after failed sign-ins, through reset and unlock'), text: lockedOutAdmin },
  { id: 'billing-dispute', label: vscode.l10n.t('Billing dispute'), description: vscode.l10n.t('A customer disputes an invoice, from surprise to refund'), text: billingDispute },
  { id: 'production-outage', label: vscode.l10n.t('Production outage'), description: vscode.l10n.t('A customer hit by an outage, from detection to the post-incident review'), text: productionOutage },
  { id: 'blank', label: vscode.l10n.t('Blank'), description: vscode.l10n.t('The skeleton of a map: one persona, lanes on both sides of the counter, one stage'), text: blank },
];

/** The template text with today's date filled in. */
export function instantiate(template: MapTemplate, todayIso: string): string {
  return template.text.replace(/\{\{\s*today\s*\}\}/g, todayIso);
}
