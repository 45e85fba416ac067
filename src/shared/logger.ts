import pino, { type Logger } from 'pino';
import { AppError } from './errors.ts';

export type { Logger };

/**
 * Builds the process's one root logger. JSON lines by default; human-readable when stdout is a
 * terminal (pino-pretty, one line per entry). Everything else takes a child of this logger through
 * its deps.
 *
 * Below debug, an AppError is logged without its stack: it is an expected, typed failure (a feed's
 * 404, a timeout) whose message already says what and where, so a failed source is one line, in
 * JSON and on a terminal (where pino-pretty would otherwise spread `err` over several lines).
 * Other errors (bugs) keep their stacks; LOG_LEVEL=debug shows every stack, spread out.
 */
export function createLogger(options: { level: string; pretty?: boolean; destination?: NodeJS.WritableStream }): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  const isVerbose = options.level === 'debug' || options.level === 'trace';
  const serializers = { err: isVerbose ? pino.stdSerializers.err : serializeErrorBriefly };
  if (pretty && !options.destination) {
    return pino({
      level: options.level,
      serializers,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, destination: 2, singleLine: true, sync: true, ...(isVerbose ? {} : { errorLikeObjectKeys: [] }) },
      },
    });
  }
  return pino({ level: options.level, serializers }, options.destination ?? pino.destination(2));
}

/** A logger that drops everything (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

function serializeErrorBriefly(error: Error): ReturnType<typeof pino.stdSerializers.err> {
  const serialized = pino.stdSerializers.err(error);
  if (error instanceof AppError) delete (serialized as { stack?: string }).stack;
  return serialized;
}
