import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { CliIo } from './define-command.js';

/**
 * The CLI's io on the real process: results to stdout, notes and questions to stderr, questions
 * only when stdin and stdout are terminals. A secret answer is read without echo.
 */
export function processIo(): CliIo {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    interactive,
    ask: (question, options) => askOnTerminal(question, Boolean(options?.secret)),
    readStdin,
  };
}

async function askOnTerminal(question: string, secret: boolean): Promise<string> {
  let muted = false;
  // readline echoes what is typed through `output`; muting it after the question hides a secret.
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.once('close', () => reject(new Error('no answer (stdin closed)')));
      // Ctrl-C at a question cancels the command instead of leaving readline paused.
      rl.once('SIGINT', () => {
        process.stderr.write('\n');
        reject(new Error('cancelled'));
      });
      rl.question(question, (answer) => resolve(answer));
      muted = secret;
    });
  } finally {
    muted = false;
    if (secret) process.stderr.write('\n');
    rl.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
