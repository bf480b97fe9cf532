/**
 * Staff accounts, for admins: create (with a one-time set-up link), change roles and area, disable
 * and enable, issue a new link. At least one enabled admin always remains.
 */
import type { Request, Response, Router } from 'express';
import { formFromBody, type FormValues } from '../form.js';
import { AccountName, newUserId, principalOf, roleProblem, setupUrl, type Area, type Role, type StaffUser } from '../model.js';
import { directoryRole } from '../scope.js';
import { formBody, type AdminContext } from '../router.js';
import { ACCESS, userForm, userPage, usersPage, type Access } from '../views/users.js';

interface UserInput {
  roles: Role[];
  area: Area;
  organisation: { id: string; name: string } | undefined;
}

export function userRoutes(router: Router, ctx: AdminContext): void {
  const { auth, geo, directory } = ctx.d;
  const users = auth.users;

  const isAdmin = (res: Response) => directoryRole(ctx.principal(res)) === 'admin';
  const organisations = () => {
    const byId = new Map<string, string>();
    for (const s of directory.repository.all()) byId.set(s.record.organisation.id, s.record.organisation.name);
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  };
  const enabledAdmins = () => users.all().filter((u) => u.roles.includes('admin') && !u.disabled);
  const link = (token: string, name: string) => ({ name, url: setupUrl(ctx.d.config.publicUrl, ctx.d.config.port, token) });

  const valuesOf = (u: StaffUser): FormValues => {
    const role = directoryRole(principalOf(u));
    return new Map<string, string[]>([
      ['name', [u.name]],
      ['access', [role ?? 'none']],
      ...(u.roles.includes('staff') ? ([['stats', ['yes']]] as [string, string[]][]) : []),
      ...(u.organisation ? ([['organisation', [u.organisation.id]]] as [string, string[]][]) : []),
      ['area.lan', [...u.area.lan]],
      ['area.kommuner', [...u.area.kommuner]],
    ]);
  };

  /** Reads the form; the issues are translated field errors. */
  const read = (req: Request, res: Response, values: FormValues): { input: UserInput } | { issues: { key: string; text: string }[] } => {
    const t = ctx.view(req, res).t;
    const access = values.get('access')?.[0] as Access | undefined;
    if (!access || !(ACCESS as readonly string[]).includes(access)) return { issues: [{ key: 'access', text: t('admin:users.problem.noRole') }] };
    const roles: Role[] = [...(access === 'none' ? [] : [access]), ...(values.get('stats')?.[0] === 'yes' && access !== 'admin' ? (['staff'] as Role[]) : [])];
    const lan = (values.get('area.lan') ?? []).filter((c) => geo.lanByCode(c));
    const kommuner = (values.get('area.kommuner') ?? []).filter((c) => geo.kommun(c));
    const orgId = values.get('organisation')?.[0] ?? '';
    const org = orgId ? organisations().find((o) => o.id === orgId) : undefined;
    if (orgId && !org) return { issues: [{ key: 'organisation', text: t('admin:users.problem.unknownOrganisation') }] };
    // Only what the roles use is kept: an admin has no area, only a volunteer has an organisation.
    const area = roles.includes('coordinator') || roles.includes('staff') ? { lan, kommuner } : { lan: [], kommuner: [] };
    const organisation = roles.includes('volunteer') ? org : undefined;
    const problem = roleProblem(roles, area, organisation);
    if (problem) return { issues: [{ key: problem === 'areaRequired' ? 'area' : problem === 'organisationRequired' ? 'organisation' : 'access', text: t(`admin:users.problem.${problem}`) }] };
    return { input: { roles, area, organisation } };
  };

  const form = (req: Request, res: Response, o: { values: FormValues; issues?: { key: string; text: string }[]; user?: StaffUser }) =>
    userForm(ctx.view(req, res), {
      geo,
      organisations: organisations(),
      values: o.values,
      issues: o.issues ?? [],
      action: o.user ? `/admin/users/${o.user.id}` : '/admin/users',
      isNew: !o.user,
      submit: ctx.view(req, res).t(o.user ? 'admin:users.save' : 'admin:users.createButton'),
    });

  const list = (req: Request, res: Response, status: number, o: { values?: FormValues; issues?: { key: string; text: string }[]; link?: { name: string; url: string } } = {}) => {
    const v = ctx.view(req, res);
    ctx.send(res, status, usersPage(v, { geo, users: [...users.all()].sort((a, b) => a.name.localeCompare(b.name, 'sv')), nowMs: ctx.d.now().getTime(), form: form(req, res, { values: o.values ?? new Map([['access', ['volunteer']]]), issues: o.issues ?? [] }), link: o.link }, ctx.notice(req, v)));
  };

  const one = (req: Request, res: Response, status: number, user: StaffUser, o: { values?: FormValues; issues?: { key: string; text: string }[]; link?: { name: string; url: string } } = {}) => {
    const v = ctx.view(req, res);
    ctx.send(res, status, userPage(v, { geo, user, nowMs: ctx.d.now().getTime(), isSelf: user.id === ctx.principal(res).id, form: form(req, res, { values: o.values ?? valuesOf(user), issues: o.issues ?? [], user }), link: o.link }, ctx.notice(req, v)));
  };

  const target = (req: Request, res: Response): StaffUser | undefined => {
    if (!isAdmin(res)) return void ctx.forbidden(req, res, 'adminOnly');
    const user = users.get(String(req.params.id));
    if (!user) return void ctx.notFound(req, res);
    return user;
  };

  router.get('/users', (req, res) => {
    if (!isAdmin(res)) return ctx.forbidden(req, res, 'adminOnly');
    list(req, res, 200);
  });

  router.post('/users', formBody, async (req, res) => {
    if (!isAdmin(res)) return ctx.forbidden(req, res, 'adminOnly');
    const values = formFromBody(req.body);
    const t = ctx.view(req, res).t;
    const name = AccountName.safeParse(values.get('name')?.[0] ?? '');
    if (!name.success) return list(req, res, 400, { values, issues: [{ key: 'name', text: t('admin:users.problem.name') }] });
    if (users.byName(name.data)) return list(req, res, 400, { values, issues: [{ key: 'name', text: t('admin:users.problem.nameTaken') }] });
    const parsed = read(req, res, values);
    if ('issues' in parsed) return list(req, res, 400, { values, issues: parsed.issues });
    const me = ctx.principal(res).name;
    const user: StaffUser = { id: newUserId(), name: name.data, ...parsed.input, organisation: parsed.input.organisation, disabled: false, sessionVersion: 0, failedLogins: 0, createdAt: ctx.d.now().toISOString(), createdBy: me };
    if (!user.organisation) delete user.organisation;
    if (!(await users.create(user))) return list(req, res, 400, { values, issues: [{ key: 'name', text: t('admin:users.problem.nameTaken') }] });
    const token = await auth.newSetupToken(user.id);
    await ctx.audit({ actor: me, action: 'user-create', target: user.name, detail: user.roles.join(' ') });
    await ctx.audit({ actor: me, action: 'setup-link', target: user.name });
    list(req, res, 201, { link: link(token, user.name) });
  });

  router.get('/users/:id', (req, res) => {
    const user = target(req, res);
    if (user) one(req, res, 200, user);
  });

  router.post('/users/:id', formBody, async (req, res) => {
    const user = target(req, res);
    if (!user) return;
    const values = formFromBody(req.body);
    values.set('name', [user.name]);
    const parsed = read(req, res, values);
    if ('issues' in parsed) return one(req, res, 400, user, { values, issues: parsed.issues });
    const t = ctx.view(req, res).t;
    if (user.roles.includes('admin') && !parsed.input.roles.includes('admin') && enabledAdmins().filter((u) => u.id !== user.id).length === 0)
      return one(req, res, 400, user, { values, issues: [{ key: 'access', text: t('admin:users.problem.lastAdmin') }] });
    await users.update(user.id, { roles: parsed.input.roles, area: parsed.input.area, organisation: parsed.input.organisation });
    await ctx.audit({ actor: ctx.principal(res).name, action: 'user-update', target: user.name, detail: parsed.input.roles.join(' ') || 'no role' });
    res.redirect(303, `/admin/users/${user.id}?done=userSaved`);
  });

  router.post('/users/:id/link', async (req, res) => {
    const user = target(req, res);
    if (!user) return;
    const token = await auth.newSetupToken(user.id);
    await ctx.audit({ actor: ctx.principal(res).name, action: 'setup-link', target: user.name });
    one(req, res, 200, users.get(user.id)!, { link: link(token, user.name) });
  });

  router.post('/users/:id/disable', async (req, res) => {
    const user = target(req, res);
    if (!user) return;
    const t = ctx.view(req, res).t;
    if (user.id === ctx.principal(res).id) return ctx.forbidden(req, res, 'disableSelf');
    if (user.roles.includes('admin') && enabledAdmins().filter((u) => u.id !== user.id).length === 0) return one(req, res, 400, user, { issues: [{ key: 'access', text: t('admin:users.problem.lastAdmin') }] });
    await users.update(user.id, { disabled: true, sessionVersion: user.sessionVersion + 1 });
    await ctx.audit({ actor: ctx.principal(res).name, action: 'user-disable', target: user.name });
    res.redirect(303, `/admin/users/${user.id}?done=disabled`);
  });

  router.post('/users/:id/enable', async (req, res) => {
    const user = target(req, res);
    if (!user) return;
    await users.update(user.id, { disabled: false, failedLogins: 0, lockedUntil: undefined });
    await ctx.audit({ actor: ctx.principal(res).name, action: 'user-enable', target: user.name });
    res.redirect(303, `/admin/users/${user.id}?done=enabled`);
  });
}
