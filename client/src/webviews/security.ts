/** Webview security helpers: nonces, the Content-Security-Policy, HTML escaping, the page shell. */
import { randomBytes } from 'node:crypto';

/** A fresh nonce for one render of a webview's HTML. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

export interface CspOptions {
  /** `webview.cspSource`: the origin that serves extension and lesson files. */
  cspSource: string;
  nonce: string;
}

/**
 * `default-src 'none'`; scripts only with the nonce; styles from our files plus inline `<style>` that
 * Mermaid puts inside its SVGs (styles cannot run code); images and fonts from the allowed roots only.
 */
export function buildCsp({ cspSource, nonce }: CspOptions): string {
  if (!/^[A-Za-z0-9]+$/.test(nonce)) throw new Error('nonce must be alphanumeric');
  if (/[;\r\n]/.test(cspSource)) throw new Error('unexpected characters in cspSource');
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "connect-src 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c]);
}

export interface ShellOptions extends CspOptions {
  title: string;
  lang: string;
  styleUris: string[];
  scriptUri: string;
  bodyClass?: string;
}

/** The static page a webview loads once; content arrives later through `postMessage`. */
export function pageShell(o: ShellOptions): string {
  const styles = o.styleUris.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(buildCsp(o))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${escapeHtml(o.title)}</title>
</head>
<body class="${escapeHtml(o.bodyClass ?? '')}">
<div id="root" aria-live="polite"></div>
<script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
