import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { chmod, unlink } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Database, Queryable } from './db.js';

/**
 * One embedded store (PGlite), several processes: PGlite lives inside the process that opened it,
 * so that process (`serve --db DIR`, or any other owner) shares it on a local socket, and a second
 * command on the same DIR (`extract --db DIR`, `status`, `export`) runs its SQL through the owner
 * instead of being refused. The socket is a Unix domain socket readable by its user only (0600);
 * each connection is one session: its queries run in the owner's single connection, in turn with
 * the owner's own, and a transaction holds that connection until it commits (or its client goes).
 *
 * Wire format: one JSON object per line. Request {id, op: query|exec|begin|commit|rollback, text,
 * params}; reply {id, rows} or {id, error: {message, code}}. Bytes, dates and big integers are
 * tagged ({$b: base64}, {$d: iso}, {$n: digits}) so they arrive as they left.
 */

/** Where the owner of `dataDir` listens (in the temp dir: socket paths are limited to ~107 bytes). */
export function sharePath(dataDir: string): string {
  let real: string;
  try {
    real = realpathSync(dataDir);
  } catch {
    real = resolve(dataDir);
  }
  return join(tmpdir(), `selfeval-${createHash('sha256').update(real).digest('hex').slice(0, 16)}.sock`);
}

/** A transaction left open by a client this long is rolled back, so the owner is never held. */
const IDLE_TRANSACTION_MS = 60_000;

interface Request {
  id: number;
  op: 'query' | 'exec' | 'begin' | 'commit' | 'rollback';
  text?: string;
  params?: unknown[];
}

export interface ShareServer {
  close(): Promise<void>;
}

/** Share the owner's database on the data directory's socket. */
export async function shareDatabase(db: Database, dataDir: string): Promise<ShareServer> {
  const path = sharePath(dataDir);
  await unlink(path).catch(() => {}); // a socket left by a dead owner (we hold the data dir's lock)
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(db, socket);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(path, () => ok());
  });
  server.on('error', () => {});
  await chmod(path, 0o600);
  return {
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
      await unlink(path).catch(() => {});
    },
  };
}

function serveConnection(db: Database, socket: Socket): void {
  const reply = (id: number, body: { rows?: unknown[]; error?: { message: string; code?: string } }) => {
    if (!socket.destroyed) socket.write(JSON.stringify({ id, ...body }, encode) + '\n');
  };
  // An open transaction: requests go to it until commit/rollback; `end` settles it.
  let tx: { queue: Array<(r: Request | null) => void>; waiting: Request[]; done: Promise<void> } | null = null;
  let idle: NodeJS.Timeout | null = null;
  const nextInTx = (): Promise<Request | null> =>
    new Promise((ok) => {
      const t = tx!;
      if (t.waiting.length) ok(t.waiting.shift()!);
      else t.queue.push(ok);
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => feed(null), IDLE_TRANSACTION_MS);
    });
  const feed = (r: Request | null) => {
    if (!tx) return;
    const waiter = tx.queue.shift();
    if (waiter) waiter(r);
    else if (r) tx.waiting.push(r);
    else tx.waiting.push({ id: -1, op: 'rollback' });
  };
  const run = async (r: Request) => {
    try {
      if (r.op === 'begin') {
        const t = { queue: [], waiting: [], done: Promise.resolve() } as NonNullable<typeof tx>;
        tx = t;
        let began!: () => void;
        const started = new Promise<void>((ok) => (began = ok));
        t.done = db
          .transaction(async (q: Queryable) => {
            began();
            reply(r.id, { rows: [] });
            for (;;) {
              const next = await nextInTx();
              if (!next || next.op === 'rollback') throw new Rollback(next?.id ?? -1);
              if (next.op === 'commit') return next.id;
              try {
                reply(next.id, { rows: await q.query(next.text!, next.params) });
              } catch (e) {
                reply(next.id, { error: describe(e) });
                // PostgreSQL aborts the transaction on an error; the client's rollback then finds none.
                if (tx === t) tx = null;
                throw new Rollback(-1);
              }
            }
          })
          .then(
            (commitId) => reply(commitId, { rows: [] }),
            (e) => {
              if (e instanceof Rollback) {
                if (e.id >= 0) reply(e.id, { rows: [] });
              } else reply(r.id, { error: describe(e) });
            },
          )
          .finally(() => {
            if (idle) clearTimeout(idle);
            if (tx === t) tx = null;
          });
        await Promise.race([started, t.done]);
        return;
      }
      if (tx) {
        feed(r);
        return;
      }
      if (r.op === 'commit' || r.op === 'rollback') return reply(r.id, { rows: [] });
      if (r.op === 'exec') {
        await db.exec(r.text!);
        return reply(r.id, { rows: [] });
      }
      reply(r.id, { rows: await db.query(r.text!, r.params) });
    } catch (e) {
      reply(r.id, { error: describe(e) });
    }
  };
  // Requests of one connection in order (a client sends the next one after its reply, except within transactions).
  let chain = Promise.resolve();
  onMessages<Request>(socket, (request) => {
    if (tx && request.op !== 'begin') feed(request);
    else chain = chain.then(() => run(request));
  });
  socket.on('error', () => {});
  socket.on('close', () => feed(null));
}

