/** The diagram's colours from VS Code's theme variables, so the picture matches every theme. */
import { DARK_THEME, LIGHT_THEME, type SvgTheme } from '../src/core/diagram';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-dark')) return 'dark';
  return 'light';
}

/** Resolves a CSS colour (variables, names) to a concrete value usable in an SVG attribute. */
function resolver(): (variable: string, fallback: string) => string {
  const style = getComputedStyle(document.documentElement);
  const bodyStyle = getComputedStyle(document.body);
  return (variable, fallback) => {
    const value = (style.getPropertyValue(variable) || bodyStyle.getPropertyValue(variable)).trim();
    return /^(#[0-9a-fA-F]{3,8}|rgba?\([\d\s.,%]+\)|hsla?\([\d\s.,%deg]+\)|[a-zA-Z]+)$/.test(value) ? value : fallback;
  };
}

export function currentTheme(): SvgTheme {
  const kind = themeKind();
  const base = kind === 'dark' || kind === 'high-contrast' ? DARK_THEME : LIGHT_THEME;
  const v = resolver();
  const hc = kind === 'high-contrast' || kind === 'high-contrast-light';
  const fg = v('--vscode-editor-foreground', base.foreground);
  const bg = v('--vscode-editor-background', base.background);
  const theme: SvgTheme = {
    ...base,
    name: kind,
    background: bg,
    foreground: fg,
    muted: v('--vscode-descriptionForeground', base.muted),
    border: v('--vscode-panel-border', v('--vscode-editorWidget-border', base.border)),
    cardFill: v('--vscode-editorWidget-background', base.cardFill),
    cardStroke: v('--vscode-editorWidget-border', base.cardStroke),
    cardText: fg,
    handoff: v('--vscode-charts-blue', base.handoff),
    alert: v('--vscode-errorForeground', base.alert),
    pain: v('--vscode-errorForeground', base.pain),
    misses: v('--vscode-charts-red', base.misses),
    meets: v('--vscode-charts-green', base.meets),
    positive: v('--vscode-charts-green', base.positive),
    negative: v('--vscode-charts-red', base.negative),
    loop: v('--vscode-charts-orange', base.loop),
    curves: [v('--vscode-charts-blue', base.curves[0]), v('--vscode-charts-purple', base.curves[1]), base.curves[2], v('--vscode-charts-orange', base.curves[3])],
    accepted: v('--vscode-descriptionForeground', base.accepted),
    problemFill: v('--vscode-inputValidation-errorBackground', base.problemFill),
    curveFill: v('--vscode-charts-blue', base.curveFill),
    highlight: v('--vscode-focusBorder', base.highlight),
  };
  if (hc) {
    // High contrast: no tinted fills, strong borders.
    const contrast = v('--vscode-contrastBorder', fg);
    theme.stageFill = bg;
    theme.stageFillAlt = bg;
    theme.laneFill = { customer: bg, frontstage: bg, backstage: bg, system: bg };
    theme.cardFill = bg;
    theme.cardStroke = contrast;
    theme.border = contrast;
    theme.flow = fg;
    theme.muted = fg;
  }
  return theme;
}
