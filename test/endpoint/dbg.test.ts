import { it } from 'vitest';
import { discovery, guidPrefixToString, guidToString } from '../../rtps/index.js';
import { Router, S } from '../participant/router.js';
const RELIABLE = { reliability: { kind: discovery.ReliabilityKind.RELIABLE, maxBlockingTime: { seconds: 0, fraction: 0 } } };
it('dbg', () => {
  const r = new Router({ loss: 0.1897545398678631, seed: 991 });
  const NAMES = ['a','b','c'];
  const nodes = NAMES.map((n, i) => r.add(n, `10.0.0.${i + 1}`, { useMulticast: true, initialPeers: [], maxAutoParticipantIndex: 0 }));
  const eps = nodes.map((n) => { const w = n.participant.createWriter(r.now, { topicName: 'T', typeName: 'U', qos: RELIABLE }); const rd = n.participant.createReader(r.now, { topicName: 'T', typeName: 'U', qos: RELIABLE }); r.pump(n); return { w, rd }; });
  r.runUntil(20 * S); r.heal(); r.loss = 0; r.runUntil(45 * S);
  for (const [i, n] of nodes.entries()) {
    const p: any = n.participant;
    console.log(n.name, guidPrefixToString(p.guidPrefix), 'w matched', eps[i]!.w.matchedReaders().length, 'r matched', eps[i]!.rd.matchedWriters().length, 'discWriters', p.discoveredWriters().length, 'discReaders', p.discoveredReaders().length);
    for (const rec of p.registry.localReaders.values()) if (rec.builtin) {
      const ep = rec.endpoint; 
      console.log('  reader', rec.guid.entityId.toString(16), 'writers', ep.matchedWriters().map((g: any) => guidToString(g)), [...ep.writers.values()].map((e: any) => [e.proxy.availableChangesMax(), e.proxy.lastAvailableSequenceNumber(), e.proxy.bufferedCount, e.ackAt]), ep.stats, ep.history.size);
    }
    for (const rec of p.registry.localWriters.values()) if (rec.builtin) {
      const ep = rec.endpoint;
      console.log('  writer', rec.guid.entityId.toString(16), 'last', ep.history.lastChangeSequenceNumber, [...ep.readers.values()].map((e: any) => [guidToString(e.proxy.remoteReaderGuid), e.proxy.highestAcknowledged, e.proxy.highestSent]), ep.nextDeadline());
    }
  }
});
