/**
 * The directory pages: list, new, edit (with preview), "verified today", history and restore,
 * delete. Every handler loads the record, checks the user's scope (403 otherwise) and saves through
 * DirectoryService with the version the form was loaded from, so nothing is overwritten unseen.
 */
import type { Request, Response, Router } from 'express';
import type { ServiceRecord } from '../../directory/schema.js';
import type { DirectoryIssue } from '../../directory/validate.js';
import type { StoredService } from '../../storage/directory-repository.js';
import { formFromBody, formKey, keepStoredOrder, parseFieldPath, parseForm, recordToForm, type FormValues, type RowMap } from '../form.js';
import { html } from '../html.js';
import { issueText } from '../messages.js';
import { Scope, type Forbidden } from '../scope.js';
import { byAttention, glance } from '../status.js';
import { formBody, type AdminContext } from '../router.js';
import { messagePage, page, type Notice, type View } from '../views/layout.js';
import { preview } from '../views/preview.js';
import { ROW_LISTS, serviceForm, type RowList } from '../views/service-form.js';
import { conflictIntro, historyPage, LIST_FILTERS, listPage, recordHeader, type ListFilter } from '../views/services.js';

const ID = /^[a-z0-9][a-z0-9-]{1,80}$/;
const VOLUNTEER_LOCKED = new Set(['kind', 'organisation.id', 'coverage.scope', 'coverage.lan', 'coverage.kommuner']);
const COORDINATOR_LOCKED = new Set(['coverage.scope']);

interface EditOptions {
  stored?: StoredService | undefined;
  values: FormValues;
  version: number;
  issues?: readonly { key: string; text: string }[];
  adding?: RowList | undefined;
  /** A record to preview instead of the stored one (the unsaved form). */
  previewRecord?: ServiceRecord | undefined;
  conflict?: { theirs: StoredService; mine: ServiceRecord | undefined };
  notice?: Notice | undefined;
}

