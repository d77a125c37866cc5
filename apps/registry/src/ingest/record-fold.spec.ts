import { Binary } from 'mongodb';
import type { EventMetadata } from '@hub/contracts';
import { nextTransferStep, syntheticTransferStep } from '@hub/testing';
import type { ConsumedEvent } from '@hub/messaging';
import type { NominalDocument } from '../nominals/nominal.documents';
import { arrivalOrder, type ParkedEventDocument } from '../parking/parked-events';
import { InapplicableEventError, type RecordFact } from '../projections/projection';
import { projections } from '../projections/projections';
import { RecordFold, RecordsNeeded, type FoldInput, type FoldItem } from './record-fold';

let sequence = 0;

function metadata(): EventMetadata {
  sequence++;
  return {
    eventId: `evt-${sequence}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, sequence)),
    producingAgency: 'POLICE',
    producingSystem: 'synthetic',
    producingOrganisation: null,
    actingUser: null,
    correlationId: `corr-${sequence}`,
    causationId: null,
    classification: 'OFFICIAL_SENSITIVE',
  };
}

function item(topic: keyof typeof projections, fact: RecordFact): FoldItem {
  const event: ConsumedEvent = {
    topic: topic,
    partition: 0,
    offset: String(sequence),
    key: fact.nominalId,
    headers: {},
    schemaId: 1,
    value: fact,
    bytes: Buffer.from('synthetic'),
    attempt: 1,
  };
  return { event, fact, projection: projections[topic] };
}

const registration = (nominalId: string, familyName = 'Testperson'): FoldItem =>
  item('mappa.nominal.registered.v1', {
    metadata: metadata(),
    nominalId,
    name: { givenNames: ['Alex'], familyName },
    aliases: [],
    dateOfBirth: '1980-02-03',
    gender: 'NOT_KNOWN',
    identifiers: [],
    leadAgency: 'POLICE',
    managingArea: 'Greater Manchester',
    jurisdiction: 'ENGLAND_AND_WALES',
  } as RecordFact);

const intelligence = (nominalId: string, text: string): FoldItem =>
  item('police.intelligence.shared.v1', {
    metadata: metadata(),
    nominalId,
    text,
    sourceEvaluation: 'RELIABLE',
    intelligenceAssessment: 'KNOWN_INDIRECTLY_CORROBORATED',
    handlingCode: 'P',
    handlingConditions: null,
    disseminationLimits: [],
  } as RecordFact);

const now = new Date('2026-12-01T10:00:00Z');

function parkedOf(foldItem: FoldItem, at: Date): ParkedEventDocument {
  const { event, fact } = foldItem;
  return {
    _id: fact.metadata.eventId,
    nominalId: fact.nominalId,
    topic: event.topic,
    partition: event.partition,
    offset: event.offset,
    key: event.key,
    headers: [],
    schemaId: event.schemaId,
    value: event.value,
    bytes: new Binary(event.bytes),
    parkedAt: at,
    expiresAt: new Date(at.getTime() + 60_000),
  };
}

/** The fold's input, as if the database held `records` and `waiting`; `loaded` defaults to all asked. */
function inputOf(
  records: NominalDocument[] = [],
  waiting: ParkedEventDocument[] = [],
  loaded?: string[],
): FoldInput {
  const byNominal = new Map<string, ParkedEventDocument[]>();
  for (const parked of [...waiting].sort(arrivalOrder)) {
    byNominal.set(parked.nominalId, [...(byNominal.get(parked.nominalId) ?? []), parked]);
  }
  return {
    loaded: new Set(
      loaded ?? [...records.map((r) => r._id), ...byNominal.keys(), 'NOM-A', 'NOM-B', 'NOM-C'],
    ),
    records: new Map(records.map((record) => [record._id, record])),
    removed: new Set(),
    waiting: byNominal,
    now,
    writeId: `write-${sequence}`,
    parkedDocumentOf: parkedOf,
    itemOfParked: (parked) =>
      item(parked.topic as keyof typeof projections, parked.value as RecordFact),
  };
}

/** A record as the fold writes it, to be read back as "the database" of a later batch. */
function recordAfter(items: FoldItem[], records: NominalDocument[] = []): NominalDocument[] {
  const result = new RecordFold(inputOf(records)).run(items);
  const written = new Map(records.map((record) => [record._id, record]));
  for (const { record } of result.writes) written.set(record._id, record);
  return [...written.values()];
}

describe('folding a batch of events into the records', () => {
  it('applies an event that came before its registration in the same batch right after it', () => {
    const intel = intelligence('NOM-A', 'seen near a school (synthetic)');
    const result = new RecordFold(inputOf()).run([intel, registration('NOM-A')]);

    expect(result.failures).toEqual([]);
    expect(result.park).toEqual([]);
    const [write] = result.writes;
    expect(write?.expectedVersion).toBeNull();
    expect(write?.record.version).toBe(2);
    expect(write?.record.intelligence.map((i) => i.text)).toEqual([
      'seen near a school (synthetic)',
    ]);
    expect(result.history.map((entry) => entry.nominalVersion).sort()).toEqual([1, 2]);
  });

  it('parks an event whose nominal is not registered, and writes nothing else', () => {
    const intel = intelligence('NOM-B', 'parked (synthetic)');
    const result = new RecordFold(inputOf()).run([intel]);

    expect(result.writes).toEqual([]);
    expect(result.history).toEqual([]);
    expect(result.park.map((parked) => parked._id)).toEqual([intel.fact.metadata.eventId]);
  });

  it('releases events that waited in the database after the registration, in arrival order', () => {
    const first = intelligence('NOM-A', 'first (synthetic)');
    const second = intelligence('NOM-A', 'second (synthetic)');
    const waiting = [parkedOf(second, new Date(2_000)), parkedOf(first, new Date(1_000))];
    const result = new RecordFold(inputOf([], waiting)).run([registration('NOM-A')]);

    expect(result.writes[0]?.record.intelligence.map((i) => i.text)).toEqual([
      'first (synthetic)',
      'second (synthetic)',
    ]);
    expect(result.release.sort()).toEqual(
      [first.fact.metadata.eventId, second.fact.metadata.eventId].sort(),
    );
  });

  it('lets a later event wait behind events still parked for an existing record', () => {
    const records = recordAfter([registration('NOM-A')]);
    const older = intelligence('NOM-A', 'older (synthetic)');
    const newer = intelligence('NOM-A', 'newer (synthetic)');
    const result = new RecordFold(inputOf(records, [parkedOf(older, new Date(1))])).run([newer]);

    expect(result.writes[0]?.record.intelligence.map((i) => i.text)).toEqual([
      'older (synthetic)',
      'newer (synthetic)',
    ]);
    expect(result.release).toEqual([older.fact.metadata.eventId]);
  });

  it('applies a redelivered event once, writing only its history entry again', () => {
    const register = registration('NOM-A');
    const intel = intelligence('NOM-A', 'once (synthetic)');
    const records = recordAfter([register, intel]);
    const result = new RecordFold(inputOf(records)).run([intel]);

    expect(result.writes).toEqual([]);
    expect(result.history.map((entry) => [entry._id, entry.nominalVersion])).toEqual([
      [intel.fact.metadata.eventId, 2],
    ]);
  });

  it('refuses an event that cannot apply without undoing the others of the batch', () => {
    const before = intelligence('NOM-A', 'before (synthetic)');
    const secondRegistration = registration('NOM-A', 'Otherperson');
    const after = intelligence('NOM-A', 'after (synthetic)');
    const records = recordAfter([registration('NOM-A')]);
    const result = new RecordFold(inputOf(records)).run([before, secondRegistration, after]);

    expect(result.failures.map((f) => [f.event, f.error.constructor])).toEqual([
      [secondRegistration.event, InapplicableEventError],
    ]);
    const [write] = result.writes;
    expect(write?.record.name.familyName).toBe('Testperson');
    expect(write?.record.version).toBe(3);
    expect(write?.expectedVersion).toBe(1);
  });

  it('applies an event for a merged record to the survivor, asking for it if it was not read', () => {
    const merged = recordAfter([registration('NOM-A'), registration('NOM-B')]).map((record) =>
      record._id === 'NOM-A'
        ? { ...record, status: 'MERGED' as const, mergedInto: 'NOM-B' }
        : record,
    );
    const intel = intelligence('NOM-A', 'for the survivor (synthetic)');

    expect(() => new RecordFold(inputOf(merged, [], ['NOM-A'])).run([intel])).toThrow(
      RecordsNeeded,
    );
    const result = new RecordFold(inputOf(merged, [], ['NOM-A', 'NOM-B'])).run([intel]);
    // The survivor takes it; the merged record keeps its own copy, still merged, for an unmerge.
    expect(result.writes.map((w) => w.record._id).sort()).toEqual(['NOM-A', 'NOM-B']);
    const retired = result.writes.find((w) => w.record._id === 'NOM-A')?.record;
    expect(retired).toMatchObject({ status: 'MERGED', mergedInto: 'NOM-B' });
    expect(retired?.intelligence.map((i) => i.text)).toEqual(['for the survivor (synthetic)']);
    expect(result.history).toHaveLength(1);
    // The history keeps it under the record it is about, noting the survivor that took it.
    expect(result.history[0]).toMatchObject({ nominalId: 'NOM-A', appliedTo: 'NOM-B' });
    expect(result.writes.find((w) => w.record._id === 'NOM-B')?.record.merges).toEqual([]);
  });

  it('applies a merge decision to both records and records the decision', () => {
    const records = recordAfter([registration('NOM-A'), registration('NOM-B', 'Testpersen')]);
    const decision = item('registry.nominal.duplicate-resolved.v1', {
      metadata: metadata(),
      nominalId: 'NOM-A',
      otherNominalId: 'NOM-B',
      decision: 'MERGED',
      reason: 'same person (synthetic)',
    } as RecordFact);
    const result = new RecordFold(inputOf(records)).run([decision]);

    const written = new Map(result.writes.map((w) => [w.record._id, w.record]));
    expect(written.get('NOM-A')?.status).toBe('MERGED');
    expect(written.get('NOM-B')?.mergedFrom).toEqual(['NOM-A']);
    expect(result.history.map((entry) => entry._id).sort()).toEqual(
      [decision.fact.metadata.eventId, `${decision.fact.metadata.eventId}@NOM-B`].sort(),
    );
    expect(result.decisions).toHaveLength(1);
  });

  it('matches a record again under its corrected date of birth, keeping the former as an alias', () => {
    const records = recordAfter([registration('NOM-A')]);
    const corrected = item('mappa.personal-details.changed.v1', {
      metadata: metadata(),
      nominalId: 'NOM-A',
      name: null,
      aliasesAdded: [],
      aliasesRemoved: [],
      dateOfBirth: '1980-03-02',
      aliasDatesOfBirthAdded: ['1979-02-03'],
      aliasDatesOfBirthRemoved: [],
      gender: null,
    } as RecordFact);
    const result = new RecordFold(inputOf(records)).run([corrected]);

    expect(result.matchAgain.map((record) => record._id)).toEqual(['NOM-A']);
    expect(result.matchAgain[0]).toMatchObject({
      dateOfBirth: '1980-03-02',
      aliasDatesOfBirth: ['1980-02-03', '1979-02-03'],
    });
  });

  it('matches a merge survivor again, with the retired date of birth as an alias date of birth', () => {
    const records = recordAfter([registration('NOM-A'), registration('NOM-B', 'Testpersen')]).map(
      (record) => (record._id === 'NOM-A' ? { ...record, dateOfBirth: '1980-03-02' } : record),
    );
    const decision = item('registry.nominal.duplicate-resolved.v1', {
      metadata: metadata(),
      nominalId: 'NOM-A',
      otherNominalId: 'NOM-B',
      decision: 'MERGED',
      reason: 'same person (synthetic)',
    } as RecordFact);
    const result = new RecordFold(inputOf(records)).run([decision]);

    const survivor = result.matchAgain.find((record) => record._id === 'NOM-B');
    expect(survivor?.aliasDatesOfBirth).toEqual(['1980-03-02']);
    expect(survivor?.aliases).toEqual([{ givenNames: ['Alex'], familyName: 'Testperson' }]);
  });

  it('writes the search document when the names change, and not for facts that leave them alone', () => {
    const records = recordAfter([registration('NOM-A')]);
    const renamed = item('mappa.personal-details.changed.v1', {
      metadata: metadata(),
      nominalId: 'NOM-A',
      name: { givenNames: ['Alex'], familyName: 'Renamedperson' },
      aliasesAdded: [],
      aliasesRemoved: [],
      dateOfBirth: null,
      aliasDatesOfBirthAdded: [],
      aliasDatesOfBirthRemoved: [],
      gender: null,
    } as RecordFact);
    const intelOnly = new RecordFold(inputOf(records)).run([
      intelligence('NOM-A', 'x (synthetic)'),
    ]);
    const withRename = new RecordFold(inputOf(records)).run([
      intelligence('NOM-A', 'no name in it (synthetic)'),
      renamed,
    ]);

    expect(intelOnly.writes).toHaveLength(1);
    expect(intelOnly.search).toEqual([]);
    expect(withRename.search.map((document) => [document._id, document.version])).toEqual([
      ['NOM-A', 3],
    ]);
    expect(withRename.search[0]?.search.nameKeys).toEqual(
      expect.arrayContaining(['d:renamedperson', 'd:testperson']),
    );
  });

  it('dead-letters a waiting event that fails for any reason, and applies the rest', () => {
    const broken = intelligence('NOM-A', 'breaks the projection (synthetic)');
    const fine = intelligence('NOM-A', 'fine (synthetic)');
    const input = inputOf([], [parkedOf(broken, new Date(1)), parkedOf(fine, new Date(2))]);
    const result = new RecordFold({
      ...input,
      itemOfParked: (parked) => {
        const found = input.itemOfParked(parked);
        if (parked._id !== broken.fact.metadata.eventId) return found;
        const failing = () => {
          throw new TypeError('a bug in a projection');
        };
        return { ...found, projection: { ...found.projection, project: failing } };
      },
    }).run([registration('NOM-A')]);

    expect(result.failures).toEqual([]);
    expect(result.parkedFailures.map((f) => [f.parked._id, f.error.message])).toEqual([
      [broken.fact.metadata.eventId, 'a bug in a projection'],
    ]);
    expect(result.writes[0]?.record.intelligence.map((i) => i.text)).toEqual(['fine (synthetic)']);
    expect(result.release.sort()).toEqual(
      [broken.fact.metadata.eventId, fine.fact.metadata.eventId].sort(),
    );
  });

  it('applies what waits for a record registered by another writer when asked to release it', () => {
    const records = recordAfter([registration('NOM-A')]);
    const waiting = intelligence('NOM-A', 'parked meanwhile (synthetic)');
    const result = new RecordFold(inputOf(records, [parkedOf(waiting, new Date(1))])).run(
      [],
      ['NOM-A'],
    );

    expect(result.writes[0]?.record.intelligence.map((i) => i.text)).toEqual([
      'parked meanwhile (synthetic)',
    ]);
    expect(result.release).toEqual([waiting.fact.metadata.eventId]);
  });

  it('completes a merge taken on the retired record although its survivor was merged away since', () => {
    const decision = item('registry.nominal.duplicate-resolved.v1', {
      metadata: metadata(),
      nominalId: 'NOM-A',
      otherNominalId: 'NOM-B',
      decision: 'MERGED',
      reason: 'same person (synthetic)',
    } as RecordFact);
    const { eventId } = decision.fact.metadata;
    const [a, b, c] = recordAfter([
      registration('NOM-A'),
      registration('NOM-B'),
      registration('NOM-C'),
    ]) as [NominalDocument, NominalDocument, NominalDocument];
    // The retired record took the decision; its survivor was merged into NOM-C before taking it.
    const records = [
      {
        ...a,
        status: 'MERGED' as const,
        mergedInto: 'NOM-B',
        appliedEvents: [...a.appliedEvents, { eventId, version: 2 }],
        version: 2,
      },
      { ...b, status: 'MERGED' as const, mergedInto: 'NOM-C' },
      c,
    ];
    const result = new RecordFold(inputOf(records, [], ['NOM-A', 'NOM-B', 'NOM-C'])).run([
      decision,
    ]);

    expect(result.failures).toEqual([]);
    expect(result.writes.map((w) => [w.record._id, w.record.mergedFrom])).toEqual([
      ['NOM-C', ['NOM-A']],
    ]);
    expect(result.history.map((entry) => entry._id).sort()).toEqual(
      [eventId, `${eventId}@NOM-C`].sort(),
    );
  });
});

describe('merging records by the facts, and undoing a wrong merge', () => {
  const categoryLevel = (nominalId: string, level: string, effectiveOn: string): FoldItem =>
    item('mappa.category-level.set.v1', {
      metadata: metadata(),
      nominalId,
      category: 'CATEGORY_2',
      level,
      jurisdiction: 'ENGLAND_AND_WALES',
      reason: null,
      reviewOn: null,
      effectiveOn,
      basis: null,
    } as RecordFact);
  const custodyEvent = (nominalId: string, kind: string, effectiveOn: string): FoldItem =>
    item('prison.custody-event.recorded.v1', {
      metadata: metadata(),
      nominalId,
      kind,
      establishment: 'HMP Exampleton',
      previousEstablishment: null,
      releaseDate: null,
      releaseType: null,
      prisonNumber: null,
      effectiveOn,
      custodyType: null,
      licenceExpiryOn: null,
      sentenceExpiryOn: null,
    } as RecordFact);
  const decision = (
    kind: 'registry.nominal.duplicate-resolved.v1' | 'registry.nominal.merge-undone.v1',
  ) =>
    kind === 'registry.nominal.duplicate-resolved.v1'
      ? item(kind, {
          metadata: metadata(),
          nominalId: 'NOM-A',
          otherNominalId: 'NOM-B',
          decision: 'MERGED',
          reason: 'same person (synthetic)',
        } as RecordFact)
      : item(kind, {
          metadata: metadata(),
          nominalId: 'NOM-A',
          otherNominalId: 'NOM-B',
          reason: 'two different people (synthetic)',
        } as RecordFact);
  const archive = (nominalId: string): FoldItem =>
    item('registry.nominal.archive-status-changed.v1', {
      metadata: metadata(),
      nominalId,
      action: 'ARCHIVED',
      reason: 'left MAPPA (synthetic)',
    } as RecordFact);

  /** NOM-A (level 3 since 2026, admitted in 2026) merged into NOM-B (level 1 since 2024, released in 2024, archived). */
  function mergedPair(): NominalDocument[] {
    const before = recordAfter([
      registration('NOM-A', 'Testperson'),
      categoryLevel('NOM-A', 'LEVEL_3', '2026-06-01'),
      custodyEvent('NOM-A', 'ADMITTED', '2026-05-01'),
      registration('NOM-B', 'Testpersen'),
      categoryLevel('NOM-B', 'LEVEL_1', '2024-01-01'),
      custodyEvent('NOM-B', 'RELEASED', '2024-03-01'),
      archive('NOM-B'),
    ]);
    return recordAfter([decision('registry.nominal.duplicate-resolved.v1')], before);
  }
  const byId = (records: NominalDocument[], id: string) => records.find((r) => r._id === id)!;

  it('brings the retired record’s transfer under way to the survivor, and takes it back on unmerge', () => {
    const coManaged = syntheticTransferStep('NOM-A', {
      version: 6,
      step: 'CO_MANAGEMENT_BEGUN',
      state: 'INTERIM_CO_MANAGEMENT',
    });
    const before = recordAfter([
      registration('NOM-A', 'Testperson'),
      item('transfer.step.recorded.v1', coManaged),
      registration('NOM-B', 'Testpersen'),
    ]);
    const merged = recordAfter([decision('registry.nominal.duplicate-resolved.v1')], before);
    expect(byId(merged, 'NOM-B').openTransfer).toMatchObject({
      transferId: coManaged.transferId,
      state: 'INTERIM_CO_MANAGEMENT',
    });

    const unmerged = recordAfter([decision('registry.nominal.merge-undone.v1')], merged);
    expect(byId(unmerged, 'NOM-B').openTransfer).toBeNull();
    expect(byId(unmerged, 'NOM-A').openTransfer?.transferId).toBe(coManaged.transferId);
  });

  it('takes the newest facts of either record, and re-activates an archived survivor with a conflict', () => {
    const survivor = byId(mergedPair(), 'NOM-B');

    // Before: the survivor's own level 1 and RELEASED would have hidden the newer facts.
    expect(survivor.mappa).toMatchObject({ level: 'LEVEL_3', effectiveOn: '2026-06-01' });
    expect(survivor.custody?.state).toBe('IN_CUSTODY');
    expect(survivor.status).toBe('ACTIVE');
    expect(survivor.conflicts.map((c) => c.field)).toEqual(['status']);
    expect(survivor.merges).toHaveLength(1);
  });

  it('keeps a later fact addressed to the retired record apart, and gives it back on unmerge', () => {
    const merged = mergedPair();
    const late = intelligence('NOM-A', 'for the retired record (synthetic)');
    const withLate = recordAfter([late], merged);
    expect(byId(withLate, 'NOM-B').merges[0]?.redirectedEventIds).toEqual([
      late.fact.metadata.eventId,
    ]);

    const undo = decision('registry.nominal.merge-undone.v1');
    const result = new RecordFold(inputOf(withLate)).run([undo]);
    expect(result.failures).toEqual([]);
    const written = new Map(result.writes.map((w) => [w.record._id, w.record]));
    const restored = written.get('NOM-A')!;
    const survivor = written.get('NOM-B')!;

    expect(restored).toMatchObject({ status: 'ACTIVE', mergedInto: null });
    expect(restored.intelligence.map((i) => i.text)).toEqual([
      'for the retired record (synthetic)',
    ]);
    expect(restored.mappa?.level).toBe('LEVEL_3');
    expect(survivor.intelligence).toEqual([]);
    expect(survivor.aliases).toEqual([]);
    expect(survivor.mergedFrom).toEqual([]);
    expect(survivor.merges).toEqual([]);
    expect(survivor.mappa?.level).toBe('LEVEL_1');
    expect(survivor.custody?.state).toBe('RELEASED');
    // The merge had lifted the survivor's archive: it comes back, and the conflict goes.
    expect(survivor.status).toBe('ARCHIVED');
    expect(survivor.conflicts).toEqual([]);
    expect(result.history.map((entry) => entry._id).sort()).toEqual(
      [undo.fact.metadata.eventId, `${undo.fact.metadata.eventId}@NOM-B`].sort(),
    );
    expect(result.matchAgain.map((record) => record._id).sort()).toEqual(['NOM-A', 'NOM-B']);
  });

  it('completes an unmerge whichever of its two writes was stored first', () => {
    const merged = recordAfter(
      [intelligence('NOM-A', 'after the merge (synthetic)')],
      mergedPair(),
    );
    const undo = decision('registry.nominal.merge-undone.v1');
    const both = new RecordFold(inputOf(merged)).run([undo]).writes.map((w) => w.record);
    for (const storedFirst of ['NOM-A', 'NOM-B']) {
      // Only one side reached the database (the other's conditional write lost a race).
      const partly = merged.map((record) =>
        record._id === storedFirst ? both.find((r) => r._id === storedFirst)! : record,
      );
      const retried = recordAfter([undo], partly);
      const restored = byId(retried, 'NOM-A');
      const survivor = byId(retried, 'NOM-B');
      expect(restored).toMatchObject({ status: 'ACTIVE', mergedInto: null });
      expect(restored.intelligence.map((i) => i.text)).toEqual(['after the merge (synthetic)']);
      expect(survivor.intelligence).toEqual([]);
      expect(survivor.merges).toEqual([]);
    }
  });

  it('refuses to undo a merge while the survivor is itself merged into a third record', () => {
    const chained = mergedPair().map((record) =>
      record._id === 'NOM-B'
        ? { ...record, status: 'MERGED' as const, mergedInto: 'NOM-C' }
        : record,
    );
    const result = new RecordFold(inputOf(chained)).run([
      decision('registry.nominal.merge-undone.v1'),
    ]);
    expect(result.failures[0]?.error.message).toMatch(/undo that merge first/);
    expect(result.writes).toEqual([]);
  });

  it('reads an older record’s stored states back as facts, so the next event keeps them', () => {
    const [current] = recordAfter([registration('NOM-A')]);
    // As written before the record kept the facts behind its states.
    const older: Record<string, unknown> = {
      ...current,
      mappa: {
        category: 'CATEGORY_1' as const,
        categoryName: 'Registered sexual offenders',
        level: 'LEVEL_2' as const,
        jurisdiction: 'ENGLAND_AND_WALES' as const,
        setOn: new Date('2024-02-01T10:00:00Z'),
        reviewOn: null,
      },
      custody: {
        state: 'IN_CUSTODY' as const,
        establishment: 'HMP Exampleton',
        releaseDate: '2027-01-01',
        since: new Date('2024-03-01T10:00:00Z'),
      },
      supervisionEvents: [
        { kind: 'ORDER_STARTED', orderType: 'Community order', startsOn: '2023-01-01' },
        { kind: 'BREACH', orderType: null, startsOn: null },
      ].map((event, n) => ({
        ...event,
        eventId: `older-${n}`,
        recordedBy: 'PROBATION',
        occurredAt: new Date(Date.UTC(2023, n + 1, 1)),
        endsOn: null,
        details: null,
      })),
    };
    for (const list of ['arrangementsHistory', 'custodyEvents', 'restrictedPatientEvents'])
      delete older[list];
    const result = new RecordFold(inputOf([older as unknown as NominalDocument])).run([
      intelligence('NOM-A', 'an ordinary fact (synthetic)'),
    ]);

    expect(result.failures).toEqual([]);
    const written = result.writes[0].record;
    expect(written.mappa).toMatchObject({ category: 'CATEGORY_1', level: 'LEVEL_2' });
    expect(written.custody).toMatchObject({ state: 'IN_CUSTODY', releaseDate: '2027-01-01' });
    expect(written.supervision).toMatchObject({ state: 'ON_ORDER', breachCount: 1 });
    expect(written.arrangementsHistory).toHaveLength(1);
  });

  it('refuses to undo a merge that did not happen', () => {
    const records = recordAfter([registration('NOM-A'), registration('NOM-B')]);
    const result = new RecordFold(inputOf(records)).run([
      decision('registry.nominal.merge-undone.v1'),
    ]);
    expect(result.writes).toEqual([]);
    expect(result.failures[0]?.error).toBeInstanceOf(InapplicableEventError);
  });

  it('decides who manages the person by the assignments’ effective dates, also across a merge', () => {
    const assign = (nominalId: string, managingArea: string, effectiveOn: string): FoldItem =>
      item('mappa.management.assigned.v1', {
        metadata: metadata(),
        nominalId,
        leadAgency: 'PROBATION',
        managingArea,
        jurisdiction: 'ENGLAND_AND_WALES',
        recordManager: {
          name: 'Officer Synthetic',
          agency: 'PROBATION',
          role: null,
          contact: null,
        },
        coManagers: [],
        effectiveOn,
      } as RecordFact);
    // A retried, older assignment arrives after the newer one.
    const late = recordAfter([
      registration('NOM-A'),
      assign('NOM-A', 'Cumbria', '2026-05-01'),
      assign('NOM-A', 'Lancashire', '2025-01-01'),
    ]);
    expect(byId(late, 'NOM-A').management.managingArea).toBe('Cumbria');
    expect(byId(late, 'NOM-A').managementHistory).toHaveLength(3);

    const before = recordAfter(
      [registration('NOM-B', 'Testpersen'), assign('NOM-B', 'Lancashire', '2024-01-01')],
      late,
    );
    const merged = recordAfter([decision('registry.nominal.duplicate-resolved.v1')], before);
    expect(byId(merged, 'NOM-B').management.managingArea).toBe('Cumbria');
    expect(byId(merged, 'NOM-B').conflicts).toEqual([]);

    // Never assigned since registration, under different management: no date says which is right.
    const unassigned = recordAfter([
      registration('NOM-A'),
      item('mappa.nominal.registered.v1', {
        ...registration('NOM-B', 'Testpersen').fact,
        managingArea: 'Cumbria',
      } as RecordFact),
    ]);
    const mergedUnassigned = recordAfter(
      [decision('registry.nominal.duplicate-resolved.v1')],
      unassigned,
    );
    expect(byId(mergedUnassigned, 'NOM-B').conflicts.map((c) => c.field)).toEqual(['management']);
  });

  it('decides the current state by effective date whatever order the events arrive in', () => {
    const release = custodyEvent('NOM-A', 'RELEASED', '2026-03-01');
    const admission = custodyEvent('NOM-A', 'ADMITTED', '2025-01-01');
    const late = recordAfter([registration('NOM-A'), release, admission]);
    expect(byId(late, 'NOM-A').custody?.state).toBe('RELEASED');
    expect(byId(late, 'NOM-A').custodyEvents).toHaveLength(2);
  });

  it('records a record’s due day when it moves, and again for a redelivered batch', () => {
    const stay = item('mappa.address.recorded.v1', {
      metadata: metadata(),
      nominalId: 'NOM-A',
      address: {
        addressId: 'addr-stay',
        type: 'HOME',
        lines: ['1 Synthetic Street'],
        town: 'Exampletown',
        postcode: null,
        area: 'Cumbria',
        jurisdiction: 'ENGLAND_AND_WALES',
        from: '2026-11-01',
        to: '2027-01-31',
      },
    } as RecordFact);
    const [registered] = recordAfter([registration('NOM-A')]);
    const first = new RecordFold(inputOf([registered])).run([stay]);
    // The day after the address ends, the record has no current address: it is derived again then.
    expect(first.dueDates).toEqual([{ nominalId: 'NOM-A', on: '2027-02-01' }]);
    const written = first.writes[0].record;
    expect(new RecordFold(inputOf([written])).run([intelligence('NOM-A', 'x')]).dueDates).toEqual(
      [],
    );
    expect(new RecordFold(inputOf([written])).run([stay]).dueDates).toEqual([
      { nominalId: 'NOM-A', on: '2027-02-01' },
    ]);
  });
});

describe('folding a completed transfer', () => {
  const coManaged = syntheticTransferStep('NOM-A', {
    version: 6,
    step: 'CO_MANAGEMENT_BEGUN',
    state: 'INTERIM_CO_MANAGEMENT',
  });
  const completed = nextTransferStep(coManaged, {
    step: 'COMPLETED',
    state: 'COMPLETED',
    receivingLeadAgency: 'SOCIAL_WORK',
    receivingRecordManager: {
      name: 'Robin Synthetic',
      agency: 'SOCIAL_WORK',
      role: null,
      contact: null,
    },
    effectiveOn: '2026-11-30',
  });
  const step = (fact: typeof completed): FoldItem => item('transfer.step.recorded.v1', fact);

  it('adds the receiving area’s management once, however often the completion is delivered', () => {
    const [record] = recordAfter([registration('NOM-A'), step(coManaged), step(completed)]);
    expect(record?.management).toMatchObject({
      leadAgency: 'SOCIAL_WORK',
      managingArea: 'Lothian and Borders',
    });
    expect(record?.openTransfer).toBeNull();
    expect(record?.managementHistory).toHaveLength(2);

    const redelivered = new RecordFold(inputOf([record])).run([step(completed), step(completed)]);
    expect(redelivered.writes).toEqual([]);
    // Only its history entry is written again, which its id makes a no-op in the database.
    expect(redelivered.history.map((entry) => entry._id)).toEqual([completed.metadata.eventId]);
  });

  it('sets aside a completion without a record manager, applying the rest of the batch', () => {
    const records = recordAfter([registration('NOM-A'), step(coManaged)]);
    const incomplete = { ...completed, receivingRecordManager: null };
    const intel = intelligence('NOM-A', 'after the transfer (synthetic)');
    const result = new RecordFold(inputOf(records)).run([step(incomplete), intel]);

    expect(result.failures.map((failure) => failure.error)).toEqual([
      expect.any(InapplicableEventError),
    ]);
    const [write] = result.writes;
    expect(write?.record.management.managingArea).toBe('Greater Manchester');
    expect(write?.record.openTransfer?.state).toBe('INTERIM_CO_MANAGEMENT');
    expect(write?.record.intelligence).toHaveLength(1);
  });
});
