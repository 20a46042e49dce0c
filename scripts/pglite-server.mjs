#!/usr/bin/env node
// A real PostgreSQL (PGlite: PostgreSQL 18 compiled to WebAssembly, with pgvector) served over the
// Postgres wire protocol on 127.0.0.1, for QaBot's tests and benchmark on machines without a native
// PostgreSQL with pgvector. Prints one line `listening <port>` once clients can connect.
//
//   node scripts/pglite-server.mjs [--port 0] [--data DIR] [--max-connections 64] [--exit-with-stdin]
//
// PGlite is one database session. @electric-sql/pglite-socket frames each client's protocol messages;
// the queue below lets several clients share that session safely: a client that sends a message holds
// the session until PGlite answers ReadyForQuery with status idle ('I'), so a transaction, or a
// Parse/Bind/Execute/Sync sequence, is never interleaved with another client's messages. Clients must
// not rely on session state between transactions (no named prepared statements, no session SETs, no
// temp tables): another client may run in between. QaBot's Postgres code keeps to that.
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { createServer } from 'node:net';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = Number.parseInt(option('port', '0'), 10);
const dataDir = option('data', 'memory://');
const maxConnections = Number.parseInt(option('max-connections', '64'), 10);

/** Serialises clients on the one PGlite session, a whole transaction (or sync'd message sequence) at a time. */
class SessionQueue {
  constructor(db) {
    this.db = db;
    this.owner = null; // handler id holding the session, or null
    this.waiting = []; // { handlerId, message, onData, resolve, reject }
    this.running = false;
    this.partial = new Map(); // handler id -> bytes of an incomplete backend message
  }

  enqueue(handlerId, message, onData) {
    return new Promise((resolve, reject) => {
      this.waiting.push({ handlerId, message, onData, resolve, reject });
      this.pump();
    });
  }

  async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.waiting.findIndex((w) => w.handlerId === this.owner);
        if (index < 0 || this.waiting.length === 0) break;
        const item = this.waiting.splice(index, 1)[0];
        this.owner = item.handlerId;
        let bytes = 0;
        let idle = false;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                const status = this.readyStatus(item.handlerId, data);
                if (status !== null) idle = status === 0x49; // 'I'
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          item.reject(error);
          continue;
        }
        if (idle) this.owner = null;
        item.resolve(bytes);
      }
    } finally {
      this.running = false;
    }
  }

  /** The status byte of the last ReadyForQuery in the backend's output, or null when there is none. */
  readyStatus(handlerId, data) {
    let buffer = this.partial.get(handlerId);
    buffer = buffer ? Buffer.concat([buffer, Buffer.from(data)]) : Buffer.from(data);
    let status = null;
    let offset = 0;
    while (buffer.length - offset >= 5) {
      const length = buffer.readInt32BE(offset + 1);
      if (buffer.length - offset < 1 + length) break;
      if (buffer[offset] === 0x5a && length === 5) status = buffer[offset + 5]; // 'Z'
      offset += 1 + length;
    }
    this.partial.set(handlerId, offset < buffer.length ? buffer.subarray(offset) : null);
    return status;
  }

  getQueueLength() {
    return this.waiting.length;
  }

  clearQueueForHandler(handlerId) {
    this.waiting = this.waiting.filter((w) => {
      if (w.handlerId !== handlerId) return true;
      w.reject(new Error('client disconnected'));
      return false;
    });
    this.partial.delete(handlerId);
  }

  /** A client that leaves while holding the session: roll back what it left open and let the others in. */
  async clearTransactionIfNeeded(handlerId) {
    if (this.owner !== handlerId) return;
    await this.db.runExclusive(async () => {
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    });
    this.owner = null;
    this.pump();
  }
}

const db = await PGlite.create({ dataDir, extensions: { vector } });
await db.exec('CREATE EXTENSION IF NOT EXISTS vector;');
const queue = new SessionQueue(db);
const handlers = new Set();

const server = createServer((socket) => {
  if (handlers.size >= maxConnections) {
    socket.end();
    return;
  }
  const handler = new PGLiteSocketHandler({ db, queryQueue: queue, closeOnDetach: true });
  handlers.add(handler);
  const forget = () => handlers.delete(handler);
  handler.addEventListener('close', forget);
  handler.addEventListener('error', forget);
  handler.attach(socket).catch(() => {
    forget();
    socket.destroy();
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});

async function shutdown() {
  server.close();
  for (const handler of handlers) await handler.detach(true);
  await db.close();
  process.exit(0);
}

process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// A parent that holds our stdin (a test fixture) closes it when it goes away: stop with it.
if (process.argv.includes('--exit-with-stdin')) {
  process.stdin.on('end', shutdown);
  process.stdin.resume();
}
