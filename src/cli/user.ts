/**
 * congvan user add|list|remove|passwd|set: the accounts of `congvan serve`. A password is
 * never an argument (it would stay in the shell's history and in the process list): it is
 * asked on the terminal, without echo, or read from standard input with --password-stdin.
 */
import { Command, Option } from 'commander';
import { UserExists, ROLES, type Role, type AsyncOfficeStore, type NewAuditEntry } from '../store/office.js';
import { openAnyStore, dbSpec, DB_OPTION, type Store } from '../backend/store.js';
import { officeOf } from '../backend/office.js';
import { hashPassword, MIN_PASSWORD } from '../office/access.js';
import { canonicalAgency } from '../refine/registry.js';
import { printable } from '../engine/printable.js';
import { cliActor } from '../office/audit.js';

const NAME_RE = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

class UsageError extends Error {}

/** Read a password from a terminal without echo. */
function ask(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let pw = '';
    const done = () => {
      stdin.removeListener('data', on);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const on = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') {
          done();
          return resolve(pw);
        }
        if (c === '\u0003' || c === '\u0004') {
          done();
          return reject(new UsageError('cancelled'));
        }
        if (c === '\u007f' || c === '\b') pw = pw.slice(0, -1);
        else pw += c;
      }
    };
    stdin.on('data', on);
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The new password: from standard input (its first line) or asked twice on the terminal. */
async function newPassword(fromStdin: boolean): Promise<string> {
  let pw: string;
  if (fromStdin) pw = (await readStdin()).split(/\r?\n/)[0] ?? '';
  else {
    if (!process.stdin.isTTY) throw new UsageError('no terminal to ask the password on: pipe it with --password-stdin');
    pw = await ask('Password: ');
    if ((await ask('Again: ')) !== pw) throw new UsageError('the two passwords differ');
  }
  if ([...pw].length < MIN_PASSWORD) throw new UsageError(`the password is shorter than ${MIN_PASSWORD} characters`);
  return pw;
}

/** What an action has: the store (SQLite or PostgreSQL), its office store, and the audit log's entry of this command. */
interface Ctx {
  store: Store;
  office: AsyncOfficeStore;
  audit: (e: Omit<NewAuditEntry, 'actor'>) => Promise<unknown>;
}

/** Run an action with the store open; usage errors exit 2, a missing user 1. */
function withStore(db: string | undefined, f: (c: Ctx) => Promise<void> | void): Promise<void> {
  return (async () => {
    const store = await openAnyStore(dbSpec(db));
    const office = officeOf(store);
    try {
      await f({ store, office, audit: (e) => office.addAudit({ ...e, actor: cliActor() }, new Date().toISOString()) });
    } catch (e) {
      if (e instanceof UsageError || e instanceof UserExists) {
        console.error(`congvan user: ${printable(e.message)}`);
        process.exitCode = 2;
        return;
      }
      throw e;
    } finally {
      await store.close();
    }
  })();
}

function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role "${role}": one of ${ROLES.join(', ')}`);
  return role as Role;
}

/** Say how the store knows the agency a user acts for. */
async function agencyNote(store: Store, role: Role, agency: string | null): Promise<string> {
  if (!agency) return role === 'member' || role === 'clerk' ? ` (no --agency: may not mark any obligation done)` : '';
  const canonical = canonicalAgency(agency);
  const known = (await store.searchTasks({ agency, limit: 1 })).total > 0;
  return ` for ${canonical}${known ? '' : ' (no stored obligation names this agency yet)'}`;
}

const missing = (name: string) => {
  console.error(`congvan user: no user "${printable(name)}" (congvan user list)`);
  process.exitCode = 1;
};

export function userCommand(): Command {
  const cmd = new Command('user').description('manage the accounts of congvan serve (add, list, remove, passwd, set)').addHelpText('after', `
Examples:
  congvan user add lan --role clerk --agency "Văn phòng UBND tỉnh"
  congvan user add minh --role member --agency "Sở Nội vụ"
  printf '%s\\n' "$PW" | congvan user add admin --role admin --password-stdin
  congvan user list
  congvan user passwd minh
  congvan user remove minh
