import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';

/** The application logger type; pass it to every part that logs. */
export type AppLogger = Logger;

/**
 * Paths that must never reach a log line. Message text, names and phone numbers are personal data;
 * tokens and secrets are credentials. Parts should not log them in the first place; this is the net.
 */
export const REDACTED_PATHS = [
  'text',
  '*.text',
  'message',
  '*.message.text',
  'from.name',
  '*.from.name',
  'phone',
  '*.phone',
  'wa_id',
  '*.wa_id',
  'from',
  'to',
  'recipient_id',
  '*.recipient_id',
  'token',
  '*.token',
  'authorization',
  'req.headers.authorization',
  'req.headers["x-hub-signature-256"]',
  'headers.authorization',
  'body',
  '*.body',
  'payload',
  '*.payload',
];

/**
 * Creates the JSON logger. `destination` lets tests capture lines.
 */
export function createLogger(
  options: { level: string; name?: string },
  destination?: DestinationStream,
): AppLogger {
  const opts: LoggerOptions = {
    level: options.level,
    name: options.name ?? 'trait-d-union',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(opts, destination) : pino(opts);
}
