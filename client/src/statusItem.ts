/** Status bar item: lesson count and server state; a click restarts the server. */
import * as vscode from 'vscode';
import { t } from './l10n';
import { State } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/protocol';
import type { LessonCatalog } from './lessons/lessonCatalog';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lessonAware.status', vscode.StatusBarAlignment.Right, 100);
  private state: State = State.Stopped;
  private lessons: number | undefined;

  constructor(catalog: LessonCatalog) {
    this.item.name = t('Lesson-Aware Infra');
    this.item.command = Commands.restartServer;
    catalog.onDidChange((list) => {
      this.lessons = list.length;
      this.update();
    });
    this.update();
    this.item.show();
  }

  setState(state: State): void {
    this.state = state;
    this.update();
  }

  setLessonCount(count: number): void {
    this.lessons = count;
    this.update();
  }

  private update(): void {
    const item = this.item;
    const count = this.lessons ?? 0;
    switch (this.state) {
      case State.Running:
        item.text = `$(book) ${t('{0} lessons', count)}`;
        item.backgroundColor = undefined;
        item.tooltip = t('Lesson-Aware Infra: language server running, {0} lessons indexed. Click to restart the server.', count);
        break;
      case State.Starting:
        item.text = `$(sync~spin) ${t('Lessons')}`;
        item.backgroundColor = undefined;
        item.tooltip = t('Lesson-Aware Infra: language server starting…');
        break;
      default:
        item.text = `$(error) ${t('Lessons: stopped — click to restart')}`;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        item.tooltip = t('Lesson-Aware Infra: language server stopped. Click to restart it.');
    }
  }

  /** Text and tooltip as shown (the editor-tier test hook reports them). */
  describe(): { text: string; tooltip: string } {
    return { text: this.item.text, tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : '' };
  }

  dispose(): void {
    this.item.dispose();
  }
}
