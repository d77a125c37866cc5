import type { FieldOpener, FieldSealer } from '@hub/persistence';
import {
  openHistoryEntry,
  openParkedEvent,
  openRecord,
  sealHistoryEntry,
  sealParkedEvent,
  sealRecord,
} from './record-sealing';
import { sensitiveItemFields } from './sensitive-fields';

/** Seals to a visible marker, so that the test sees what was sealed, for whom and as which field. */
const markingSealer: FieldSealer = {
  seal: (nominalId, field, value) => ({ sealedFor: nominalId, field, value }),
};
const markingOpener: FieldOpener = {
  open: (_nominalId, _field, stored) =>
    typeof stored === 'object' && stored !== null && 'sealedFor' in stored
      ? (stored as unknown as { value: unknown }).value
      : stored,
};

/** A record with one item in every list of the table, each with every listed field and one more. */
function recordWithEveryField(): { _id: string } & Record<string, unknown> {
  const record: { _id: string } & Record<string, unknown> = { _id: 'NOM-1', name: 'clear' };
  for (const [list, fields] of Object.entries(sensitiveItemFields)) {
    record[list] = [
      {
        eventId: `${list}-event`,
        ...Object.fromEntries(fields.map((field) => [field, `${list}.${field} text`])),
      },
    ];
  }
  return record;
}

describe('the table of sensitive fields applied to a record', () => {
  it('seals every listed field of every item with the person’s id and the field’s name', () => {
    const sealed = sealRecord(recordWithEveryField(), markingSealer);
    for (const [list, fields] of Object.entries(sensitiveItemFields)) {
      const [item] = sealed[list] as Record<string, unknown>[];
      for (const field of fields) {
        expect(item?.[field]).toEqual({
          sealedFor: 'NOM-1',
          field: `nominals.${list}.${field}`,
          value: `${list}.${field} text`,
        });
      }
      // What the table does not list stays in clear (ids, dates, codes are queried).
      expect(item?.eventId).toBe(`${list}-event`);
    }
    expect(sealed.name).toBe('clear');
  });

  it('opens what it sealed, reads plaintext written before encryption as it is, leaves nulls', () => {
    const record = recordWithEveryField();
    expect(openRecord(sealRecord(record, markingSealer), markingOpener)).toEqual(record);
    expect(openRecord(record, markingOpener)).toEqual(record);
    const withNull = { _id: 'NOM-1', riskAssessments: [{ summary: null }] };
    expect(sealRecord(withNull, markingSealer)).toEqual(withNull);
  });

  it('does not change the record it is given (the fold keeps working on it)', () => {
    const record = recordWithEveryField();
    const before = structuredClone(record);
    sealRecord(record, markingSealer);
    expect(record).toEqual(before);
  });

  it('keeps the envelope of a string it read unchanged, for the same person only', () => {
    let sealed = 0;
    const countingSealer: FieldSealer = {
      seal: (nominalId, field, value) => {
        sealed++;
        return markingSealer.seal(nominalId, field, value);
      },
    };
    const stored = sealRecord(
      { _id: 'NOM-1', intelligence: [{ text: 'a' }, { text: 'b' }] },
      countingSealer,
    );
    const opened = openRecord(stored, markingOpener);
    sealed = 0;
    const [first, second] = opened.intelligence;
    const changed = { ...opened, intelligence: [first, { ...second, text: 'c' }] };
    const again = sealRecord(changed, countingSealer);
    expect(sealed).toBe(1);
    expect(again.intelligence[0]?.text).toBe(stored.intelligence[0]?.text);
    // Moved to another record (a merge): sealed again, with that record's person.
    sealed = 0;
    const moved = sealRecord({ _id: 'NOM-2', intelligence: [first] }, countingSealer);
    expect(sealed).toBe(1);
    expect(moved.intelligence[0]?.text).toEqual(
      expect.objectContaining({ sealedFor: 'NOM-2', value: 'a' }),
    );
  });

  it('seals a history entry’s summary and details whole, and a parked event’s payload and bytes', () => {
    const entry = {
      _id: 'e1',
      nominalId: 'NOM-2',
      eventType: 'X',
      summary: 's',
      details: { a: 1 },
    };
    const sealedEntry = sealHistoryEntry(entry, markingSealer);
    expect(sealedEntry).toEqual({
      ...entry,
      summary: { sealedFor: 'NOM-2', field: 'nominal_history.summary', value: 's' },
      details: { sealedFor: 'NOM-2', field: 'nominal_history.details', value: { a: 1 } },
    });
    expect(openHistoryEntry(sealedEntry, markingOpener)).toEqual(entry);

    const parked = { _id: 'e2', nominalId: 'NOM-3', topic: 't', value: { text: 'x' }, bytes: 'b' };
    const sealedParked = sealParkedEvent(parked, markingSealer);
    expect(sealedParked.topic).toBe('t');
    expect(sealedParked.value).toEqual({
      sealedFor: 'NOM-3',
      field: 'parked_events.value',
      value: { text: 'x' },
    });
    expect(openParkedEvent(sealedParked, markingOpener)).toEqual(parked);
  });
});
