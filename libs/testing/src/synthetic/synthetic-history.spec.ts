import { parseSchemaFiles, topicCatalogue, type Agency } from '@hub/contracts';
import { Rng } from './prng';
import { syntheticHistory, type SyntheticEvent } from './synthetic-history';
import { defaultAsOf, syntheticPerson } from './synthetic-person';
import {
  seededNominalId,
  syntheticPopulation,
  syntheticPopulationMember,
  type SyntheticPopulationOptions,
} from './synthetic-population';

const types = parseSchemaFiles();
const population = [...syntheticPopulation({ seed: 42, count: 1500 })];
const allEvents = population.flatMap(({ events }) => events);

function schemaViolations(event: SyntheticEvent): string[] {
  const schemaName = topicCatalogue[event.topic].valueSchema;
  const type = types.get(schemaName);
  if (!type) return [`no schema ${schemaName}`];
  const paths: string[] = [];
  type.isValid(event.value, {
    errorHook: (path, value) => paths.push(`${path.join('.')} = ${JSON.stringify(value)}`),
  });
  return paths;
}

describe('synthetic histories', () => {
  it('are valid against their topic schemas, every value', () => {
    const failures = allEvents.flatMap((event) =>
      schemaViolations(event).map(
        (path) =>
          `${event.topic} ${event.value.nominalId} ${event.value.metadata.eventId}: ${path}`,
      ),
    );
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('cover every agency topic', () => {
    const topics = new Set(allEvents.map(({ topic }) => topic));
    const agencyTopics = Object.entries(topicCatalogue)
      .filter(
        ([name, definition]) =>
          definition.valueSchema !== null &&
          !name.startsWith('registry.') &&
          !name.startsWith('transfer.'),
      )
      .map(([name]) => name);
    expect([...topics].sort()).toEqual(agencyTopics.sort());
  });

  it('start with the registration, keep to one nominal and move forward in time', () => {
    const problems: string[] = [];
    for (const { person, events } of population) {
      const registrations = events.filter(({ topic }) => topic === 'mappa.nominal.registered.v1');
      if (events[0]?.topic !== 'mappa.nominal.registered.v1' || registrations.length !== 1) {
        problems.push(`${person.nominalId}: does not start with its one registration`);
      }
      events.forEach((event, i) => {
        const at = event.value.metadata.occurredAt.getTime();
        if (event.value.nominalId !== person.nominalId)
          problems.push(`${event.topic}: other nominal`);
        const previous = events[i - 1]?.value.metadata.occurredAt.getTime() ?? -Infinity;
        if (at <= previous)
          problems.push(`${person.nominalId} ${event.topic}: not after the one before`);
        if (at > defaultAsOf.getTime())
          problems.push(`${person.nominalId} ${event.topic}: in the future`);
      });
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('are published only by agencies the catalogue lets publish on the topic', () => {
    const wrong = allEvents.filter(({ topic, value }) => {
      const publishers: readonly Agency[] = topicCatalogue[topic].publishers;
      return !publishers.includes(value.metadata.producingAgency);
    });
    expect(
      wrong.map(({ topic, value }) => `${topic} by ${value.metadata.producingAgency}`),
    ).toEqual([]);
  });

  it('have unique event ids and the metadata filled', () => {
    const ids = allEvents.map(({ value }) => value.metadata.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const incomplete = allEvents.filter(
      ({ value: { metadata } }) =>
        metadata.classification !== 'OFFICIAL_SENSITIVE' ||
        !metadata.producingSystem.startsWith('synthetic-') ||
        metadata.correlationId === '',
    );
    expect(incomplete).toEqual([]);
  });

  it('have event ids unique across tens of thousands of people', () => {
    const seen = new Set<string>();
    let count = 0;
    for (const member of syntheticPopulation({ seed: 7, count: 20_000 })) {
      for (const { value } of member.events) {
        seen.add(value.metadata.eventId);
        count += 1;
      }
    }
    expect(seen.size).toBe(count);
  });

  it('average about ten events per person', () => {
    const average = allEvents.length / population.length;
    expect(average).toBeGreaterThan(8);
    expect(average).toBeLessThan(13);
  });

  it('give the same data for the same seed, and other data for another', () => {
    const options: SyntheticPopulationOptions = { seed: 42 };
    expect(syntheticPopulationMember(options, 17)).toEqual(population[17]);
    const again = syntheticHistory(new Rng(7), 'NOM-SYN-X-1');
    expect(syntheticHistory(new Rng(7), 'NOM-SYN-X-1')).toEqual(again);
    expect(syntheticPopulationMember({ seed: 43 }, 17)).not.toEqual(population[17]);
    expect(seededNominalId(42, 17)).toBe(population[17]?.person.nominalId);
  });

  it('give about a quarter of managed people victims in their scheme, with their area’s unit', () => {
    const schemes = {
      ENGLAND_AND_WALES: 'VICTIM_CONTACT_SCHEME',
      SCOTLAND: 'VICTIM_NOTIFICATION_SCHEME',
      NORTHERN_IRELAND: 'VICTIM_INFORMATION_SCHEME',
    } as const;
    let managed = 0;
    let withVictims = 0;
    for (const { person, events } of population) {
      for (const { topic, value } of events) {
        if (topic !== 'mappa.management.assigned.v1') continue;
        managed += 1;
        if (value.victimContact === null) continue;
        withVictims += 1;
        expect(value.victimContact).toEqual({
          scheme: schemes[person.jurisdiction],
          contactUnit: `${person.area.name} Victim Liaison Unit`,
        });
      }
    }
    expect(managed).toBeGreaterThan(1000);
    expect(withVictims / managed).toBeGreaterThan(0.2);
    expect(withVictims / managed).toBeLessThan(0.3);
  });

  it('use categories only where the jurisdiction has them', () => {
    for (const { person, events } of population) {
      if (person.jurisdiction !== 'ENGLAND_AND_WALES')
        expect(person.category).not.toBe('CATEGORY_4');
      for (const { topic, value } of events) {
        if (topic === 'mappa.category-level.set.v1' && value.jurisdiction !== 'ENGLAND_AND_WALES') {
          expect(value.category).not.toBe('CATEGORY_4');
        }
      }
    }
    // Many people, so that category 4 would show outside England and Wales if it could.
    const rng = new Rng(1);
    for (let i = 0; i < 20_000; i += 1) {
      const person = syntheticPerson(rng, `NOM-SYN-C-${i}`);
      if (person.jurisdiction !== 'ENGLAND_AND_WALES')
        expect(person.category).not.toBe('CATEGORY_4');
    }
  });

  it('spread people across categories and levels roughly as the MAPPA annual reports do', () => {
    const rng = new Rng(2);
    const people = Array.from({ length: 20_000 }, (_, i) => syntheticPerson(rng, `NOM-SYN-D-${i}`));
    const share = (test: (p: (typeof people)[number]) => boolean): number =>
      people.filter(test).length / people.length;
    expect(share((p) => p.category === 'CATEGORY_1')).toBeCloseTo(0.75, 1);
    expect(share((p) => p.category === 'CATEGORY_2')).toBeCloseTo(0.2, 1);
    expect(share((p) => p.level === 'LEVEL_1')).toBeGreaterThan(0.93);
    expect(share((p) => p.level === 'LEVEL_3')).toBeLessThan(0.02);
    expect(share((p) => p.category === 'CATEGORY_4')).toBeGreaterThan(0);
  });

  it('make about one person in a hundred a near-duplicate of another', () => {
    const duplicates = population.filter(({ person }) => person.duplicateOf !== null);
    expect(duplicates.length).toBeGreaterThan(3);
    expect(duplicates.length).toBeLessThan(40);
    const byId = new Map(population.map(({ person }) => [person.nominalId, person]));
    for (const { person } of duplicates) {
      const original = byId.get(person.duplicateOf ?? '');
      expect(original).toBeDefined();
      expect(person.dateOfBirth).toBe(original?.dateOfBirth);
      expect(person.name).not.toEqual(original?.name);
    }
  });

  it('make identifiers in plainly invented ranges', () => {
    const identifiers = allEvents.flatMap(({ topic, value }) => {
      if (topic === 'mappa.nominal.registered.v1') return value.identifiers;
      if (topic === 'mappa.agency-identifier.linked.v1') return [value.identifier];
      return [];
    });
    const formats: Record<string, RegExp> = {
      // Long form, or the short form some near-duplicates use.
      PNC_ID: /^(\d{2}|\d{4})\/9\d{6}[A-Z]$/,
      CRO_NUMBER: /^9\d{5}\/\d{2}[A-Z]$/,
      PRISON_NUMBER: /^Z\d{4}[A-Z]{2}$/,
      NHS_NUMBER: /^999 \d{3} \d{4}$/,
      NATIONAL_INSURANCE_NUMBER: /^QQ\d{6}[A-D]$/,
      PROBATION_CASE_REFERENCE: /^X\d{6}$/,
      SOCIAL_WORK_CASE_REFERENCE: /^CJSW-SYN-\d{6}$/,
      HEALTH_CASE_REFERENCE: /^FMH-SYN-\d{6}$/,
    };
    for (const identifier of identifiers) {
      expect(identifier.value).toMatch(formats[identifier.type] ?? /^$/);
    }
  });

  it('report some registered offenders missing, most found again, at a few in a hundred', () => {
    let missing = 0;
    let found = 0;
    for (const { person, events } of population) {
      const kinds = events.flatMap(({ topic, value }) =>
        topic === 'police.compliance-action.recorded.v1' ? [value.kind] : [],
      );
      if (kinds.length > 0) expect(person.category).toBe('CATEGORY_1');
      const missingAt = kinds.indexOf('REPORTED_MISSING');
      if (missingAt < 0) continue;
      missing += 1;
      if (kinds[missingAt + 1] === 'FOUND') found += 1;
    }
    expect(missing / population.length).toBeGreaterThan(0.01);
    expect(missing / population.length).toBeLessThan(0.06);
    expect(found / missing).toBeGreaterThan(0.7);
  });

  it('caution or convict some for breaches, sending some of those convicted to prison', () => {
    const problems: string[] = [];
    const counts = { cautioned: 0, convicted: 0, orderBreaches: 0, custody: 0 };
    for (const { person, events } of population) {
      events.forEach(({ topic, value }, i) => {
        if (topic !== 'police.compliance-action.recorded.v1') return;
        if (value.kind === 'NOTIFICATION_BREACH_CAUTIONED') counts.cautioned += 1;
        if (value.kind === 'NOTIFICATION_BREACH_CONVICTED') counts.convicted += 1;
        if (value.kind === 'ORDER_BREACH_CONVICTED') {
          counts.orderBreaches += 1;
          const orders = events.flatMap((event) =>
            event.topic === 'police.civil-order.recorded.v1' ? [event.value.orderId] : [],
          );
          if (!orders.includes(value.orderId ?? '')) {
            problems.push(`${person.nominalId}: breach of an order not made`);
          }
        }
        if (!value.sentencedToCustody) return;
        counts.custody += 1;
        const next = events[i + 1];
        if (next?.topic !== 'prison.custody-event.recorded.v1' || next.value.kind !== 'ADMITTED') {
          problems.push(`${person.nominalId}: sentenced to custody but not admitted`);
        }
      });
    }
    expect(problems).toEqual([]);
    expect(counts.cautioned).toBeGreaterThan(5);
    expect(counts.convicted).toBeGreaterThan(counts.cautioned);
    expect(counts.orderBreaches).toBeGreaterThan(5);
    expect(counts.custody).toBeGreaterThan(5);
    expect(counts.custody).toBeLessThan(counts.convicted + counts.orderBreaches);
  });

  it('make about three SHPOs in ten restrict foreign travel', () => {
    const made = allEvents.flatMap(({ topic, value }) =>
      topic === 'police.civil-order.recorded.v1' && value.kind === 'MADE' ? [value] : [],
    );
    const restricted = made.filter((order) => order.foreignTravelRestricted).length;
    expect(made.length).toBeGreaterThan(100);
    expect(restricted / made.length).toBeGreaterThan(0.2);
    expect(restricted / made.length).toBeLessThan(0.4);
  });

  it('change some people’s level for a while, and recall some to prison', () => {
    let changed = 0;
    let recalledToPrison = 0;
    for (const { events } of population) {
      const levels = events.flatMap(({ topic, value }) =>
        topic === 'mappa.category-level.set.v1'
          ? [value.level]
          : topic === 'mappa.ppani-risk-category.set.v1'
            ? [value.riskCategory]
            : [],
      );
      if (new Set(levels).size > 1) changed += 1;
      events.forEach(({ topic, value }, i) => {
        if (topic !== 'probation.supervision-event.recorded.v1' || value.kind !== 'RECALL') return;
        const admitted = events
          .slice(i + 1)
          .find((event) => event.topic === 'prison.custody-event.recorded.v1');
        if (admitted?.topic === 'prison.custody-event.recorded.v1') {
          expect(admitted.value).toMatchObject({ kind: 'ADMITTED', custodyType: 'RECALLED' });
          recalledToPrison += 1;
        }
      });
    }
    expect(changed / population.length).toBeGreaterThan(0.03);
    expect(changed / population.length).toBeLessThan(0.15);
    expect(recalledToPrison).toBeGreaterThan(5);
  });

  it('begin histories over several years, so that year-on-year figures have people in them', () => {
    const registeredBy = (day: string): number =>
      population.filter(
        ({ events }) => events[0].value.metadata.occurredAt.toISOString().slice(0, 10) <= day,
      ).length / population.length;
    const years = new Set(
      population.map(({ events }) => events[0].value.metadata.occurredAt.getUTCFullYear()),
    );
    expect(years.size).toBeGreaterThanOrEqual(6);
    // 31 March of the reporting years the annual report's trend shows.
    expect(registeredBy('2021-03-31')).toBeGreaterThan(0.1);
    expect(registeredBy('2022-03-31')).toBeGreaterThan(registeredBy('2021-03-31'));
    expect(registeredBy('2024-03-31')).toBeGreaterThan(0.5);
  });
});
