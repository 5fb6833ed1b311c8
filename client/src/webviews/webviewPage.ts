/** The HTML page of a webview that loads one of our bundles (`dist/webview/<bundle>.js|.css`), with a fresh nonce. */
import * as vscode from 'vscode';
import { makeNonce, pageShell } from './security';

export function bundledPage(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: string, title: string): string {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  return pageShell({
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    title,
    lang: vscode.env.language,
    styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(dist, `${bundle}.css`)).toString()],
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, `${bundle}.js`)).toString(),
  });
}