/**
 * The messages of one socket: one JSON value per line (dates, bytes and bigints revived by `decode`).
 * A line that is not JSON ends the connection: the other side is not speaking this protocol.
 */
function onMessages<T>(socket: Socket, handle: (message: T) => void): void {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      let message: T;
      try {
        message = JSON.parse(line, decode) as T;
      } catch {
        socket.destroy();
        return;
      }
      handle(message);
    }
  });
}

class Rollback extends Error {
  constructor(readonly id: number) {
    super('rollback');
  }
}

function describe(e: unknown): { message: string; code?: string } {
  const err = e as { message?: string; code?: string };
  return { message: err.message ?? String(e), ...(err.code ? { code: err.code } : {}) };
}

function encode(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Date) return { $d: raw.toISOString() };
  if (raw instanceof Uint8Array) return { $b: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') };
  if (typeof raw === 'bigint') return { $n: raw.toString() };
  return value;
}

function decode(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      if (typeof v.$d === 'string') return new Date(v.$d);
      if (typeof v.$b === 'string') return new Uint8Array(Buffer.from(v.$b, 'base64'));
      if (typeof v.$n === 'string') return BigInt(v.$n);
    }
  }
  return value;
}

/**
 * The database of a data directory another process owns, through its socket; null when no one
 * answers there (the owner is not sharing, or is gone).
 */
export async function connectShared(dataDir: string, schema = 'public'): Promise<Database | null> {
  const path = sharePath(dataDir);
  const socket = await new Promise<Socket | null>((ok) => {
    const s = createConnection(path);
    s.once('connect', () => ok(s));
    s.once('error', () => ok(null));
  });
  if (!socket) return null;
  let nextId = 1;
  const pending = new Map<number, { ok: (rows: unknown[]) => void; fail: (e: Error) => void }>();
  let broken: Error | null = null;
  onMessages<{ id: number; rows?: unknown[]; error?: { message: string; code?: string } }>(socket, (msg) => {
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (!p) return;
    if (msg.error) p.fail(Object.assign(new Error(msg.error.message), msg.error.code ? { code: msg.error.code } : {}));
    else p.ok(msg.rows ?? []);
  });
  const fail = () => {
    broken ??= new Error(`共享数据库的进程已断开 / the process sharing the store went away (${dataDir})`);
    for (const p of pending.values()) p.fail(broken);
    pending.clear();
  };
  socket.on('close', fail);
  socket.on('error', fail);
  const send = <T>(op: Request['op'], text?: string, params?: unknown[]): Promise<T[]> => {
    if (broken) return Promise.reject(broken);
    const id = nextId++;
    return new Promise<T[]>((ok, no) => {
      pending.set(id, { ok: ok as (rows: unknown[]) => void, fail: no });
      socket.write(JSON.stringify({ id, op, text, params }, encode) + '\n');
    });
  };
  // One session: this process's calls take turns, a transaction keeps the turn until it ends.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = turn.then(fn, fn);
    turn = next.catch(() => {});
    return next;
  };
  return {
    kind: 'pglite',
    schema,
    query<T>(text: string, params?: unknown[]) {
      return inTurn(() => send<T>('query', text, params));
    },
    exec(script: string) {
      return inTurn(async () => {
        await send('exec', script);
      });
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return inTurn(async () => {
        await send('begin');
        let result: T;
        try {
          result = await fn({ query: <R>(text: string, params?: unknown[]) => send<R>('query', text, params) });
        } catch (e) {
          await send('rollback').catch(() => {});
          throw e;
        }
        await send('commit');
        return result;
      });
    },
    async close() {
      await turn;
      socket.end();
    },
  };
}
