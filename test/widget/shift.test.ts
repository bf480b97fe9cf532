/** The Shift×3 counter on its own, with a controlled clock. */
import { describe, expect, it } from 'vitest';
import { shiftWatcher } from '../../src/widget/client/shift.js';

function harness() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const log: string[] = [];
  const w = shiftWatcher({
    onPress: (n) => log.push(`press ${n}`),
    onExpire: () => log.push('expired'),
    onClear: () => log.push('cleared'),
    onExit: () => log.push('EXIT'),
    timers: {
      set: (fn, ms) => {
        pending.set(next, { at: now + ms, fn });
        return next++;
      },
      clear: (id) => void pending.delete(id),
    },
  });
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at))
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
  };
  const shift = () => w.keyup({ key: 'Shift', shiftKey: false });
  const key = (k: string, shiftKey = false) => w.keyup({ key: k, shiftKey });
  return { w, log, advance, shift, key, pending };
}

describe('Shift pressed three times', () => {
  it('exits on the third press, announcing the first two', () => {
    const h = harness();
    h.shift();
    h.shift();
    h.shift();
    expect(h.log).toEqual(['press 1', 'press 2', 'EXIT']);
    expect(h.pending.size).toBe(0);
  });

  it('allows 5 seconds between presses, restarting the timer on each', () => {
    const h = harness();
    h.shift();
    h.advance(4900);
    h.shift();
    h.advance(4900);
    h.shift();
    expect(h.log).toEqual(['press 1', 'press 2', 'EXIT']);
  });

  it('expires after 5 seconds without a press, says so, and clears the message 5 seconds later', () => {
    const h = harness();
    h.shift();
    h.shift();
    h.advance(5000);
    expect(h.log).toEqual(['press 1', 'press 2', 'expired']);
    h.shift();
    expect(h.log.at(-1)).toBe('press 1');
    h.advance(5000);
    h.advance(5000);
    expect(h.log.slice(-2)).toEqual(['expired', 'cleared']);
  });

  it('does not count Shift used as a modifier (Shift+letter while typing)', () => {
    const h = harness();
    for (const letter of ['H', 'E', 'J']) {
      h.key(letter, true); // keyup of the letter, Shift still held
      h.shift(); // then keyup of Shift itself
    }
    expect(h.log).toEqual([]);
  });

  it('another key breaks a running sequence', () => {
    const h = harness();
    h.shift();
    h.shift();
    h.key('a');
    h.shift();
    expect(h.log).toEqual(['press 1', 'press 2', 'expired', 'press 1']);
  });

  it('reset forgets presses and timers (a page restored from the back/forward cache)', () => {
    const h = harness();
    h.shift();
    h.shift();
    h.w.reset();
    expect(h.pending.size).toBe(0);
    h.shift();
    expect(h.log).toEqual(['press 1', 'press 2', 'press 1']);
  });
});
