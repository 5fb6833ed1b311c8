/**
 * Messages between the extension host and the webviews (lesson pane, Mermaid preview).
 * Both directions are discriminated unions; everything that arrives from a webview is checked by
 * `parseLessonPaneMessage` / `parseMermaidPreviewMessage` before the host acts on it.
 * This file is imported by the host bundle and by the webview bundles: keep it dependency-free.
 */

/** Localised labels the host hands to the webview (the webview has no l10n of its own). */
export interface PaneLabels {
  copy: string;
  copied: string;
  openAsFile: string;
  contents: string;
  previous: string;
  next: string;
  followCursor: string;
  diagramError: string;
  missingImage: string;
}

/** One entry of the lesson's table of contents. */
export interface TocEntry {
  slug: string;
  title: string;
  level: number;
}

/** A neighbouring session in course order. */
export interface NeighbourLink {
  lessonUri: string;
  label: string;
}

/** host → lesson pane: show a lesson (HTML rendered and sanitized by the host). */
export interface RenderLessonMessage {
  type: 'render';
  lessonUri: string;
  /** Changes when the lesson text changes (the pane reuses what it built for the same version). */
  version: string;
  title: string;
  /** Empty when the host knows the pane still holds this version (it then answers `needHtml` if not). */
  html: string;
  toc: TocEntry[];
  /** Course part of the breadcrumb (`Week 2 › Day 3 › Session 8`), may be empty. */
  course: string;
  previous?: NeighbourLink;
  next?: NeighbourLink;
  slug?: string;
  line?: number;
  follow: boolean;
  labels: PaneLabels;
  dark: boolean;
  /** Echoed back in `rendered`, to measure open time. */
  requestId: number;
}

/** host → lesson pane: scroll to and highlight a section of the lesson already shown. */
export interface RevealMessage {
  type: 'reveal';
  slug?: string;
  line?: number;
  requestId: number;
}

/** host → lesson pane: follow-cursor mode changed. */
export interface FollowStateMessage {
  type: 'follow';
  follow: boolean;
}

export type HostToPaneMessage = RenderLessonMessage | RevealMessage | FollowStateMessage;

/** pane → host: the content is in place (and the section highlighted). */
export interface RenderedMessage {
  type: 'rendered';
  requestId: number;
  lessonUri: string;
  slug?: string;
  highlighted: string[];
  mermaidBlocks: number;
  /** Milliseconds the pane spent from receiving the message to the section on screen. */
  webviewMs?: number;
}
/** pane → host: Mermaid finished (svgs rendered, errors failed). */
export interface DiagramsDoneMessage {
  type: 'diagramsDone';
  requestId: number;
  svgs: number;
  errors: number;
}
/** pane → host: a link was clicked (relative lesson link, anchor or web address). */
export interface OpenLinkMessage {
  type: 'openLink';
  href: string;
}
export interface OpenLessonMessage {
  type: 'openLesson';
  lessonUri: string;
  slug?: string;
}
export interface CodeActionMessage {
  type: 'copyCode' | 'openCodeAsFile';
  /** Index of the code block in the rendered lesson; the host keeps the text. */
  index: number;
}
export interface ToggleFollowMessage {
  type: 'toggleFollow';
}
export interface PaneReadyMessage {
  type: 'ready';
}
/** pane → host: a render without HTML arrived for a version the pane no longer holds. */
export interface NeedHtmlMessage {
  type: 'needHtml';
  requestId: number;
}

export type PaneToHostMessage =
  | RenderedMessage
  | DiagramsDoneMessage
  | OpenLinkMessage
  | OpenLessonMessage
  | CodeActionMessage
  | ToggleFollowMessage
  | PaneReadyMessage
  | NeedHtmlMessage;

/** State the pane keeps with `vscode.setState` and the serializer gets back after a reload. */
export interface LessonPaneState {
  lessonUri: string;
  slug?: string;
  follow?: boolean;
}

