import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Builds the process's one root logger. JSON lines by default; human-readable when stdout is a
 * terminal (pino-pretty). Everything else takes a child of this logger through its deps.
 */
export function createLogger(options: { level: string; pretty?: boolean; destination?: NodeJS.WritableStream }): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  if (pretty && !options.destination) {
    return pino({ level: options.level, transport: { target: 'pino-pretty', options: { colorize: true, destination: 2 } } });
  }
  return pino({ level: options.level }, options.destination ?? pino.destination(2));
}

/** A logger that drops everything (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
