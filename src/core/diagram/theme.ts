/** The diagram's colour themes: the SVG's own light and dark, which the preview maps onto VS Code's theme colours. */
import type { LaneKind } from '../format';

export interface SvgTheme {
  name: string;
  background: string;
  foreground: string;
  muted: string;
  border: string;
  stageFill: string;
  stageFillAlt: string;
  laneFill: Record<LaneKind, string>;
  laneAccent: Record<LaneKind, string>;
  cardFill: string;
  cardStroke: string;
  cardText: string;
  flow: string;
  loop: string;
  handoff: string;
  alert: string;
  meets: string;
  misses: string;
  noTarget: string;
  pain: string;
  visibility: string;
  /** One colour per emotion curve style (the first customer lane's curve, the second's, ...). */
  curves: string[];
  curveFill: string;
  /** Findings the team accepted (a disable comment): drawn as facts, in a quiet colour. */
  accepted: string;
  /** The row of touchpoints whose lane is not defined. */
  problemFill: string;
  positive: string;
  negative: string;
  neutral: string;
  /** Text drawn on coloured chips. */
  onAccent: string;
  highlight: string;
  /** Compare mode: new, changed and removed cards (ring, tag and ghost outline), the other side's curve, and the tags' text. */
  compareAdded: string;
  compareChanged: string;
  compareRemoved: string;
  compareTagText: string;
}

export const LIGHT_THEME: SvgTheme = {
  name: 'light',
  background: '#ffffff', foreground: '#1f2328', muted: '#59636e', border: '#d1d9e0',
  stageFill: '#f6f8fa', stageFillAlt: '#eef1f5',
  laneFill: { customer: '#eef6ff', frontstage: '#f3f9f1', backstage: '#faf6ee', system: '#f4f2f8' },
  laneAccent: { customer: '#0969da', frontstage: '#1a7f37', backstage: '#9a6700', system: '#8250df' },
  cardFill: '#ffffff', cardStroke: '#c5ced8', cardText: '#1f2328',
  flow: '#57606a', loop: '#bc4c00', handoff: '#0969da', alert: '#cf222e',
  meets: '#1a7f37', misses: '#cf222e', noTarget: '#6e7781', pain: '#cf222e',
  visibility: '#8c959f', curves: ['#0969da', '#8250df', '#bf3989', '#953800'], curveFill: '#0969da', accepted: '#6e7781', problemFill: '#ffebe9', positive: '#1a7f37', negative: '#cf222e', neutral: '#6e7781',
  onAccent: '#ffffff', highlight: '#fb8500',
  compareAdded: '#1a7f37', compareChanged: '#9a6700', compareRemoved: '#6e7781', compareTagText: '#ffffff',
};

export const DARK_THEME: SvgTheme = {
  name: 'dark',
  background: '#1e1e1e', foreground: '#e6edf3', muted: '#9198a1', border: '#3d444d',
  stageFill: '#252526', stageFillAlt: '#2a2d2e',
  laneFill: { customer: '#1b2a3a', frontstage: '#1c2b22', backstage: '#2e2a1f', system: '#28233a' },
  laneAccent: { customer: '#4493f8', frontstage: '#3fb950', backstage: '#d29922', system: '#ab7df8' },
  cardFill: '#2d2d30', cardStroke: '#4d535b', cardText: '#e6edf3',
  flow: '#9198a1', loop: '#f0883e', handoff: '#4493f8', alert: '#f85149',
  meets: '#3fb950', misses: '#f85149', noTarget: '#9198a1', pain: '#ff7b72',
  visibility: '#768390', curves: ['#4493f8', '#ab7df8', '#db61a2', '#f0883e'], curveFill: '#4493f8', accepted: '#9198a1', problemFill: '#3c1e1e', positive: '#3fb950', negative: '#f85149', neutral: '#9198a1',
  onAccent: '#ffffff', highlight: '#f0b72f',
  compareAdded: '#3fb950', compareChanged: '#d29922', compareRemoved: '#9198a1', compareTagText: '#1e1e1e',
};

export const THEMES: Record<'light' | 'dark', SvgTheme> = { light: LIGHT_THEME, dark: DARK_THEME };
