/**
 * Runtime UI strings. `lessonAware.locale` "auto" follows VS Code's display language through `vscode.l10n`;
 * "ko" or "en" picks that language explicitly (the Korean bundle in `l10n/` is read directly), so the
 * extension speaks Korean even where no Korean VS Code language pack is installed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatMessage as format } from './configModel';

let koBundle: Record<string, string> | undefined;
let extensionRoot: string | undefined;

export function initL10n(context: vscode.ExtensionContext): void {
  extensionRoot = context.extensionPath;
}

function korean(): Record<string, string> {
  if (koBundle) return koBundle;
  try {
    koBundle = JSON.parse(fs.readFileSync(path.join(extensionRoot ?? '', 'l10n', 'bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
  } catch {
    koBundle = {};
  }
  return koBundle;
}

export function uiLocale(): 'auto' | 'ko' | 'en' {
  const value = vscode.workspace.getConfiguration('lessonAware').get<string>('locale', 'auto');
  return value === 'ko' || value === 'en' ? value : 'auto';
}

/** Translates a UI string (English source text is the key). */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  switch (uiLocale()) {
    case 'ko':
      return format(korean()[message] ?? message, args);
    case 'en':
      return format(message, args);
    default:
      return vscode.l10n.t(message, ...args);
  }
}
