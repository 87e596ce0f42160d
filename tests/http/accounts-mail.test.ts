// The mail sender against a real SMTP server running in this process (a small one written
// with node:net, speaking what nodemailer needs: EHLO, AUTH, MAIL FROM, RCPT TO, DATA, QUIT).
// A sign-up mail is delivered right after the request; a server that is down leaves the mail
// pending with its error, and it is sent once the server is back; two instances never send
// the same mail; a mail that keeps failing is given up.
import assert from 'node:assert/strict';
import { type Server, type Socket, createServer } from 'node:net';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/config.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import {
  MAX_ATTEMPTS,
  type MailConfig,
  type MailTransport,
  MailSender,
  deliverDueMail,
  loadMailConfig,
  mailSenderOf,
  queueMail,
  retryDelayMs,
} from '../../src/platform/mail/index.ts';
import { StaffClient, buildTestApp, createStaff } from '../helpers/app.ts';

interface Received {
  from: string;
  to: string[];
  data: string;
  auth: string | null;
}

interface SmtpServer {
  port: number;
  messages: Received[];
  close(): Promise<void>;
}

/** A minimal SMTP server on 127.0.0.1 that keeps what it receives. */
async function startSmtpServer(port = 0): Promise<SmtpServer> {
  const messages: Received[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    let buffer = '';
    let state: 'command' | 'data' | 'authPlain' | 'authUser' | 'authPass' = 'command';
    let auth: string | null = null;
    let user = '';
    let mail: Received = { from: '', to: [], data: '', auth: null };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

    const command = (line: string) => {
      if (state === 'authPlain') {
        const [, u, p] = b64(line).split('\0');
        auth = `${u}:${p}`;
        state = 'command';
        return reply('235 2.7.0 Authentication successful');
      }
      if (state === 'authUser') {
        user = b64(line);
        state = 'authPass';
        return reply('334 UGFzc3dvcmQ6');
      }
      if (state === 'authPass') {
        auth = `${user}:${b64(line)}`;
        state = 'command';
        return reply('235 2.7.0 Authentication successful');
      }
      const [verb, ...rest] = line.split(' ');
      switch (verb.toUpperCase()) {
        case 'EHLO':
          socket.write('250-localhost\r\n250 AUTH PLAIN LOGIN\r\n');
          return;
        case 'HELO':
          return reply('250 localhost');
        case 'AUTH': {
          const [mechanism, initial] = rest;
          if (mechanism.toUpperCase() === 'PLAIN') {
            if (initial) {
              state = 'authPlain';
              return command(initial);
            }
            state = 'authPlain';
            return reply('334 ');
          }
          state = 'authUser';
          return reply('334 VXNlcm5hbWU6');
        }
        case 'MAIL':
          mail = { from: /<([^>]*)>/.exec(line)?.[1] ?? '', to: [], data: '', auth };
          return reply('250 2.1.0 Ok');
        case 'RCPT':
          mail.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          return reply('250 2.1.5 Ok');
        case 'DATA':
          state = 'data';
          return reply('354 End data with <CR><LF>.<CR><LF>');
        case 'RSET':
          mail = { from: '', to: [], data: '', auth };
          return reply('250 2.0.0 Ok');
        case 'NOOP':
          return reply('250 2.0.0 Ok');
        case 'QUIT':
          reply('221 2.0.0 Bye');
          socket.end();
          return;
        default:
          return reply('502 5.5.2 Command not recognized');
      }
    };

    reply('220 localhost ESMTP test server');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (state === 'data') {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          mail.data = buffer.slice(0, end).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          messages.push(mail);
          state = 'command';
          reply('250 2.0.0 Ok: queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol === -1) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        command(line);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return {
    port: address.port,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port where nothing listens (taken, then freed). */
async function freePort(): Promise<number> {
  const s = await startSmtpServer();
  await s.close();
  return s.port;
}

/** The decoded text/plain part and subject of a raw MIME message. */
function readMessage(raw: string): { subject: string; text: string; html: boolean } {
  const words = /^Subject: ((?:.*)(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  const subject = words
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
    );
  const part = /Content-Type: text\/plain[^\r\n]*\r\n((?:[^\r\n]+\r\n)*)\r\n([\s\S]*?)(?:\r\n--|$)/i.exec(raw);
  assert.ok(part, 'no text/plain part');
  const encoding = /Content-Transfer-Encoding: ([\w-]+)/i.exec(part[1])?.[1].toLowerCase();
  const body = part[2];
  const text = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? qp(body) : body;
  return { subject, text: text.replace(/\r\n/g, '\n'), html: /Content-Type: text\/html/i.test(raw) };
}

function qp(s: string): string {
  const bytes: number[] = [];
  const input = s.replace(/=\r\n/g, '');
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=' && /^[0-9A-F]{2}$/i.test(input.slice(i + 1, i + 3))) {
      bytes.push(parseInt(input.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(input[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

async function appWithMail(t: Parameters<typeof buildTestApp>[0], mail: MailConfig) {
  const ctx = await buildTestApp(t, { seed: false });
  (ctx.app.config as Config & { mail?: MailConfig }).mail = mail;
  return ctx;
}

const FROM = 'Infitah Settat <no-reply@settat.test>';

async function signUp(app: FastifyInstance, email: string) {
  const v = new StaffClient(app);
  await v.get('/ar/account/signup');
  const res = await v.post('/ar/account/signup', {
    kind: 'person',
    email,
    password: 'كلمة-سر-المواطن-2025',
    display_name: 'يوسف',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return v;
}

test('SMTP settings come from SMTP_URL and MAIL_FROM', () => {
  assert.deepEqual(loadMailConfig({}), { smtpUrl: null, from: 'Infitah <no-reply@localhost>' });
  assert.deepEqual(loadMailConfig({ SMTP_URL: 'smtp://u:p@mail.example:587', MAIL_FROM: FROM }), { smtpUrl: 'smtp://u:p@mail.example:587', from: FROM });
  assert.throws(() => loadMailConfig({ SMTP_URL: 'http://mail.example' }), /SMTP_URL/);
  // back-off: 1, 2, 4 … minutes, at most 6 hours
  assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [60_000, 120_000, 240_000, 480_000]);
  assert.equal(retryDelayMs(20), 6 * 3600_000);
});

test('the verification mail goes out through SMTP right after sign-up, and its link verifies the address', async (t) => {
  const smtp = await startSmtpServer();
  t.after(() => smtp.close());
  const { app, database } = await appWithMail(t, { smtpUrl: `smtp://infitah:s3cr%C3%A9t@127.0.0.1:${smtp.port}`, from: FROM });
  const v = await signUp(app, 'youssef@example.ma');
  await mailSenderOf(app).settled();

  assert.equal(smtp.messages.length, 1);
  const [message] = smtp.messages;
  assert.equal(message.auth, 'infitah:s3crét'); // credentials from the URL, decoded
  assert.equal(message.from, 'no-reply@settat.test');
  assert.deepEqual(message.to, ['youssef@example.ma']);
  assert.match(message.data, /^From: Infitah Settat <no-reply@settat\.test>/m);
  assert.match(message.data, /^Auto-Submitted: auto-generated/m);
  const { subject, text, html } = readMessage(message.data);
  assert.equal(subject, 'أكد عنوان بريدك الإلكتروني — انفتاح');
  assert.match(text, /^مرحبا،/);
  assert.ok(html, 'an HTML alternative is sent too');
  const row = await database.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.status, 'sent');
  assert.equal(row.attempts, 1);
  assert.ok(row.sent_at);
  assert.equal(row.last_error, null);

  const link = new URL(/http:\/\/localhost:3000\/\S+/.exec(text)![0]);
  const verified = await v.get(link.pathname + link.search);
  assert.equal(verified.statusCode, 303);
  const user = await database.db.selectFrom('app_user').select('email_verified_at').where('email', '=', 'youssef@example.ma').executeTakeFirstOrThrow();
  assert.ok(user.email_verified_at);

  // the back office shows the mail as sent, and that a mail server is configured
  await createStaff(database, 'dgct@example.ma', 'network_admin', null);
  const outbox = await (await new StaffClient(app).login('dgct@example.ma')).get('/admin/outbox');
  assert.match(outbox.body, /خادم البريد مهيأ/);
  assert.match(outbox.body, /youssef@example\.ma/);
  assert.match(outbox.body, /class="status done">أرسلت/);
});

test('a server that is down leaves the mail pending with its error; it is sent once the server is back', async (t) => {
  const port = await freePort();
  const { app, database } = await appWithMail(t, { smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM });
  const started = Date.now();
  await signUp(app, 'nadia@example.ma');
  const sender = mailSenderOf(app);
  await sender.settled();

  const failed = await database.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
  assert.equal(failed.status, 'pending');
  assert.equal(failed.attempts, 1);
  assert.match(failed.last_error ?? '', /ECONNREFUSED|connect/i);
  const wait = Date.parse(failed.next_attempt_at) - started;
  assert.ok(wait >= 59_000 && wait <= 70_000, `next attempt in ${wait} ms`);
  // not due yet: the sweep leaves it alone
  assert.deepEqual(await deliverDueMail(database.db, sender.transport, FROM), { sent: 0, retried: 0, failed: 0, held: 0 });

  const smtp = await startSmtpServer(port);
  t.after(() => smtp.close());
  const later = new Date(Date.parse(failed.next_attempt_at) + 1000);
  assert.deepEqual(await deliverDueMail(database.db, sender.transport, FROM, { now: later }), { sent: 1, retried: 0, failed: 0, held: 0 });
  assert.equal(smtp.messages.length, 1);
  assert.deepEqual(smtp.messages[0].to, ['nadia@example.ma']);
  const sent = await database.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
  assert.deepEqual([sent.status, sent.attempts, sent.last_error], ['sent', 2, null]);
});

test('a mail that keeps failing is retried with growing delays, then given up as failed', async (t) => {
  const { database } = await buildTestApp(t, { seed: false });
  const broken: MailTransport = { sendMail: async () => Promise.reject(new Error('550 mailbox unavailable')) };
  await queueMail(database.db, { to: 'gone@example.ma', subject: 'موضوع', text: 'نص' });
  let now = Date.now();
  const delays: number[] = [];
  for (let i = 1; i <= MAX_ATTEMPTS; i++) {
    const result = await deliverDueMail(database.db, broken, FROM, { now: new Date(now) });
    assert.equal(result.sent, 0);
    const row = await database.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.attempts, i);
    assert.equal(row.last_error, '550 mailbox unavailable');
    if (i < MAX_ATTEMPTS) {
      assert.equal(row.status, 'pending');
      delays.push(Date.parse(row.next_attempt_at) - now);
      now = Date.parse(row.next_attempt_at);
    } else {
      assert.equal(row.status, 'failed');
      assert.equal(result.failed, 1);
    }
  }
  assert.deepEqual(delays.slice(0, 3), [60_000, 120_000, 240_000]);
  assert.equal((await deliverDueMail(database.db, broken, FROM, { now: new Date(now + 86_400_000) })).failed, 0);
});

test('two instances sweeping the same outbox send each mail exactly once', async (t) => {
  const { database, url } = await buildTestApp(t, { seed: false });
  // the second instance has its own connection to the database
  const other = openDatabase(url);
  t.after(() => other.close());
  for (let i = 0; i < 30; i++) await queueMail(database.db, { to: `person${i}@example.ma`, subject: `رسالة ${i}`, text: 'نص' });
  const sent: string[] = [];
  const slow: MailTransport = {
    sendMail: async (m) => {
      sent.push(m.to);
      await new Promise((r) => setTimeout(r, 2));
      return {};
    },
  };
  const silent = { warn: () => undefined, error: () => undefined } as unknown as FastifyInstance['log'];
  const a = new MailSender(database.db, { smtpUrl: 'smtp://unused', from: FROM }, silent, slow);
  const b = new MailSender(other.db, { smtpUrl: 'smtp://unused', from: FROM }, silent, slow);
  a.kick();
  b.kick();
  a.kick();
  await Promise.all([a.settled(), b.settled()]);
  assert.equal(sent.length, 30);
  assert.equal(new Set(sent).size, 30);
  const rows = await database.db.selectFrom('mail_outbox').select(['status', 'attempts']).execute();
  assert.ok(rows.every((r) => r.status === 'sent' && r.attempts === 1));
});

test('without SMTP_URL mails are held in the outbox, and the back office says why', async (t) => {
  const { app, database } = await appWithMail(t, { smtpUrl: null, from: FROM });
  await signUp(app, 'held@example.ma');
  await mailSenderOf(app).settled();
  const row = await database.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.status, 'held');
  assert.equal(row.attempts, 0);
  // nothing queued in a rolled-back transaction stays
  await assert.rejects(
    database.db.transaction().execute(async (trx) => {
      await queueMail(trx, { to: 'never@example.ma', subject: 's', text: 't' });
      throw new Error('the action failed');
    }),
  );
  assert.equal((await database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'never@example.ma').execute()).length, 0);
});
