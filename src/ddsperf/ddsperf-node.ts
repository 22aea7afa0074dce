import type { Session } from '../runtime/session-api.js';
import { Pinger } from './pinger.js';
import { PongResponder } from './pong-responder.js';
import { DataPublisher, type PublishOptions } from './publisher.js';
import { DataSubscriber } from './subscriber.js';

/**
 * The full set of endpoints a ddsperf process has whatever its mode (ping reader and writer, pong reader in
 * our own partition and a pong writer per peer, a Data writer, and a Data reader in sub mode): ddsperf checks
 * that every endpoint of every ddsperf participant matched and exits with an error otherwise. Only the parts
 * of the chosen mode are active; the rest just exist to be matched.
 */
export class DdsperfNode {
  readonly responder: PongResponder;
  readonly pinger: Pinger;
  readonly publisher: DataPublisher;
  readonly subscriber: DataSubscriber | undefined;

  constructor(session: Session, options: { readonly reliable: boolean; readonly subscribe: boolean; readonly publish?: PublishOptions }) {
    this.responder = new PongResponder(session, options.reliable);
    this.pinger = new Pinger(session, options.reliable);
    this.publisher = new DataPublisher(session, options.publish ?? { size: 0, rate: Infinity, reliable: options.reliable });
    this.subscriber = options.subscribe ? new DataSubscriber(session, options.reliable) : undefined;
  }
}
