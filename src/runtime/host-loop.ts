import type { Locator, Nanos } from '../../rtps/index.js';
import type { ParticipantDriver, Transmit } from '../../rtps/participant/api.js';

export interface HostLoopOptions<Event> {
  readonly driver: ParticipantDriver<Event>;
  readonly now: () => Nanos;
  readonly send: (t: Transmit) => void;
  readonly onEvent: (e: Event) => void;
}

/**
 * Drives a sans-I/O ParticipantDriver from real I/O (the quinn-proto host pattern): each input (datagram,
 * timer expiry, or an application call followed by pump()) is followed by draining pollTransmit() into the
 * sockets and pollEvent() into the application, then the single timer is re-armed at pollTimeout().
 * Event handlers may call back into the participant (a pong answering a ping): pump() is re-entrant-safe.
 */
export class HostLoop<Event> {
  private timer: NodeJS.Timeout | undefined;
  private armedAt: Nanos | undefined;
  private pumping = false;
  private again = false;
  private stopped = false;

  constructor(private readonly o: HostLoopOptions<Event>) {}

  /** A datagram arrived on the metatraffic or user socket. */
  datagram(bytes: Uint8Array, source: Locator | undefined, via: 'metatraffic' | 'user'): void {
    if (this.stopped) return;
    this.o.driver.handleDatagram(this.o.now(), bytes, source, via);
    this.pump();
  }

  /** Drains transmits and events and re-arms the timer; call after anything that changed the participant. */
  pump(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        for (let t = this.o.driver.pollTransmit(); t !== undefined; t = this.o.driver.pollTransmit()) this.o.send(t);
        for (let e = this.o.driver.pollEvent(); e !== undefined && !this.stopped; e = this.o.driver.pollEvent()) this.o.onEvent(e);
      } while (this.again);
    } finally {
      this.pumping = false;
    }
    this.rearm();
  }

  /** Stops the timer; later inputs are ignored. A last pump() before this sends what close() queued. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private rearm(): void {
    if (this.stopped) return;
    const deadline = this.o.driver.pollTimeout();
    if (deadline === this.armedAt && this.timer !== undefined) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.armedAt = deadline;
    if (deadline === undefined) {
      this.timer = undefined;
      return;
    }
    const delayMs = Math.max(0, Math.ceil((deadline - this.o.now()) / 1e6));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.armedAt = undefined;
      if (this.stopped) return;
      this.o.driver.handleTimeout(this.o.now());
      this.pump();
    }, delayMs);
  }
}
