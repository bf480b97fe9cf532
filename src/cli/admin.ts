/**
 * npm run admin -- <command>
 *
 *   create-user --name NAME --role ROLE[,ROLE] [--lan 08,05] [--kommuner 0880,0881] [--organisation ID]
 *       creates a staff account and prints its one-time set-up link (there is no default password)
 *   setup-link --name NAME      a new one-time link for an existing account (a forgotten password)
 *   list-users                  every account with its roles and state
 *
 * Roles: admin (everything), coordinator (--lan/--kommuner), volunteer (--organisation, the
 * organisation id of its records), staff (statistics of --lan/--kommuner). The command writes the
 * data folder, so it refuses while the server runs: stop the server, or let an admin create the user
 * in the admin (/admin/users).
 */
import { ConfigError, loadConfig } from '../config.js';
import { StaffAuth, SETUP_LINK_MS } from '../admin/auth.js';
import { openAdminStores } from '../admin/index.js';
import { AccountName, LanCode, newUserId, ROLES, roleProblem, setupUrl, type Role, type StaffUser } from '../admin/model.js';
import { PasswordHasher } from '../admin/password.js';
import { loadShippedRecords } from '../directory/service.js';
import { KommunCode } from '../domain/answers.js';
import { loadGeo } from '../geo/kommuner.js';
import { LowdbDirectoryRepository } from '../storage/directory-repository.js';
import { dataFile, StoreFileError } from '../storage/json-db.js';
import { acquireLock, LockedError } from '../storage/lock.js';
import { loadOrCreateSecret } from '../storage/secret.js';

const USAGE = `usage: npm run admin -- create-user --name NAME --role admin
       npm run admin -- create-user --name NAME --role coordinator[,staff] --lan 08 [--kommuner 0880,0881]
       npm run admin -- create-user --name NAME --role volunteer --organisation ORGANISATION-ID
       npm run admin -- create-user --name NAME --role staff --lan 08
       npm run admin -- setup-link --name NAME
       npm run admin -- list-users`;

class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value\n${USAGE}`);
  return value;
}

const list = (v: string | undefined) => (v ?? '').split(/[\s,]+/).filter(Boolean);

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command || !['create-user', 'setup-link', 'list-users'].includes(command)) throw new UsageError(USAGE);
  const config = loadConfig();
  const lock = acquireLock(config.dataDir);
  try {
    const { users, audit } = await openAdminStores(config.dataDir);
    const now = () => new Date();
    const auth = new StaffAuth({ users, audit, hasher: new PasswordHasher(), key: loadOrCreateSecret(dataFile(config.dataDir, 'session.key')), now, sessionMs: config.adminSessionMs });
    const hours = SETUP_LINK_MS / 3_600_000;

    if (command === 'list-users') {
      for (const u of users.all()) process.stdout.write(`${u.name}\t${u.roles.join(',')}\t${u.disabled ? 'disabled' : u.passwordHash ? 'active' : 'waiting for a password'}\n`);
      if (!users.all().length) process.stdout.write('no users yet: npm run admin -- create-user --role admin --name NAME\n');
      return 0;
    }

    const name = AccountName.safeParse(option(rest, '--name') ?? '');
    if (!name.success) throw new UsageError(`--name: ${name.error.issues[0]?.message ?? 'missing'}\n${USAGE}`);

    if (command === 'setup-link') {
      const user = users.byName(name.data);
      if (!user) throw new UsageError(`there is no user "${name.data}" (npm run admin -- list-users)`);
      const token = await auth.newSetupToken(user.id);
      await audit.append({ at: now().toISOString(), actor: 'command line', action: 'setup-link', target: user.name });
      await Promise.all([users.flush(), audit.flush()]);
      process.stdout.write(`New one-time set-up link for ${user.name} (works once, for ${hours} hours; the old password works until it is used):\n\n  ${setupUrl(config.publicUrl, config.port, token)}\n\n`);
      return 0;
    }

    const roles = list(option(rest, '--role'));
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (!roles.length || unknown.length) throw new UsageError(`--role must be one or more of ${ROLES.join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}\n${USAGE}`);
    const geo = loadGeo();
    const lan = list(option(rest, '--lan'));
    const kommuner = list(option(rest, '--kommuner'));
    for (const c of lan) if (!LanCode.safeParse(c).success || !geo.lanByCode(c)) throw new UsageError(`--lan: "${c}" is not a län code (e.g. 08 for Kalmar län)`);
    for (const c of kommuner) if (!KommunCode.safeParse(c).success || !geo.kommun(c)) throw new UsageError(`--kommuner: "${c}" is not a kommun code (e.g. 0880 for Kalmar)`);
    let organisation: { id: string; name: string } | undefined;
    const orgId = option(rest, '--organisation');
    if (orgId) {
      const repo = await LowdbDirectoryRepository.open(dataFile(config.dataDir, 'directory.json'));
      // Before the server's first start the store is empty: the shipped data is what it will hold.
      const records = repo.isEmpty() ? loadShippedRecords(geo) : repo.all().map((s) => s.record);
      organisation = records.find((r) => r.organisation.id === orgId)?.organisation;
      if (!organisation) throw new UsageError(`--organisation: no record in the directory belongs to "${orgId}"`);
    }
    const problem = roleProblem(roles as Role[], { lan, kommuner }, organisation);
    if (problem)
      throw new UsageError(
        {
          noRole: 'give a --role',
          adminAlone: 'admin includes every other role: give it alone',
          coordinatorOrVolunteer: 'a user is a coordinator or a volunteer, not both',
          areaRequired: 'a coordinator or staff user needs --lan and/or --kommuner',
          organisationRequired: 'a volunteer needs --organisation',
        }[problem],
      );
    if (users.byName(name.data)) throw new UsageError(`the user "${name.data}" exists already; for a new password: npm run admin -- setup-link --name ${name.data}`);
    const user: StaffUser = {
      id: newUserId(),
      name: name.data,
      roles: roles as Role[],
      area: { lan, kommuner },
      ...(organisation ? { organisation } : {}),
      disabled: false,
      sessionVersion: 0,
      failedLogins: 0,
      createdAt: now().toISOString(),
      createdBy: 'command line',
    };
    await users.create(user);
    const token = await auth.newSetupToken(user.id);
    await audit.append({ at: now().toISOString(), actor: 'command line', action: 'user-create', target: user.name, detail: user.roles.join(' ') });
    await audit.append({ at: now().toISOString(), actor: 'command line', action: 'setup-link', target: user.name });
    await Promise.all([users.flush(), audit.flush()]);
    process.stdout.write(
      `Created ${user.name} (${user.roles.join(', ')}).\nStart the server, then open this one-time link to choose a password (it works once, for ${hours} hours):\n\n  ${setupUrl(config.publicUrl, config.port, token)}\n\n`,
    );
    return 0;
  } finally {
    lock.release();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof LockedError)
      process.stderr.write(`The server is running (pid ${e.pid}) and owns the data folder. Stop the server and run this again, or let an existing admin create the user in the admin (/admin/users).\n`);
    else if (e instanceof UsageError || e instanceof ConfigError || e instanceof StoreFileError) process.stderr.write(`${e.message}\n`);
    else process.stderr.write(`failed: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