/** host → Mermaid preview: the diagrams of the previewed document. */
export interface MermaidDiagram {
  source: string;
  /** 0-based line of the diagram's first source line in the document. */
  line: number;
}
export interface MermaidDiagramsMessage {
  type: 'diagrams';
  documentUri: string;
  title: string;
  diagrams: MermaidDiagram[];
  dark: boolean;
  labels: { exportSvg: string; resetZoom: string; error: string; line: string; empty: string };
}
export type HostToPreviewMessage = MermaidDiagramsMessage;

export interface PreviewRenderedMessage {
  type: 'previewRendered';
  svgs: number;
  errors: { index: number; line?: number; message: string }[];
}
export interface ExportSvgMessage {
  type: 'exportSvg';
  index: number;
  svg: string;
}
export type PreviewToHostMessage = PreviewRenderedMessage | ExportSvgMessage | PaneReadyMessage;

const MAX_STRING = 2_000;
const MAX_SVG = 20_000_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function shortString(value: unknown, max = MAX_STRING): value is string {
  return typeof value === 'string' && value.length <= max;
}
function count(value: unknown, max = 1_000_000): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

/** Checks a message from the lesson pane; anything malformed is `undefined` and ignored. */
export function parseLessonPaneMessage(raw: unknown): PaneToHostMessage | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
    case 'toggleFollow':
      return { type: raw.type };
    case 'rendered':
      if (!count(raw.requestId) || !shortString(raw.lessonUri) || !count(raw.mermaidBlocks, 10_000)) return undefined;
      if (raw.slug !== undefined && !shortString(raw.slug)) return undefined;
      if (!Array.isArray(raw.highlighted) || raw.highlighted.length > 10_000 || !raw.highlighted.every((h) => shortString(h))) return undefined;
      return {
        type: 'rendered',
        requestId: raw.requestId,
        lessonUri: raw.lessonUri,
        ...(raw.slug !== undefined ? { slug: raw.slug as string } : {}),
        highlighted: raw.highlighted as string[],
        mermaidBlocks: raw.mermaidBlocks,
        ...(count(raw.webviewMs) ? { webviewMs: raw.webviewMs } : {}),
      };
    case 'needHtml':
      return count(raw.requestId) ? { type: 'needHtml', requestId: raw.requestId } : undefined;
    case 'diagramsDone':
      if (!count(raw.requestId) || !count(raw.svgs, 10_000) || !count(raw.errors, 10_000)) return undefined;
      return { type: 'diagramsDone', requestId: raw.requestId, svgs: raw.svgs, errors: raw.errors };
    case 'openLink':
      return shortString(raw.href) && raw.href.length > 0 ? { type: 'openLink', href: raw.href } : undefined;
    case 'openLesson':
      if (!shortString(raw.lessonUri) || (raw.slug !== undefined && !shortString(raw.slug))) return undefined;
      return { type: 'openLesson', lessonUri: raw.lessonUri, ...(raw.slug !== undefined ? { slug: raw.slug as string } : {}) };
    case 'copyCode':
    case 'openCodeAsFile':
      return count(raw.index, 100_000) ? { type: raw.type, index: raw.index } : undefined;
    default:
      return undefined;
  }
}

/** Checks a message from the Mermaid preview. */
export function parseMermaidPreviewMessage(raw: unknown): PreviewToHostMessage | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'previewRendered': {
      if (!count(raw.svgs, 10_000) || !Array.isArray(raw.errors) || raw.errors.length > 10_000) return undefined;
      const errors: PreviewRenderedMessage['errors'] = [];
      for (const e of raw.errors) {
        if (!isRecord(e) || !count(e.index, 10_000) || !shortString(e.message, 20_000)) return undefined;
        if (e.line !== undefined && !count(e.line)) return undefined;
        errors.push({ index: e.index, message: e.message, ...(e.line !== undefined ? { line: e.line as number } : {}) });
      }
      return { type: 'previewRendered', svgs: raw.svgs, errors };
    }
    case 'exportSvg':
      if (!count(raw.index, 10_000) || typeof raw.svg !== 'string' || raw.svg.length > MAX_SVG) return undefined;
      if (!/^\s*<svg[\s>]/.test(raw.svg)) return undefined;
      return { type: 'exportSvg', index: raw.index, svg: raw.svg };
    default:
      return undefined;
  }
}
