import { pino, type DestinationStream, type Logger } from 'pino';
import type { SecretScrubber } from './secret-scrubber.js';

/** Field paths that hold secrets wherever they appear in a log object. */
export const REDACT_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  '*.authorization',
  'secret_key',
  '*.secret_key',
  '*.*.secret_key',
  'client_secret',
  '*.client_secret',
  '*.*.client_secret',
  'skey',
  '*.skey',
  'token',
  '*.token',
  'duo_admin_api_directory_key',
  '*.duo_admin_api_directory_key',
  'masterKey',
  '*.masterKey',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'aes_key',
  '*.aes_key',
  'private_id',
  '*.private_id',
];

/** JSON-lines logger: secrets removed by path, then every line passed through the scrubber. */
export function createLogger(options: {
  level?: string;
  scrubber: SecretScrubber;
  destination?: DestinationStream;
  name?: string;
}): Logger {
  return pino(
    {
      name: options.name ?? 'duohub',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      hooks: { streamWrite: (line) => options.scrubber.scrub(line) },
      // Error objects are serialized without their stack into responses elsewhere; in logs the stack helps.
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** The pino logger type, re-exported so callers need not import pino. */
export type { Logger };
