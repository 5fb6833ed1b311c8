/**
 * Pure pieces of the diagnostic-link rewrite (no `vscode` import, unit-tested): our diagnostics carry
 * `codeDescription.href` = `<lessonUri>#<slug>` (the DESIGN contract other LSP clients rely on); in VS Code
 * the client turns it into a `command:lessonAware.openLesson?…` link so the code in the Problems panel and
 * in the hover opens the lesson pane at the section instead of the raw Markdown file.
 */
import { Commands, OpenLessonArgs } from '../../server/src/protocol';

/** The lesson section a diagnostic's code link points at, or undefined when it is not a lesson link. */
export function lessonFromHref(href: string): OpenLessonArgs | undefined {
  const hash = href.indexOf('#');
  const lessonUri = hash < 0 ? href : href.slice(0, hash);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(lessonUri) || /^(command|https?|mailto|javascript|data):/i.test(lessonUri)) return undefined;
  if (!/\.(md|markdown)$/i.test(lessonUri.replace(/[?].*$/, ''))) return undefined;
  let sectionSlug = '';
  if (hash >= 0) {
    try {
      sectionSlug = decodeURIComponent(href.slice(hash + 1));
    } catch {
      sectionSlug = href.slice(hash + 1);
    }
  }
  return { lessonUri, sectionSlug };
}

/** `command:lessonAware.openLesson?<encoded [args]>`, the form VS Code's opener runs (it allows commands for diagnostic code links). */
export function openLessonCommandUri(args: OpenLessonArgs): string {
  return `command:${Commands.openLesson}?${encodeURIComponent(JSON.stringify([args]))}`;
}
