/**
 * For admins: export and import of the whole directory (the same parsing, validation and messages
 * as `npm run directory`), and the audit log.
 */
import express, { type Router } from 'express';
import { describeIssues, exportCsv, exportJson, parseImport } from '../../directory/io.js';
import { directoryRole } from '../scope.js';
import type { AdminContext } from '../router.js';
import { AUDIT_PAGE_SIZE, auditPage, directoryPage } from '../views/admin-pages.js';

/** Large enough for the whole directory with every language. */
const MAX_IMPORT = '20mb';

export function directoryRoutes(router: Router, ctx: AdminContext): void {
  const { directory } = ctx.d;
  const adminOnly: express.RequestHandler = (req, res, next) => (directoryRole(ctx.principal(res)) === 'admin' ? next() : ctx.forbidden(req, res, 'adminOnly'));
  const count = () => directory.repository.all().length;

  router.get('/audit', adminOnly, (req, res) => {
    const pageNo = Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
    const { entries, total } = ctx.d.audit.page((pageNo - 1) * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE);
    ctx.send(res, 200, auditPage(ctx.view(req, res), { entries, total, pageNo }));
  });

  router.get('/directory', adminOnly, (req, res) => {
    const v = ctx.view(req, res);
    ctx.send(res, 200, directoryPage(v, { count: count() }, ctx.notice(req, v)));
  });

  router.get('/export', adminOnly, async (req, res) => {
    const csv = req.query.format === 'csv';
    const semicolon = req.query.delimiter === 'semicolon';
    const records = directory.repository.all().map((s) => s.record);
    const day = ctx.today();
    await ctx.audit({ actor: ctx.principal(res).name, action: 'export', detail: `${csv ? `csv${semicolon ? ' ;' : ''}` : 'json'}, ${records.length} services` });
    const body = csv ? exportCsv(records, semicolon ? ';' : ',') : exportJson(records, `Exported from Vägvisaren on ${day}: ${records.length} services.`);
    res
      .type(csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="vagvisaren-${day}.${csv ? 'csv' : 'json'}"`)
      .send(body);
  });

  router.post('/import', adminOnly, express.raw({ type: 'multipart/form-data', limit: MAX_IMPORT }), async (req, res) => {
    const v = ctx.view(req, res);
    if (!Buffer.isBuffer(req.body) || !req.body.length) return ctx.badRequest(req, res);
    let form: FormData;
    try {
      // The platform's own multipart parser (undici), on the body express has already limited.
      form = await new Request('http://admin.invalid/', { method: 'POST', headers: { 'content-type': req.get('content-type') ?? '' }, body: new Uint8Array(req.body) }).formData();
    } catch {
      return ctx.badRequest(req, res);
    }
    const file = form.get('file');
    const op = form.get('op') === 'import' ? 'import' : 'check';
    if (!(file instanceof File) || !file.size) return ctx.send(res, 400, directoryPage(v, { count: count() }, { kind: 'error', text: v.t('admin:io.noFile') }));
    const name = file.name.replace(/[^\w.\- ]/g, '_').slice(0, 80) || 'upload';
    const csv = name.toLowerCase().endsWith('.csv');
    const parsed = parseImport(await file.text(), name);
    if (!parsed.ok) return ctx.send(res, 400, directoryPage(v, { count: count(), problems: describeIssues(parsed.issues, csv) }));
    if (op === 'check') {
      const checked = directory.checkImport(parsed.inputs);
      if (!checked.ok) return ctx.send(res, 400, directoryPage(v, { count: count(), problems: describeIssues(checked.issues, csv) }));
      return ctx.send(res, 200, directoryPage(v, { count: count() }, { kind: 'ok', text: v.t('admin:io.checked', { count: checked.services.length }) }));
    }
    const me = ctx.principal(res).name;
    const result = await directory.replaceAll(parsed.inputs, `import from ${name} (${me})`);
    if (!result.ok) return ctx.send(res, 400, directoryPage(v, { count: count(), problems: describeIssues(result.issues, csv) }));
    await ctx.audit({ actor: me, action: 'import', target: name, detail: `${result.count} services` });
    ctx.send(res, 200, directoryPage(v, { count: count() }, { kind: 'ok', text: v.t('admin:io.imported', { count: result.count }) }));
  });
}