Roles: viewer reads; member also marks done / reopens the obligations its agency leads or
supports; clerk also uploads documents; admin does everything.`);

  cmd
    .command('add')
    .description('add a user (the password is asked, or read with --password-stdin)')
    .argument('<name>', 'user name (letters, digits, . _ @ -)')
    .addOption(new Option('--role <role>', 'admin, clerk, member or viewer').choices([...ROLES]).makeOptionMandatory())
    .option('--agency <name>', 'the agency a member or clerk acts for ("Sở Nội vụ")')
    .option('--password-stdin', 'read the password from standard input (its first line)')
    .option(...DB_OPTION)
    .action((name: string, o: { role: string; agency?: string; passwordStdin?: boolean; db?: string }) =>
      withStore(o.db, async ({ store, office, audit }) => {
        if (!NAME_RE.test(name.normalize('NFC'))) throw new UsageError(`"${name}" is not a user name: letters, digits, . _ @ - (64 at most)`);
        const role = checkRole(o.role);
        if (await office.findUser(name)) throw new UsageError(`a user "${name}" exists already (congvan user passwd / set)`);
        const agency = o.agency?.trim() ? canonicalAgency(o.agency.trim()) : null;
        const hash = await hashPassword(await newPassword(!!o.passwordStdin));
        const u = await office.addUser({ name, role, agency, passwordHash: hash }, new Date().toISOString());
        await audit({ action: 'user-add', target: u.name, detail: { role, agency } });
        console.log(printable(`added ${u.name}: ${role}${await agencyNote(store, role, agency)}`));
      }),
    );

  cmd
    .command('list')
    .description('list the users')
    .option('--json', 'as JSON')
    .option(...DB_OPTION)
    .action((o: { json?: boolean; db?: string }) =>
      withStore(o.db, async ({ office }) => {
        const users = await office.listUsers();
        if (o.json) return void console.log(JSON.stringify(users, null, 2));
        if (!users.length) return void console.log('no users (congvan user add NAME --role admin)');
        for (const u of users) console.log(printable(`${u.name.padEnd(20)} ${u.role.padEnd(7)} ${u.agency ?? '-'}   since ${u.createdAt.slice(0, 10)}`));
      }),
    );

  cmd
    .command('remove')
    .description('remove a user (its sessions end)')
    .argument('<name>')
    .option(...DB_OPTION)
    .action((name: string, o: { db?: string }) =>
      withStore(o.db, async ({ office, audit }) => {
        if (!(await office.removeUser(name))) return missing(name);
        await audit({ action: 'user-remove', target: name });
        console.log(printable(`removed ${name}`));
      }),
    );

  cmd
    .command('passwd')
    .description("set a user's password (its sessions end)")
    .argument('<name>')
    .option('--password-stdin', 'read the password from standard input (its first line)')
    .option(...DB_OPTION)
    .action((name: string, o: { passwordStdin?: boolean; db?: string }) =>
      withStore(o.db, async ({ office, audit }) => {
        if (!(await office.findUser(name))) return missing(name);
        const hash = await hashPassword(await newPassword(!!o.passwordStdin));
        await office.setPassword(name, hash, new Date().toISOString());
        await audit({ action: 'user-passwd', target: name });
        console.log(printable(`password of ${name} changed; its sessions ended`));
      }),
    );

  cmd
    .command('set')
    .description("change a user's role or agency")
    .argument('<name>')
    .addOption(new Option('--role <role>', 'admin, clerk, member or viewer').choices([...ROLES]))
    .option('--agency <name>', 'the agency it acts for')
    .option('--no-agency', 'acts for no agency')
    .option(...DB_OPTION)
    .action((name: string, o: { role?: string; agency?: string | false; db?: string }) =>
      withStore(o.db, async ({ store, office, audit }) => {
        const change: { role?: Role; agency?: string | null } = {};
        if (o.role) change.role = checkRole(o.role);
        if (o.agency === false) change.agency = null;
        else if (typeof o.agency === 'string') change.agency = o.agency.trim() ? canonicalAgency(o.agency.trim()) : null;
        if (!('role' in change) && !('agency' in change)) throw new UsageError('nothing to change: give --role, --agency or --no-agency');
        const u = await office.updateUser(name, change, new Date().toISOString());
        if (!u) return missing(name);
        await audit({ action: 'user-set', target: u.name, detail: { role: u.role, agency: u.agency } });
        console.log(printable(`${u.name}: ${u.role}${await agencyNote(store, u.role, u.agency)}`));
      }),
    );
  return cmd;
}
