import type { Caller } from '../access/caller';
import {
  canonicalEntry,
  chainAfter,
  ChainVerifier,
  emptyChainHead,
  genesisHash,
  hashEntry,
  verifyChain,
} from './audit-chain';
import { auditFactsOf, type AuditEntry, type AuditFacts } from './audit-entry';

const caller: Caller = {
  subject: 'f3b1c0de-0000-4000-8000-000000000001',
  username: 'a.auditor',
  organisation: { id: 'hub' } as Caller['organisation'],
  roles: ['auditor'],
  clientId: 'hub-console',
};

function facts(n: number): AuditFacts[] {
  return Array.from({ length: n }, (_, i) =>
    auditFactsOf({
      caller,
      action: 'record.read',
      nominalIds: [`NOM-${i}`],
      outcome: 'allowed',
      request: { correlationId: `corr-${i}`, requestId: `req-${i}` },
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    }),
  );
}

/** The entry with its hash made again from its (changed) content, as a forger would. */
function rehashed(entry: AuditEntry): AuditEntry {
  const unhashed: Omit<AuditEntry, 'hash'> & { hash?: string } = { ...entry };
  delete unhashed.hash;
  return { ...unhashed, hash: hashEntry(unhashed) };
}

describe('the audit chain', () => {
  it('hashes exactly the documented canonical form', () => {
    const [entry] = chainAfter(emptyChainHead, facts(1)) as [AuditEntry];
    const { hash, ...unhashed } = entry;
    expect(canonicalEntry(unhashed)).toBe(
      '{"action":"record.read","at":"2026-01-01T00:00:00.000Z","breakGlass":false,"clientId":"hub-console",' +
        '"correlationId":"corr-0","nominalIds":["NOM-0"],"organisationId":"hub","outcome":"allowed",' +
        `"previousHash":"${genesisHash}","query":null,"reason":null,"refusal":null,` +
        '"requestId":"req-0","roles":["auditor"],"sequence":1,"subject":"f3b1c0de-0000-4000-8000-000000000001",' +
        '"username":"a.auditor"}',
    );
    // Pinned, so that a change of the canonical form cannot pass unnoticed: every stored chain
    // would stop verifying.
    expect(hash).toBe('aeac8db117897a8f7d3c0087fbef3c885e49ca3d884519ca41767a3619669287');
  });

  it('numbers entries from 1 and links each to the hash of the one before', () => {
    const entries = chainAfter(emptyChainHead, facts(3));
    expect(entries.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(entries[0]?.previousHash).toBe(genesisHash);
    expect(entries[1]?.previousHash).toBe(entries[0]?.hash);
    expect(entries[2]?.previousHash).toBe(entries[1]?.hash);
    expect(verifyChain(entries)).toEqual({
      intact: true,
      entries: 3,
      head: { sequence: 3, hash: entries[2]?.hash },
    });
  });

  it('continues a chain from its head, as a later batch does', () => {
    const first = chainAfter(emptyChainHead, facts(2));
    const head = { sequence: 2, hash: first[1].hash };
    const next = chainAfter(head, facts(2));
    expect(verifyChain([...first, ...next]).intact).toBe(true);
    expect(verifyChain(next, head).intact).toBe(true);
  });

  it('records a refusal with its reason and an unauthenticated caller as nulls', () => {
    const refused = auditFactsOf({
      caller: null,
      action: 'record.read',
      nominalIds: ['NOM-1'],
      outcome: 'refused',
      refusal: 'no valid access token',
    });
    expect(refused).toMatchObject({
      subject: null,
      username: null,
      organisationId: null,
      roles: [],
      outcome: 'refused',
      refusal: 'no valid access token',
    });
  });

  describe('names the first broken link', () => {
    const chain = (): AuditEntry[] => chainAfter(emptyChainHead, facts(5));

    it('an altered entry: its content no longer gives its hash', () => {
      const entries = chain();
      entries[2] = { ...entries[2], username: 'someone.else' };
      expect(verifyChain(entries)).toMatchObject({
        intact: false,
        entries: 2,
        break: { kind: 'altered-content', sequence: 3 },
      });
    });

    it('an altered entry whose hash was made again: the next entry no longer links to it', () => {
      const entries = chain();
      entries[1] = rehashed({ ...entries[1], nominalIds: ['NOM-OTHER'] });
      expect(verifyChain(entries)).toMatchObject({
        intact: false,
        break: { kind: 'broken-link', sequence: 3 },
      });
    });

    it('an entry linked to something else than the entry before it', () => {
      const entries = chain();
      entries[3] = rehashed({ ...entries[3], previousHash: 'f'.repeat(64) });
      const verdict = verifyChain(entries);
      expect(verdict).toMatchObject({ intact: false, break: { kind: 'broken-link', sequence: 4 } });
      expect(!verdict.intact && verdict.break.message).toContain('sequence 4 links to ffff');
    });

    it('a missing entry, naming the first sequence missing', () => {
      const entries = chain();
      entries.splice(1, 2);
      const verdict = verifyChain(entries);
      expect(verdict).toMatchObject({
        intact: false,
        break: { kind: 'missing-sequence', sequence: 2 },
      });
      expect(!verdict.intact && verdict.break.message).toContain('sequence 2..3 is missing');
    });

    it('a missing first entry', () => {
      expect(verifyChain(chain().slice(1))).toMatchObject({
        intact: false,
        entries: 0,
        break: { kind: 'missing-sequence', sequence: 1 },
      });
    });

    it('two entries swapped', () => {
      const entries = chain();
      [entries[1], entries[2]] = [entries[2], entries[1]];
      // The third entry comes second: a gap as far as order goes, so the sequence says first.
      expect(verifyChain(entries)).toMatchObject({
        intact: false,
        break: { kind: 'missing-sequence', sequence: 2 },
      });
      const verifier = new ChainVerifier();
      verifier.accept(entries[0]);
      expect(verifier.accept(entries[1], 2)).toMatchObject({ kind: 'reordered', sequence: 2 });
    });

    it('an entry repeated', () => {
      const entries = chain();
      entries.splice(2, 0, entries[1]);
      expect(verifyChain(entries)).toMatchObject({
        intact: false,
        entries: 2,
        break: { kind: 'reordered', sequence: 2 },
      });
    });

    it('an entry stored at the place of another', () => {
      const entries = chain();
      const verifier = new ChainVerifier();
      expect(verifier.accept(entries[0])).toBeUndefined();
      expect(verifier.accept(entries[2], 2)).toMatchObject({ kind: 'reordered', sequence: 2 });
    });

    it('only the first break of several', () => {
      const entries = chain();
      entries[1] = { ...entries[1], action: 'timeline.read' };
      entries[3] = { ...entries[3], reason: 'covering tracks' };
      expect(verifyChain(entries)).toMatchObject({
        intact: false,
        break: { kind: 'altered-content', sequence: 2 },
      });
    });

    it('a changed time, even by one millisecond', () => {
      const entries = chain();
      entries[4] = { ...entries[4], at: new Date(entries[4].at.getTime() + 1) };
      expect(verifyChain(entries)).toMatchObject({
        intact: false,
        break: { kind: 'altered-content', sequence: 5 },
      });
    });
  });
});
