/** Lessons tree: Week › Day › Session › sections; a click opens the lesson pane there. */
import * as vscode from 'vscode';
import { t } from '../l10n';
import { Commands, LessonSummary, OpenLessonArgs } from '../../../server/src/protocol';
import { DayGroup, groupByCourse, SectionNode, sectionTree, WeekGroup } from '../lessons/catalogModel';
import type { LessonCatalog } from '../lessons/lessonCatalog';

type Node =
  | { kind: 'week'; group: WeekGroup }
  | { kind: 'day'; group: DayGroup; week?: number }
  | { kind: 'lesson'; lesson: LessonSummary }
  | { kind: 'section'; lesson: LessonSummary; section: SectionNode }
  | { kind: 'empty' };

export class LessonsTreeProvider implements vscode.TreeDataProvider<Node> {
  static readonly viewId = 'lessonAware.lessons';
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly catalog: LessonCatalog) {
    catalog.onDidChange(() => this.changed.fire(undefined));
  }

  refresh(): void {
    void this.catalog.list(true).then(() => this.changed.fire(undefined));
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const lessons = await this.catalog.list();
      if (lessons.length === 0) return [{ kind: 'empty' }];
      return groupByCourse(lessons).map((group) => ({ kind: 'week', group }));
    }
    switch (node.kind) {
      case 'week':
        return node.group.days.map((group) => ({ kind: 'day', group, ...(node.group.week !== undefined ? { week: node.group.week } : {}) }));
      case 'day':
        return node.group.lessons.map((lesson) => ({ kind: 'lesson', lesson }));
      case 'lesson':
        return sectionTree(node.lesson).map((section) => ({ kind: 'section', lesson: node.lesson, section }));
      case 'section':
        return node.section.children.map((section) => ({ kind: 'section', lesson: node.lesson, section }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    const Expanded = vscode.TreeItemCollapsibleState.Expanded;
    const None = vscode.TreeItemCollapsibleState.None;
    switch (node.kind) {
      case 'empty': {
        const item = new vscode.TreeItem(t('No lessons indexed yet.'), None);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'week': {
        const label = node.group.week !== undefined ? t('Week {0}', node.group.week) : t('Other lessons');
        const item = new vscode.TreeItem(label, Expanded);
        item.id = `week:${node.group.week ?? '-'}`;
        item.iconPath = new vscode.ThemeIcon('calendar');
        return item;
      }
      case 'day': {
        const label = node.group.day !== undefined ? t('Day {0}', node.group.day) : t('Lessons');
        const item = new vscode.TreeItem(label, Expanded);
        item.id = `day:${node.week ?? '-'}:${node.group.day ?? '-'}`;
        item.iconPath = new vscode.ThemeIcon('folder-library');
        return item;
      }
      case 'lesson': {
        const session = node.lesson.course?.session;
        // Titles taken from a `# Session 8: …` heading already name the session.
        const named = /^(session|세션)\s*\d+/i.test(node.lesson.title);
        const label = session !== undefined && !named ? `${t('Session {0}', session)}: ${node.lesson.title}` : node.lesson.title;
        const item = new vscode.TreeItem(label, Collapsed);
        item.id = `lesson:${node.lesson.lessonUri}`;
        item.tooltip = label;
        item.accessibilityInformation = { label };
        item.iconPath = new vscode.ThemeIcon('book');
        item.contextValue = 'lesson';
        item.command = openCommand({ lessonUri: node.lesson.lessonUri, sectionSlug: '' }, label);
        return item;
      }
      case 'section': {
        const item = new vscode.TreeItem(node.section.title, node.section.children.length ? Collapsed : None);
        item.id = `section:${node.lesson.lessonUri}#${node.section.slug}`;
        item.iconPath = new vscode.ThemeIcon('symbol-string');
        item.command = openCommand({ lessonUri: node.lesson.lessonUri, sectionSlug: node.section.slug, line: node.section.line }, node.section.title);
        return item;
      }
    }
  }
}

function openCommand(args: OpenLessonArgs, title: string): vscode.Command {
  return { command: Commands.openLesson, title, arguments: [args] };
}
