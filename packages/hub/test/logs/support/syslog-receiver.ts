import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';

/** One RFC 5424 message as the receiver parsed it. */
export interface SyslogFrame {
  pri: number;
  version: string;
  timestamp: string;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  /** SD-ID -> parameters (unescaped). */
  sd: Record<string, Record<string, string>>;
  /** MSG without its BOM. */
  msg: string;
  hadBom: boolean;
  seq: number;
}

/**
 * Splits octet-counted frames (RFC 6587 3.4.1: `MSG-LEN SP SYSLOG-MSG`) off the front of a buffer.
 * Written for the tests, independently of the hub's formatter.
 */
export function takeFrames(buffer: Buffer): { frames: Buffer[]; rest: Buffer } {
  const frames: Buffer[] = [];
  let at = 0;
  for (;;) {
    const space = buffer.indexOf(0x20, at);
    if (space === -1) break;
    const lenText = buffer.toString('ascii', at, space);
    if (!/^[1-9]\d{0,8}$/.test(lenText)) throw new Error(`bad frame length ${JSON.stringify(lenText)}`);
    const len = Number(lenText);
    if (buffer.length < space + 1 + len) break;
    frames.push(buffer.subarray(space + 1, space + 1 + len));
    at = space + 1 + len;
  }
  return { frames, rest: buffer.subarray(at) };
}

/** Parses one RFC 5424 message (header, structured data with escapes, MSG). */
export function parseRfc5424(frame: Buffer, seq = 0): SyslogFrame {
  const text = frame.toString('utf8');
  const header = /^<(\d{1,3})>(\d) (\S+) (\S+) (\S+) (\S+) (\S+) /.exec(text);
  if (!header) throw new Error(`not RFC 5424: ${text.slice(0, 80)}`);
  let i = header[0].length;
  const sd: Record<string, Record<string, string>> = {};
  if (text[i] === '-') i += 1;
  else {
    while (text[i] === '[') {
      i += 1;
      const idEnd = text.slice(i).search(/[ \]]/);
      const id = text.slice(i, i + idEnd);
      i += idEnd;
      const params: Record<string, string> = {};
      while (text[i] === ' ') {
        i += 1;
        const eq = text.indexOf('=', i);
        const name = text.slice(i, eq);
        i = eq + 1;
        if (text[i] !== '"') throw new Error('param value must be quoted');
        i += 1;
        let value = '';
        while (text[i] !== '"') {
          if (text[i] === '\\' && ['"', '\\', ']'].includes(text[i + 1]!)) {
            value += text[i + 1];
            i += 2;
          } else {
            value += text[i];
            i += 1;
          }
          if (i >= text.length) throw new Error('unterminated param value');
        }
        i += 1;
        params[name] = value;
      }
      if (text[i] !== ']') throw new Error('SD element not closed');
      i += 1;
      sd[id] = params;
    }
  }
  let msg = '';
  if (text[i] === ' ') msg = text.slice(i + 1);
  const hadBom = msg.startsWith('\uFEFF');
  return {
    pri: Number(header[1]),
    version: header[2]!,
    timestamp: header[3]!,
    hostname: header[4]!,
    appName: header[5]!,
    procId: header[6]!,
    msgId: header[7]!,
    sd,
    msg: hadBom ? msg.slice(1) : msg,
    hadBom,
    seq,
  };
}

/**
 * A syslog receiver over TCP or TLS on a real loopback port: parses every frame, dedupes by the
 * `id` parameter of the hub's SD element (a repeat is allowed and counted), and keeps first
 * receipts in order. `down()` can first stop reading (so bytes sit unread in the kernel) and then
 * reset every connection, which is how a crashed receiver loses what it had not read.
 */
export class SyslogReceiver {
  readonly received = new Map<string, SyslogFrame>();
  duplicates = 0;
  frames = 0;
  connections = 0;
  port = 0;
  #server: net.Server | undefined;
  #sockets = new Set<net.Socket>();
  readonly #tls: tls.TlsOptions | undefined;

  constructor(tlsOptions?: tls.TlsOptions) {
    this.#tls = tlsOptions;
  }

  async up(): Promise<void> {
    const onSocket = (socket: net.Socket) => {
      this.connections++;
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => {});
      let buffer: Buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        const { frames, rest } = takeFrames(buffer);
        buffer = rest;
        for (const frame of frames) {
          this.frames++;
          const parsed = parseRfc5424(frame, this.received.size);
          const id = parsed.sd['duohub@32473']?.id ?? '';
          if (this.received.has(id)) this.duplicates++;
          else this.received.set(id, parsed);
        }
      });
    };
    const server = this.#tls ? tls.createServer(this.#tls, onSocket) : net.createServer(onSocket);
    if (this.#tls) server.on('tlsClientError', () => {});
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Stops listening and resets every connection; `unreadMs` first stops reading for that long. */
  async down(unreadMs = 0): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    if (unreadMs > 0) {
      for (const s of this.#sockets) s.pause();
      await new Promise((r) => setTimeout(r, unreadMs));
    }
    for (const s of this.#sockets) {
      try {
        s.resetAndDestroy();
      } catch {
        s.destroy();
      }
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  inOrder(): SyslogFrame[] {
    return [...this.received.values()].sort((a, b) => a.seq - b.seq);
  }
}
