import { Command } from 'commander';
import { serve } from '../http/server.js';
import { dbSpec, printableSpec, DB_OPTION } from '../backend/store.js';

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the web page and the JSON API (documented in /openapi.json)')
    .option(...DB_OPTION)
    .option('--port <n>', 'port', '8080')
    .option('--host <addr>', 'address to listen on (127.0.0.1: this machine only)', '127.0.0.1')
    .option('--allowed-host <name>', 'another Host name to answer besides this machine\'s own (repeatable); any other is refused (no DNS rebinding)', (v: string, acc: string[] | undefined) => [...(acc ?? []), v])
    .option('--today <date>', 'judge statuses against this day instead of the real one')
    .option('--secure-cookies', 'mark the session cookie Secure (when served over TLS, e.g. behind a reverse proxy)')
    .addHelpText('after', `
Examples:
  congvan serve                           http://127.0.0.1:8080/
  congvan serve --port 9000 --db /srv/congvan.db
  congvan serve --host 0.0.0.0 --allowed-host congvan.lan
  congvan serve --db postgres://congvan@db.lan/office --host 0.0.0.0
Only requests naming this machine are answered: on 127.0.0.1, localhost and the loopback
addresses; beyond it, the address, the machine's name and its interface addresses; and
the names given with --allowed-host.
Accounts (congvan user add NAME --role admin|clerk|member|viewer): beyond 127.0.0.1 the
server starts only when the store has at least one user, and every request but the page
and the login needs a session; on 127.0.0.1 with no user, the page is open to this
machine's user as before. Reads never change the store; writes (done, reopen) need a
session and a role allowing them.`)
    .action(async (o: { db?: string; port: string; host: string; today?: string; allowedHost?: string[]; secureCookies?: boolean }) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error(`congvan serve: --port "${o.port}" is not a port number`);
        process.exitCode = 2;
        return;
      }
      o.db = dbSpec(o.db);
      const s = await serve({ db: o.db, host: o.host, port, today: o.today ?? null, allowedHosts: o.allowedHost ?? [], secureCookies: !!o.secureCookies, log: (l) => console.log(l) });
      console.log(`congvan: serving ${printableSpec(o.db)} on ${s.url}/ (Ctrl+C stops)`);
      if (o.host !== '127.0.0.1' && o.host !== 'localhost' && o.host !== '::1') console.log(`congvan: listening beyond this machine: accounts required${o.secureCookies ? '' : ' (serve it over TLS, behind a proxy, with --secure-cookies)'}`);
      const stop = () => void s.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