export function serviceRoutes(router: Router, ctx: AdminContext): void {
  const { directory, geo, texts } = ctx.d;
  const repo = directory.repository;

  const scopeOf = (res: Response) => new Scope(ctx.principal(res), geo);
  const lockedFor = (scope: Scope) => (scope.role === 'volunteer' ? VOLUNTEER_LOCKED : scope.role === 'coordinator' ? COORDINATOR_LOCKED : new Set<string>());

  /** The record of the URL, if the user may see it; otherwise the response is sent (404/403). */
  const load = (req: Request, res: Response): { stored: StoredService; scope: Scope } | undefined => {
    const scope = scopeOf(res);
    if (!scope.role) return void ctx.forbidden(req, res, 'noDirectoryRole');
    const id = String(req.params.id);
    const stored = ID.test(id) ? repo.get(id) : undefined;
    if (!stored) return void ctx.notFound(req, res);
    if (!scope.canView(stored.record)) return void ctx.forbidden(req, res, stored.record.coverage.scope === 'national' ? 'nationalAdminOnly' : 'notInScope');
    return { stored, scope };
  };

  const version = (values: FormValues): number | undefined => {
    const v = values.get('version')?.[0];
    return v !== undefined && /^\d{1,9}$/.test(v) ? Number(v) : undefined;
  };

  const formIssues = (v: View, issues: readonly { key: string; issue: Parameters<typeof issueText>[1] }[]) => issues.map((i) => ({ key: i.key, text: issueText(v.t, i.issue) }));
  const directoryIssues = (v: View, issues: readonly DirectoryIssue[], rows: RowMap) => issues.map((i) => ({ key: formKey(parseFieldPath(i.field), rows), text: issueText(v.t, { code: 'custom', message: i.message }) }));

  const services = () =>
    repo
      .all()
      .map((s) => ({ id: s.record.id, name: s.record.name.sv }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  const kommunName = (code: string) => geo.kommun(code)?.name ?? code;

  function editPage(req: Request, res: Response, status: number, scope: Scope, o: EditOptions): void {
    const v = ctx.view(req, res);
    const t = v.t;
    const isNew = !o.stored;
    const record = o.previewRecord ?? o.stored?.record;
    const title = o.stored ? o.stored.record.name.sv : t('admin:edit.newTitle');
    const form = serviceForm(
      { v, geo, services: services(), action: isNew ? '/admin/services/new' : `/admin/services/${o.stored!.record.id}`, saveLabel: o.conflict ? t('admin:conflict.saveMine') : t('admin:form.save') },
      { values: o.values, version: o.version, isNew, issues: o.issues ?? [], locked: lockedFor(scope), adding: o.adding },
    );
    const body = html`${
      o.stored
        ? recordHeader(v, { stored: o.stored, glance: glance(o.stored.record, ctx.today(), ctx.d.config.staleAfterDays), geo, canDelete: scope.isAdmin })
        : html`<p class="crumbs"><a href="/admin">${t('admin:nav.services')}</a></p><h1>${title}</h1>`
    }
${o.conflict ? conflictIntro(v, o.conflict.theirs, o.conflict.mine) : ''}
${record ? preview(t, texts, record, { now: ctx.d.now(), closedDays: directory.closedDays, kommunName }, { unsaved: !!o.previewRecord }) : ''}
<h2 id="edit-heading">${isNew ? t('admin:edit.newHeading') : t('admin:edit.heading')}</h2>
${scope.role === 'volunteer' ? html`<p class="hint">${t('admin:edit.volunteerHint')}</p>` : ''}
${form}`;
    ctx.send(res, status, page(v, title, body, o.notice ?? ctx.notice(req, v)));
  }

  const forbiddenChange = (req: Request, res: Response, reason: Forbidden) => ctx.forbidden(req, res, reason);

  // ── list ──────────────────────────────────────────────────────────────────────────────────────

  router.get('/', (req, res) => {
    const scope = scopeOf(res);
    const v = ctx.view(req, res);
    if (!scope.role) return ctx.send(res, 200, messagePage(v, v.t('admin:staffOnly.title'), v.t('admin:staffOnly.text'), { href: '/stats', label: v.t('admin:nav.stats') }));
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    const filter: ListFilter = (LIST_FILTERS as readonly string[]).includes(String(req.query.filter)) ? (req.query.filter as ListFilter) : 'all';
    const today = ctx.today();
    const visible = repo
      .all()
      .filter((s) => scope.canView(s.record))
      .map((stored) => ({ stored, record: stored.record, glance: glance(stored.record, today, ctx.d.config.staleAfterDays) }));
    const needle = q.toLocaleLowerCase('sv');
    const rows = visible
      .filter(({ record, glance: g }) => {
        if (needle && !`${Object.values(record.name).join(' ')} ${record.organisation.name} ${record.id}`.toLocaleLowerCase('sv').includes(needle)) return false;
        switch (filter) {
          case 'all':
            return true;
          case 'attention':
            return g.rank < 2;
          case 'stale':
            return g.stale;
          default:
            return g.status === filter;
        }
      })
      .sort(byAttention);
    ctx.send(
      res,
      200,
      listPage(v, { geo, rows, total: visible.length, q, filter, staleAfterDays: ctx.d.config.staleAfterDays, canCreate: scope.canCreate, counts: { attention: visible.filter((r) => r.glance.rank < 2).length } }, ctx.notice(req, v)),
    );
  });

  // ── new ───────────────────────────────────────────────────────────────────────────────────────

  const blank = (): FormValues =>
    new Map([
      ['status', ['unverified']],
      ['kind', ['kvinnojour']],
      ['coverage.scope', ['local']],
      ['serves.genders', ['woman', 'man', 'trans-nonbinary']],
      ['serves.roles', ['victim']],
      ['languages', ['sv']],
      ['hours.type', ['unknown']],
      ['lastVerified', [ctx.today()]],
    ]);

  router.get('/services/new', (req, res) => {
    const scope = scopeOf(res);
    if (!scope.canCreate) return ctx.forbidden(req, res, 'cannotCreate');
    editPage(req, res, 200, scope, { values: blank(), version: 0 });
  });

  router.post('/services/new', formBody, async (req, res) => {
    const scope = scopeOf(res);
    if (!scope.canCreate) return ctx.forbidden(req, res, 'cannotCreate');
    const values = formFromBody(req.body);
    const op = values.get('op')?.[0] ?? 'save';
    const v = ctx.view(req, res);
    const adding = addingOf(op);
    if (adding) return editPage(req, res, 200, scope, { values, version: 0, adding });
    const parsed = parseForm(values);
    if (!parsed.ok) return editPage(req, res, 400, scope, { values, version: 0, issues: formIssues(v, parsed.issues) });
    if (op === 'preview') return editPage(req, res, 200, scope, { values, version: 0, previewRecord: parsed.record });
    const forbidden = scope.checkChange(undefined, parsed.record);
    if (forbidden) return forbiddenChange(req, res, forbidden);
    if (repo.get(parsed.record.id)) return editPage(req, res, 400, scope, { values, version: 0, issues: [{ key: 'id', text: v.t('admin:issue.idTaken', { value: parsed.record.id }) }] });
    const result = await directory.save(parsed.record, 0, ctx.principal(res).name, 'create');
    if (!result.ok) {
      if ('issues' in result) return editPage(req, res, 400, scope, { values, version: 0, issues: directoryIssues(v, result.issues, parsed.rows) });
      return editPage(req, res, 400, scope, { values, version: 0, issues: [{ key: 'id', text: v.t('admin:issue.idTaken', { value: parsed.record.id }) }] });
    }
    await ctx.audit({ actor: ctx.principal(res).name, action: 'service-create', target: parsed.record.id, detail: `version ${result.stored.version}` });
    res.redirect(303, `/admin/services/${parsed.record.id}?done=created`);
  });

  // ── edit ──────────────────────────────────────────────────────────────────────────────────────

  router.get('/services/:id', (req, res) => {
    const loaded = load(req, res);
    if (!loaded) return;
    editPage(req, res, 200, loaded.scope, { stored: loaded.stored, values: recordToForm(loaded.stored.record), version: loaded.stored.version });
  });

  router.post('/services/:id', formBody, async (req, res) => {
    const loaded = load(req, res);
    if (!loaded) return;
    const { stored, scope } = loaded;
    const values = formFromBody(req.body);
    const expected = version(values);
    if (expected === undefined) return ctx.badRequest(req, res);
    // The record is the one in the address, whatever the body says.
    values.set('id', [stored.record.id]);
    const op = values.get('op')?.[0] ?? 'save';
    const v = ctx.view(req, res);
    const adding = addingOf(op);
    if (adding) return editPage(req, res, 200, scope, { stored, values, version: expected, adding });

    const parsed = parseForm(values);
    if (!parsed.ok) return editPage(req, res, 400, scope, { stored, values, version: expected, issues: formIssues(v, parsed.issues) });
    const record = keepStoredOrder(stored.record, parsed.record);
    if (op === 'preview') return editPage(req, res, 200, scope, { stored, values, version: expected, previewRecord: record });

    const forbidden = scope.checkChange(stored.record, record);
    if (forbidden) return forbiddenChange(req, res, forbidden);
    if (expected === stored.version && JSON.stringify(record) === JSON.stringify(stored.record)) return res.redirect(303, `/admin/services/${stored.record.id}?done=unchanged`);

    const result = await directory.save(record, expected, ctx.principal(res).name, 'update');
    if (!result.ok) {
      if ('issues' in result) return editPage(req, res, 400, scope, { stored, values, version: expected, issues: directoryIssues(v, result.issues, parsed.rows) });
      if (!result.conflict) return ctx.message(req, res, 409, 'admin:conflict.title', 'admin:conflict.deleted');
      // Someone saved in between: show both, keep the person's values, overwrite nothing.
      return editPage(req, res, 409, scope, { stored: result.conflict, values, version: result.conflict.version, conflict: { theirs: result.conflict, mine: record } });
    }
    await ctx.audit({ actor: ctx.principal(res).name, action: 'service-update', target: record.id, detail: `version ${result.stored.version}` });
    res.redirect(303, `/admin/services/${record.id}?done=saved`);
  });

  // ── verified today ────────────────────────────────────────────────────────────────────────────

  router.post('/services/:id/verify', formBody, async (req, res) => {
    const loaded = load(req, res);
    if (!loaded) return;
    const { stored, scope } = loaded;
    const expected = version(formFromBody(req.body));
    if (expected === undefined) return ctx.badRequest(req, res);
    const record = { ...stored.record, lastVerified: ctx.today() };
    const forbidden = scope.checkChange(stored.record, record);
    if (forbidden) return forbiddenChange(req, res, forbidden);
    const v = ctx.view(req, res);
    if (expected !== stored.version) return editPage(req, res, 409, scope, { stored, values: recordToForm(stored.record), version: stored.version, notice: { kind: 'error', text: v.t('admin:conflict.verify', { by: stored.updatedBy }) } });
    if (stored.record.lastVerified !== record.lastVerified) {
      const result = await directory.save(record, expected, ctx.principal(res).name, 'verify');
      if (!result.ok) return editPage(req, res, 409, scope, { stored: repo.get(stored.record.id) ?? stored, values: recordToForm(stored.record), version: stored.version, notice: { kind: 'error', text: v.t('admin:conflict.verify', { by: stored.updatedBy }) } });
      await ctx.audit({ actor: ctx.principal(res).name, action: 'service-verify', target: record.id, detail: `version ${result.stored.version}` });
    }
    res.redirect(303, `/admin/services/${record.id}?done=verified`);
  });

  // ── history and restore ───────────────────────────────────────────────────────────────────────

  router.get('/services/:id/history', (req, res) => {
    const loaded = load(req, res);
    if (!loaded) return;
    const v = ctx.view(req, res);
    ctx.send(res, 200, historyPage(v, { stored: loaded.stored, entries: repo.history(loaded.stored.record.id), canRestore: true }, ctx.notice(req, v)));
  });

  router.post('/services/:id/restore', formBody, async (req, res) => {
    const loaded = load(req, res);
    if (!loaded) return;
    const { stored, scope } = loaded;
    const values = formFromBody(req.body);
    const expected = version(values);
    const wanted = Number(values.get('restore')?.[0]);
    const entry = [...repo.history(stored.record.id)].reverse().find((h) => h.version === wanted && h.after);
    if (expected === undefined || !entry?.after) return ctx.badRequest(req, res);
    const v = ctx.view(req, res);
    const record = entry.after;
    const forbidden = scope.checkChange(stored.record, record);
    if (forbidden) return forbiddenChange(req, res, forbidden);
    const again = (status: number, notice: Notice) => ctx.send(res, status, historyPage(v, { stored: repo.get(stored.record.id) ?? stored, entries: repo.history(stored.record.id), canRestore: true }, notice));
    const result = await directory.save(record, expected, ctx.principal(res).name, 'restore');
    if (!result.ok) {
      if ('issues' in result) return again(400, { kind: 'error', text: v.t('admin:history.cannotRestore', { problems: result.issues.map((i) => `${i.field}: ${issueText(v.t, { code: 'custom', message: i.message })}`).join('; ') }) });
      return again(409, { kind: 'error', text: v.t('admin:conflict.restore', { by: result.conflict?.updatedBy ?? '' }) });
    }
    await ctx.audit({ actor: ctx.principal(res).name, action: 'service-restore', target: record.id, detail: `version ${wanted} as ${result.stored.version}` });
    res.redirect(303, `/admin/services/${record.id}?done=restored`);
  });

  // ── delete (admins) ───────────────────────────────────────────────────────────────────────────

  router.get('/services/:id/delete', (req, res) => {
    const loaded = load(req, res);
    if (!loaded) return;
    if (!loaded.scope.isAdmin) return ctx.forbidden(req, res, 'adminOnly');
    const v = ctx.view(req, res);
    const r = loaded.stored.record;
    ctx.send(
      res,
      200,
      page(
        v,
        v.t('admin:delete.title', { name: r.name.sv }),
        html`<p class="crumbs"><a href="/admin/services/${r.id}">${r.name.sv}</a></p><h1>${v.t('admin:delete.title', { name: r.name.sv })}</h1>
<p>${v.t('admin:delete.explain')}</p>
<form method="post" action="/admin/services/${r.id}/delete"><input type="hidden" name="version" value="${loaded.stored.version}"><div class="actions"><button type="submit" class="danger">${v.t('admin:delete.confirm')}</button> <a href="/admin/services/${r.id}">${v.t('admin:delete.cancel')}</a></div></form>`,
      ),
    );
  });

  router.post('/services/:id/delete', formBody, async (req, res) => {
    const loaded = load(req, res);
    if (!loaded) return;
    if (!loaded.scope.isAdmin) return ctx.forbidden(req, res, 'adminOnly');
    const expected = version(formFromBody(req.body));
    if (expected === undefined) return ctx.badRequest(req, res);
    const id = loaded.stored.record.id;
    const result = await directory.remove(id, expected, ctx.principal(res).name);
    if (!result.ok) {
      const v = ctx.view(req, res);
      if ('issues' in result) return ctx.send(res, 400, messagePage(v, v.t('admin:delete.failed'), result.issues.map((i) => `${i.id ?? ''} ${i.field}: ${issueText(v.t, { code: 'custom', message: i.message })}`).join('; '), { href: `/admin/services/${id}`, label: v.t('admin:nav.back') }));
      return ctx.message(req, res, 409, 'admin:conflict.title', 'admin:conflict.deleteChanged');
    }
    await ctx.audit({ actor: ctx.principal(res).name, action: 'service-delete', target: id, detail: `version ${expected}` });
    res.redirect(303, '/admin?done=deleted');
  });
}

function addingOf(op: string): RowList | undefined {
  const list = op.startsWith('add:') ? op.slice(4) : '';
  return list in ROW_LISTS ? (list as RowList) : undefined;
}
