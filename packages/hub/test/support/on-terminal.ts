import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real `duohub` bin on a pseudo-terminal, through util-linux's `script` (no extra packages):
 * what a person at a terminal sees, whether a question is asked, and what echoes.
 */
export const duohubBin = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../bin/duohub.js');

/** Whether util-linux's `script` is there to give the bin a terminal (the tests skip without it). */
export const haveScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** What a run on the pseudo-terminal left. */
export interface TerminalRun {
  code: number | null;
  /** Everything the terminal showed (the command's stdout and stderr, and the echo of what was typed). */
  screen: string;
}

/**
 * Runs `duohub args` on a pty; each time the screen shows `replies[i][0]`, types `replies[i][1]` and
 * Enter. `pipeOut` appends `| cat`, so stdout is a pipe while stdin stays the terminal.
 */
export function onTerminal(args: string[], env: Record<string, string>, replies: Array<[RegExp, string]> = [], pipeOut = false): Promise<TerminalRun> {
  const command = `${[process.execPath, duohubBin, ...args].map(quote).join(' ')}${pipeOut ? ' | cat' : ''}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { PATH: process.env.PATH!, TERM: 'dumb', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let next = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out; the terminal showed:\n${screen}`));
    }, 40_000);
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString('utf8');
      while (next < replies.length && replies[next]![0].test(screen)) {
        child.stdin.write(`${replies[next]![1]}\r`);
        next++;
      }
    });
    child.stderr.on('data', (d: Buffer) => (screen += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      // readline draws with a few escape sequences (cursor moves); the words are what matter.
      // eslint-disable-next-line no-control-regex
      resolve({ code, screen: screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '') });
    });
  });
}
