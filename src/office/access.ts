/**
 * Accounts: password hashes (scrypt from node:crypto, a salt per password, compared in
 * constant time), session tokens, what each role may do, and the brake on guessing
 * passwords. The rows live in the office store (src/store/office.ts).
 *
 * Roles: a viewer reads; a member reads and marks done / reopens the obligations its
 * agency leads or supports; a clerk reads, uploads documents (and keeps the register), and
 * marks its agency's obligations like a member; an admin does everything.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { agencyKey, agencyKeys } from '../query/agency.js';
import { ROLES, type Role, type User, type AsyncOfficeStore } from '../store/office.js';

export { ROLES, type Role, type User };

const scrypt = promisify(crypto.scrypt) as (pw: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

/** scrypt cost: N = 2^15, r = 8, p = 1 (32 MB, ~0.1 s here). */
const COST = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

export const MIN_PASSWORD = 8;

/** "scrypt$N$r$p$salt$hash" (salt and hash in base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, KEYLEN, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

// compared against when the user does not exist, so an unknown name takes as long as a wrong password
const DUMMY = `scrypt$${COST.N}$${COST.r}$${COST.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEYLEN).toString('base64')}`;

/** Whether a password matches a stored hash (constant-time compare); null hash: false, after the same work. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? DUMMY).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const want = Buffer.from(parts[5]!, 'base64');
  const got = await scrypt(password.normalize('NFC'), salt, want.length, { N, r, p, maxmem: Math.max(COST.maxmem, 256 * N * r) });
  return crypto.timingSafeEqual(got, want) && stored !== null;
}

/** A new session token (sent in the cookie) and its hash (stored: a stolen store holds no usable token). */
export function newToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}

export const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export type Permission = 'read' | 'task' | 'upload';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  member: ['read', 'task'],
  clerk: ['read', 'task', 'upload'],
  admin: ['read', 'task', 'upload'],
};

export function may(user: Pick<User, 'role'>, p: Permission): boolean {
  return GRANTS[user.role]?.includes(p) ?? false;
}

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/**
 * May this user mark the task done or reopen it: an admin always; a member or clerk when its
 * agency is the task's lead or one of its supporting agencies, names compared as the store
 * compares them (canonical names, abbreviations expanded, without marks: src/query/agency.ts).
 */
export function mayChangeTask(user: Pick<User, 'role' | 'agency'>, task: { lead: string[]; support: string[] }): boolean {
  if (user.role === 'admin') return true;
  if (!may(user, 'task') || !user.agency) return false;
  const mine = new Set(agencyKeys(user.agency));
  return [...task.lead, ...task.support].some((a) => agencyKeys(a).some((k) => mine.has(k)) || mine.has(agencyKey(a)));
}

/**
 * The brake on guessing passwords: failures are counted per account name and per client
 * address over a window; past the limit, logins for that name (or from that address) are
 * refused until the window has passed since the oldest failure counted. A success clears the
 * name's count. The failures are kept in the store (src/store/office.ts), so several servers
 * on one store (PostgreSQL) count them together and a restart does not forget them.
 */
export class LoginThrottle {
  constructor(
    private readonly limits = { perName: 5, perAddress: 20, windowMs: 15 * 60_000 },
    private readonly now = () => Date.now(),
  ) {}

  private keys(name: string, address: string): [string, number][] {
    return [[`n:${name.toLowerCase()}`, this.limits.perName], [`a:${address}`, this.limits.perAddress]];
  }

  /** Seconds to wait before trying again, or 0 when a try is allowed now. */
  async retryAfter(store: LoginFailures, name: string, address: string): Promise<number> {
    let wait = 0;
    const now = this.now();
    for (const [key, max] of this.keys(name, address)) {
      const list = await store.loginFailures(key, now - this.limits.windowMs);
      if (list.length >= max) wait = Math.max(wait, Math.ceil((list[list.length - max]! + this.limits.windowMs - now) / 1000));
    }
    return wait;
  }

  async fail(store: LoginFailures, name: string, address: string): Promise<void> {
    const now = this.now();
    await store.addLoginFailure(this.keys(name, address).map(([k]) => k), now, now - this.limits.windowMs);
  }

  async succeed(store: LoginFailures, name: string): Promise<void> {
    await store.clearLoginFailures(`n:${name.toLowerCase()}`);
  }
}

/** Where the brake keeps its counts: the office store of the server's store. */
export type LoginFailures = Pick<AsyncOfficeStore, 'addLoginFailure' | 'loginFailures' | 'clearLoginFailures'>;
