// UI scenarios on the real workbench: what a learner sees when hovering a securityContext field.
// A scenario is { name, locales?, run(wb, { locale }) }; `wb` is scripts/editor/lib/workbench.mjs.
import assert from 'node:assert/strict';

/** The hover must name the field, describe it, and show the lesson breadcrumb. */
function fieldHoverShown(locale) {
  return (text) => {
    assert.match(text, /runAsNonRoot/, 'hover names the field');
    assert.match(text, /non-root/i, 'hover shows the Kubernetes field description');
    // The breadcrumb text comes from our server; `Week` may be localised under ko, `›` never is.
    if (locale === 'ko') assert.match(text, /[^\n›]+›[^\n›]+›[^\n›]+/, 'hover shows a lesson breadcrumb (… › … › …)');
    else assert.match(text, /Week\s*\d+\s*›/, 'hover shows a lesson breadcrumb (Week N › …)');
  };
}

export const scenarios = [
  {
    name: 'workbench opens the fixture workspace',
    async run(wb) {
      await wb.openFile('deployment.yaml');
      await wb.screenshot('workbench');
    },
  },
  {
    name: 'hover on runAsNonRoot shows description and lesson breadcrumb',
    async run(wb, { locale }) {
      await wb.openFile('deployment.yaml');
      const text = await wb.hoverOver('runAsNonRoot', { until: fieldHoverShown(locale) });
      await wb.screenshot('hover-runAsNonRoot');
      return { hover: text };
    },
  },
  {
    name: 'hover on a Compose healthcheck names the field',
    async run(wb) {
      await wb.openFile('compose.yaml');
      await wb.hoverOver('healthcheck', { until: (text) => assert.match(text, /healthcheck/) });
      await wb.screenshot('hover-compose-healthcheck');
    },
  },
  {
    name: 'a container that may run as root shows the finding on hover',
    async run(wb, { locale }) {
      await wb.openFile('runs-as-root.yaml');
      // The finding sits on the container's `name` key (the second `name` in the file).
      const message = locale === 'ko' ? /root로 실행될 수 있습니다/ : /may run as root/;
      await wb.hoverOver('name', { occurrence: 1, until: (text) => assert.match(text, message) });
      await wb.screenshot('diagnostic-runs-as-root');
      await wb.dismissHover();
    },
  },
  {
    name: 'the lesson link in the hover opens the lesson',
    async run(wb, { locale }) {
      await wb.openFile('deployment.yaml');
      await wb.hoverOver('runAsNonRoot', { until: fieldHoverShown(locale) });
      const link = wb.page.locator('.monaco-hover a[data-href^="command:lessonAware.openLesson"]').first();
      await link.click();
      // The lesson opens beside the manifest: as its Markdown file or as the lesson pane.
      const lessonTab = wb.page.locator('.tabs-container .tab.active').filter({ hasNotText: 'deployment.yaml' });
      await lessonTab.first().waitFor({ timeout: 15_000 });
      await wb.dismissHover();
      await wb.screenshot('lesson-opened');
    },
  },
];
