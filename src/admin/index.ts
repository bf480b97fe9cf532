/**
 * The volunteer admin as one piece for the composition root: its stores (users, audit log, the
 * session key), the sign-in, and the /admin router. `authorizeStats` lets the statistics pages use
 * the same sign-in.
 */
import type { Request, Router } from 'express';
import type { Html } from './html.js';
import { page, type UiLocale } from './views/layout.js';
import type { Config } from '../config.js';
import type { DirectoryService } from '../directory/service.js';
import type { Geo } from '../geo/kommuner.js';
import type { Texts } from '../i18n/bundle.js';
import { LowdbAuditLog, type AuditLog } from '../storage/audit-log.js';
import { dataFile } from '../storage/json-db.js';
import { loadOrCreateSecret } from '../storage/secret.js';
import { LowdbUserStore, type UserStore } from '../storage/user-store.js';
import { StaffAuth, type StatsAccess } from './auth.js';
import { PasswordHasher, STRONG_SCRYPT_N } from './password.js';
import { adminRouter, staffLanguages, staffLocale } from './router.js';

export { staffLocale } from './router.js';

export type { StatsAccess } from './auth.js';

export interface AdminModule {
  router: Router;
  auth: StaffAuth;
  users: UserStore;
  audit: AuditLog;
  close(): Promise<void>;
}

export interface AdminOptions {
  config: Config;
  geo: Geo;
  texts: Texts;
  directory: DirectoryService;
  now: () => Date;
  /** Absent: everything in memory (tests). */
  dataDir: string | undefined;
  /** scrypt cost; tests lower it, the default is the strong one. */
  scryptN?: number;
}

/** The stores of the admin in a data folder (the server, and the command line). */
export async function openAdminStores(dataDir: string | undefined): Promise<{ users: LowdbUserStore; audit: LowdbAuditLog }> {
  return { users: await LowdbUserStore.open(dataFile(dataDir, 'users.json')), audit: await LowdbAuditLog.open(dataFile(dataDir, 'audit.json')) };
}

export async function createAdmin(o: AdminOptions): Promise<AdminModule> {
  const { users, audit } = await openAdminStores(o.dataDir);
  const auth = new StaffAuth({ users, audit, hasher: new PasswordHasher(o.scryptN ?? STRONG_SCRYPT_N), key: loadOrCreateSecret(dataFile(o.dataDir, 'session.key')), now: o.now, sessionMs: o.config.adminSessionMs });
  const router = adminRouter({ config: o.config, geo: o.geo, texts: o.texts, directory: o.directory, audit, auth, now: o.now });
  return {
    router,
    auth,
    users,
    audit,
    async close() {
      await users.flush();
      await audit.flush();
    },
  };
}

/** Where the app keeps its sign-in, for `authorizeStats`. */
export const STAFF_AUTH = 'vagvisaren.staffAuth';

/**
 * For the statistics pages: the signed-in user who may read statistics (an admin: everything; a
 * `staff` user: their area), or undefined when nobody is signed in or the user may not.
 */
export function authorizeStats(req: Request): StatsAccess | undefined {
  const auth = req.app.locals[STAFF_AUTH] as StaffAuth | undefined;
  return auth?.statsAccess(req);
}

/**
 * The admin's page frame (header, navigation, language switch, sign-out) around a statistics page,
 * in the signed-in user's admin language, so that /stats looks and navigates like the admin.
 */
export function staffFrame(req: Request, texts: Texts, render: (locale: UiLocale) => { title: string; body: Html }): Html {
  const auth = req.app.locals[STAFF_AUTH] as StaffAuth | undefined;
  const locale = staffLocale(req);
  const { title, body } = render(locale);
  return page({ t: texts.t(locale), locale, path: req.originalUrl.split('?')[0] ?? '/stats', principal: auth?.principal(req), languages: staffLanguages(texts) }, title, body);
}
