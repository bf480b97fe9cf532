/**
 * Shift pressed three times, each within 5 seconds of the last, leaves the page — as GOV.UK's
 * "Exit this page". Counted on keyup; a Shift that was used as a modifier (Shift+A fires a keyup for
 * A with shiftKey, then one for Shift) does not count, and any other key ends a running sequence.
 */
export interface ShiftWatcherOptions {
  /** A counted press: 1 or 2 of 3 so far. */
  onPress(count: 1 | 2): void;
  /** The sequence ran out (5 s without a press) or was broken by another key. */
  onExpire(): void;
  /** Five seconds after an expiry: the announcement can go. */
  onClear(): void;
  onExit(): void;
  timeoutMs?: number;
  timers?: { set(fn: () => void, ms: number): number; clear(id: number): void };
}

export interface ShiftWatcher {
  keyup(event: { key: string; shiftKey: boolean }): void;
  /** Back to nothing pressed, no timers (a page restored from the back/forward cache). */
  reset(): void;
  readonly count: number;
}

export function shiftWatcher(o: ShiftWatcherOptions): ShiftWatcher {
  const ms = o.timeoutMs ?? 5000;
  const timers = o.timers ?? { set: (fn, t) => window.setTimeout(fn, t), clear: (id) => window.clearTimeout(id) };
  let count = 0;
  let lastKeyWasModified = false;
  let sequence: number | undefined;
  let message: number | undefined;

  const stop = (id: number | undefined) => {
    if (id !== undefined) timers.clear(id);
    return undefined;
  };
  const expire = () => {
    sequence = stop(sequence);
    count = 0;
    o.onExpire();
    message = stop(message);
    message = timers.set(() => {
      message = undefined;
      o.onClear();
    }, ms);
  };

  return {
    keyup(event) {
      if (event.key === 'Shift' && !lastKeyWasModified) {
        count += 1;
        message = stop(message);
        sequence = stop(sequence);
        if (count >= 3) {
          count = 0;
          o.onExit();
        } else {
          o.onPress(count as 1 | 2);
          sequence = timers.set(expire, ms);
        }
      } else if (sequence !== undefined) {
        expire();
      }
      lastKeyWasModified = event.shiftKey;
    },
    reset() {
      sequence = stop(sequence);
      message = stop(message);
      count = 0;
      lastKeyWasModified = false;
    },
    get count() {
      return count;
    },
  };
}
