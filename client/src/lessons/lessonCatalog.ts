/** The lesson list from the server (`lessonAware/listLessons`), cached briefly and shared by the pane, tree, search and status. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ListLessonsRequest, LessonSummary } from '../../../server/src/protocol';
import { searchEntries, SearchEntry } from './catalogModel';

export type ClientRef = () => LanguageClient | undefined;

export class LessonCatalog implements vscode.Disposable {
  private lessons: LessonSummary[] | undefined;
  private fetchedAt = 0;
  private inflight: Promise<LessonSummary[]> | undefined;
  private readonly changed = new vscode.EventEmitter<LessonSummary[]>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly getClient: ClientRef, private readonly maxAgeMs = 5_000) {}

  /** The lessons in course order; empty when the server is not running. */
  async list(force = false): Promise<LessonSummary[]> {
    if (!force && this.lessons && Date.now() - this.fetchedAt < this.maxAgeMs) return this.lessons;
    this.inflight ??= this.fetch().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /** The last list fetched, without asking the server. */
  cached(): LessonSummary[] | undefined {
    return this.lessons;
  }

  private async fetch(): Promise<LessonSummary[]> {
    const client = this.getClient();
    if (!client || !client.isRunning()) return this.lessons ?? [];
    try {
      const next = await client.sendRequest(ListLessonsRequest);
      const before = JSON.stringify(this.lessons);
      this.lessons = next;
      this.fetchedAt = Date.now();
      if (before !== JSON.stringify(next)) this.changed.fire(next);
      return next;
    } catch {
      return this.lessons ?? [];
    }
  }

  async find(lessonUri: string): Promise<LessonSummary | undefined> {
    const wanted = normaliseUri(lessonUri);
    const find = (list: LessonSummary[]) => list.find((l) => normaliseUri(l.lessonUri) === wanted);
    return find(await this.list()) ?? find(await this.list(true));
  }

  /** Every section with its text, for full-text search. */
  async searchIndex(): Promise<SearchEntry[]> {
    const lessons = await this.list();
    const all = await Promise.all(
      lessons.map(async (lesson) => {
        try {
          const bytes = await vscode.workspace.fs.readFile(vscode.Uri.parse(lesson.lessonUri, true));
          return searchEntries(lesson, new TextDecoder('utf-8').decode(bytes));
        } catch {
          return searchEntries(lesson, '');
        }
      }),
    );
    return all.flat();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** One spelling per URI (the server and VS Code may encode differently). */
export function normaliseUri(uri: string): string {
  try {
    return vscode.Uri.parse(uri, true).toString();
  } catch {
    return uri;
  }
}
