import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { udpv4Locator } from '../../rtps/index.js';
import type { ParticipantDriver, Transmit } from '../../rtps/participant/api.js';
import { HostLoop } from '../../src/runtime/host-loop.js';

/** A driver that records its inputs and asks for a timer 5 ms after each one. */
class FakeDriver implements ParticipantDriver<string> {
  readonly inputs: string[] = [];
  transmits: Transmit[] = [];
  events: string[] = [];
  deadline: number | undefined;

  handleDatagram(now: number, bytes: Uint8Array): void {
    this.inputs.push(`datagram ${bytes.length} at ${now}`);
    this.transmits.push({ destination: udpv4Locator('127.0.0.1', 7410), source: 'user', bytes });
    this.events.push('got data');
    this.deadline = now + 5e6;
  }
  handleTimeout(now: number): void {
    this.inputs.push(`timeout at ${now}`);
    this.deadline = undefined;
  }
  pollTransmit(): Transmit | undefined {
    return this.transmits.shift();
  }
  pollTimeout(): number | undefined {
    return this.deadline;
  }
  pollEvent(): string | undefined {
    return this.events.shift();
  }
}

describe('HostLoop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('drains transmits and events after each input and fires the one timer at pollTimeout()', () => {
    const driver = new FakeDriver();
    const sent: Transmit[] = [];
    const events: string[] = [];
    // Relative to an origin, as src/runtime/clock.ts does: Date.now() * 1e6 exceeds 2^53 and would lose nanoseconds.
    const origin = Date.now();
    const now = (): number => (Date.now() - origin) * 1e6;
    const loop = new HostLoop({ driver, now, send: (t) => sent.push(t), onEvent: (e) => events.push(e) });
    const t0 = now();
    loop.datagram(new Uint8Array(3), undefined, 'user');
    expect(sent).toHaveLength(1);
    expect(events).toEqual(['got data']);
    vi.advanceTimersByTime(4);
    expect(driver.inputs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(driver.inputs).toEqual([`datagram 3 at ${t0}`, `timeout at ${t0 + 5e6}`]);
    loop.stop();
  });

  it('lets event handlers call back into the participant without re-entering the drain', () => {
    const driver = new FakeDriver();
    const sent: Transmit[] = [];
    let loop: HostLoop<string> | undefined;
    let answered = false;
    loop = new HostLoop({
      driver,
      now: () => 0,
      send: (t) => sent.push(t),
      onEvent: () => {
        if (answered) return;
        answered = true;
        // An application reacting to data by writing (a pong): queue a transmit and pump from inside the handler.
        driver.transmits.push({ destination: udpv4Locator('127.0.0.1', 1), source: 'user', bytes: new Uint8Array(1) });
        loop!.pump();
      },
    });
    loop.datagram(new Uint8Array(2), undefined, 'user');
    expect(sent.map((t) => t.bytes.length)).toEqual([2, 1]);
    loop.stop();
  });

  it('ignores input and timers once stopped', () => {
    const driver = new FakeDriver();
    const loop = new HostLoop({ driver, now: () => 0, send: () => undefined, onEvent: () => undefined });
    loop.datagram(new Uint8Array(1), undefined, 'metatraffic');
    loop.stop();
    vi.advanceTimersByTime(100);
    loop.datagram(new Uint8Array(1), undefined, 'metatraffic');
    expect(driver.inputs).toHaveLength(1);
  });
});
