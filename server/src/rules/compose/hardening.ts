/** Compose hardening defaults: no-new-privileges in security_opt (C09) and a read-only root filesystem (C09, hint part). */
import { isScalar, isSeq, Node, Scalar } from 'yaml';
import { ensureEntries, replaceNode } from '../edits';
import type { Fix, Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { appendToSeq } from './composeEdits';
import { editableAt, isCompleteService, lookup, scalarText, seqItems, servicesOf } from './composeModel';

const NNP = /^no-new-privileges(?:\s*[:=]\s*(.*))?$/i;

/** Source text for a scalar with a new value, in the quoting style the author used. */
function requoted(text: string, node: Node, value: string): string {
  const src = text.slice(node.range![0], node.range![1]);
  if (src.startsWith('"')) return JSON.stringify(value);
  if (src.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  return value;
}

export const composeNoNewPrivileges: Rule = {
  meta: {
    id: 'compose-no-new-privileges-missing',
    flavor: 'compose',
    severity: 'information',
    title: { en: 'no-new-privileges not set', ko: 'no-new-privileges 미설정' },
    message: {
      en: 'Service "{0}": add security_opt: ["no-new-privileges:true"] so processes cannot gain privileges through setuid binaries.',
      ko: '서비스 "{0}": security_opt에 "no-new-privileges:true"를 추가해 setuid 바이너리로 권한을 얻지 못하게 하세요.',
    },
    help: {
      en: 'no-new-privileges sets the kernel no_new_privs flag: setuid/setgid binaries and file capabilities no longer raise privileges. It is the Compose counterpart of allowPrivilegeEscalation: false.',
      ko: 'no-new-privileges는 커널의 no_new_privs 플래그를 켜서 setuid/setgid 바이너리나 파일 capability로 권한이 올라가지 않게 합니다. Kubernetes의 allowPrivilegeEscalation: false에 해당합니다.',
    },
    lessonField: 'compose:services.*.security_opt',
    anchors: ['C09', 'KICS no_new_privileges_not_set', 'KICS security_opt_not_set'],
  },
  check(ctx) {
    for (const s of servicesOf(ctx)) {
      if (!isCompleteService(s, ctx)) continue;
      const found = lookup(s.node, 'security_opt', ctx.yaml);
      let disabled: Node | undefined;
      let enabled = false;
      for (const item of seqItems(found.value, ctx.yaml)) {
        const m = NNP.exec(scalarText(item)?.trim() ?? '');
        if (!m) continue;
        if (m[1] === undefined || /^(true|1|yes)$/i.test(m[1].trim())) enabled = true;
        else disabled = item;
      }
      if (enabled) continue;
      const at = (disabled ?? found.own?.key ?? s.keyNode) as Node;
      ctx.report(
        lazyFixes({ start: at.range![0], end: at.range![1], args: [s.name], lessonPath: ['services', s.name, 'security_opt'] }, () => {
          const fixes: Fix[] = [];
          const title = { en: 'Add no-new-privileges:true to security_opt', ko: 'security_opt에 no-new-privileges:true 추가' };
          if (disabled && found.own && isScalar(disabled) && editableAt(s.node, ['security_opt'], ctx.yaml)) {
            const edit = replaceNode(disabled, requoted(ctx.model.text, disabled, 'no-new-privileges:true'));
            if (edit) fixes.push({ title: { en: 'Set no-new-privileges:true', ko: 'no-new-privileges:true로 설정' }, edits: [edit], preferred: true });
          } else if (!disabled && found.own && isSeq(found.own.value) && editableAt(s.node, ['security_opt'], ctx.yaml)) {
            const seq = found.own.value as Node;
            const flow = (seq as { flow?: boolean }).flow;
            const first = (seq as unknown as { items: Node[] }).items[0];
            const quote = first && isScalar(first) ? ctx.model.text[first.range![0]] : flow ? '"' : '';
            const item = quote === '"' || quote === "'" ? `${quote}no-new-privileges:true${quote}` : 'no-new-privileges:true';
            const edit = appendToSeq(ctx.model.text, seq, item);
            if (edit) fixes.push({ title, edits: [edit], preferred: true });
          } else if (!found.own && !found.value && editableAt(s.node, ['security_opt'], ctx.yaml)) {
            const edit = ensureEntries(ctx.model.text, s.node, [], { security_opt: ['no-new-privileges:true'] });
            if (edit) fixes.push({ title, edits: [edit], preferred: true });
          }
          return fixes;
        }),
      );
    }
  },
};

export const composeReadOnly: Rule = {
  meta: {
    id: 'compose-read-only-missing',
    flavor: 'compose',
    severity: 'hint',
    title: { en: 'Writable root filesystem', ko: '쓰기 가능한 루트 파일시스템' },
    message: {
      en: 'Service "{0}" has a writable root filesystem: set read_only: true and give the paths it writes to a volume or tmpfs.',
      ko: '서비스 "{0}"의 루트 파일시스템에 쓸 수 있습니다. read_only: true로 설정하고, 써야 하는 경로에는 볼륨이나 tmpfs를 마운트하세요.',
    },
    help: {
      en: 'A read-only root filesystem stops an attacker from changing binaries or dropping tools into the container; data goes to volumes, scratch files to tmpfs (e.g. tmpfs: [/tmp]).',
      ko: '읽기 전용 루트 파일시스템은 공격자가 바이너리를 바꾸거나 도구를 심는 것을 막습니다. 데이터는 볼륨에, 임시 파일은 tmpfs(예: tmpfs: [/tmp])에 둡니다.',
    },
    lessonField: 'compose:services.*.read_only',
    anchors: ['C09', 'KICS (no direct query)', 'K04 counterpart readOnlyRootFilesystem'],
  },
  check(ctx) {
    for (const s of servicesOf(ctx)) {
      if (!isCompleteService(s, ctx)) continue;
      const found = lookup(s.node, 'read_only', ctx.yaml);
      const v = found.value && isScalar(found.value) ? (found.value as Scalar).value : undefined;
      if (v === true || (typeof v === 'string' && /^(true|yes|on)$/i.test(v))) continue;
      if (typeof v === 'string' && v.includes('$')) continue; // interpolated: decided at run time
      const at = (found.own?.key ?? s.keyNode) as Node;
      ctx.report(
        lazyFixes({ start: at.range![0], end: at.range![1], args: [s.name], lessonPath: ['services', s.name, 'read_only'] }, () => {
          const fixes: Fix[] = [];
          const title = { en: 'Set read_only: true', ko: 'read_only: true로 설정' };
          if (found.own && isScalar(found.own.value) && editableAt(s.node, ['read_only'], ctx.yaml)) {
            const edit = replaceNode(found.own.value as Node, 'true');
            if (edit) fixes.push({ title, edits: [edit] });
          } else if (!found.own && editableAt(s.node, ['read_only'], ctx.yaml)) {
            const edit = ensureEntries(ctx.model.text, s.node, [], { read_only: true });
            if (edit) fixes.push({ title, edits: [edit] });
          }
          return fixes;
        }),
      );
    }
  },
};
