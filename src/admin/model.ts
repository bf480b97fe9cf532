/**
 * Staff accounts: who may sign in, with which roles and over which part of the country.
 *
 * A user has one or more roles:
 *  - `admin`: everything, and manages users. Always alone (it includes every other role).
 *  - `coordinator`: the services of an area (kommuner and/or whole län).
 *  - `volunteer`: the records of one organisation (a jour, a kommun's socialtjänst).
 *  - `staff`: reads the statistics of an area; no directory editing.
 * A coordinator or a volunteer may also be `staff`; the area is shared by coordinator and staff.
 * coordinator and volunteer exclude each other.
 */
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { KommunCode } from '../domain/answers.js';

export const ROLES = ['admin', 'coordinator', 'volunteer', 'staff'] as const;
export type Role = (typeof ROLES)[number];

/** Login names: letters, digits and . _ @ - (an e-mail address works); compared without case. */
export const AccountName = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}._@-]{2,64}$/u, 'a name has 2 to 64 letters, digits or . _ @ -');

export const LanCode = z.string().regex(/^\d{2}$/, 'a län code has two digits, e.g. "08"');
const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,80}$/, 'lower-case letters, digits and hyphens');

export const Area = z.strictObject({ lan: z.array(LanCode).max(21), kommuner: z.array(KommunCode).max(290) });
export type Area = z.infer<typeof Area>;

export const StaffUser = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: AccountName,
  roles: z.array(z.enum(ROLES)).min(1),
  area: Area,
  organisation: z.strictObject({ id: Slug, name: z.string().trim().min(1).max(200) }).optional(),
  /** scrypt$N$r$p$salt$key; absent until the user has used the set-up link. */
  passwordHash: z.string().optional(),
  disabled: z.boolean(),
  /** The one-time set-up link: only a SHA-256 of its token is stored. */
  setup: z.strictObject({ tokenHash: z.string(), expiresAt: z.iso.datetime() }).optional(),
  /** Raised on log-out, password change and disabling: every older session cookie stops working. */
  sessionVersion: z.number().int().min(0),
  failedLogins: z.number().int().min(0),
  lockedUntil: z.iso.datetime().optional(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
});
export type StaffUser = z.infer<typeof StaffUser>;

/** What the rest of the admin knows about the signed-in user. */
export interface Principal {
  id: string;
  name: string;
  roles: readonly Role[];
  area: Area;
  organisation?: { id: string; name: string };
}

export function principalOf(user: StaffUser): Principal {
  return { id: user.id, name: user.name, roles: user.roles, area: user.area, ...(user.organisation ? { organisation: user.organisation } : {}) };
}

export type RoleProblem = 'adminAlone' | 'coordinatorOrVolunteer' | 'areaRequired' | 'organisationRequired' | 'noRole';

/** Whether a combination of roles, area and organisation makes sense (see the top of this file). */
export function roleProblem(roles: readonly Role[], area: Area, organisation: { id: string } | undefined): RoleProblem | undefined {
  if (!roles.length) return 'noRole';
  if (roles.includes('admin') && roles.length > 1) return 'adminAlone';
  if (roles.includes('coordinator') && roles.includes('volunteer')) return 'coordinatorOrVolunteer';
  if ((roles.includes('coordinator') || roles.includes('staff')) && !area.lan.length && !area.kommuner.length) return 'areaRequired';
  if (roles.includes('volunteer') && !organisation) return 'organisationRequired';
  return undefined;
}

export function newUserId(): string {
  return randomBytes(12).toString('base64url');
}

/** The one-time link, on PUBLIC_URL (or http://localhost:PORT when it is not set). */
export function setupUrl(publicUrl: string | undefined, port: number, token: string): string {
  return `${(publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '')}/admin/setup/${token}`;
}
