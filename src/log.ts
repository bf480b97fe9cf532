/**
 * Operational log lines as JSON on stdout. By construction they carry no user text, no IP address
 * and no conversation id: events are fixed names, fields are numbers, booleans and short codes, and
 * errors are logged by name and stack frames only (an error message may quote input).
 */
type Field = string | number | boolean;

let quiet = false;
/** Tests silence the log; the privacy tests turn it back on and read it. */
export function setQuiet(value: boolean): void {
  quiet = value;
}

function write(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, Field> = {}): void {
  if (quiet) return;
  process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), level, event, ...fields })}\n`);
}

export const log = {
  info: (event: string, fields?: Record<string, Field>) => write('info', event, fields),
  warn: (event: string, fields?: Record<string, Field>) => write('warn', event, fields),
  error: (event: string, error?: unknown, fields?: Record<string, Field>) => {
    const e = error instanceof Error ? error : undefined;
    const frames = e?.stack
      ?.split('\n')
      .filter((l) => l.startsWith('    at '))
      .slice(0, 8)
      .map((l) => l.trim())
      .join(' | ');
    write('error', event, { ...fields, ...(e ? { error: e.name, ...((e as NodeJS.ErrnoException).code ? { code: String((e as NodeJS.ErrnoException).code) } : {}), ...(frames ? { frames } : {}) } : {}) });
  },
};
