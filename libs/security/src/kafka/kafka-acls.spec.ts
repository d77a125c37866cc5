import { topicCatalogue, type Agency, type TopicName } from '@hub/contracts';
import { organisationDirectory } from '../directory/organisation-directory';
import {
  aclKey,
  deriveKafkaAcls,
  diffAcls,
  kafkaSuperUsers,
  type AclSources,
  type KafkaAclBinding,
  type KafkaPrincipalAcls,
} from './kafka-acls';

const all = deriveKafkaAcls(organisationDirectory());
const topicNames = Object.keys(topicCatalogue) as TopicName[];

function only(predicate: (p: KafkaPrincipalAcls) => boolean): KafkaPrincipalAcls {
  const found = all.find(predicate);
  if (!found) throw new Error('no such principal in the directory');
  return found;
}

const topicsWith = (p: KafkaPrincipalAcls, operation: string): string[] =>
  p.bindings
    .filter((b) => b.resourceType === 'TOPIC' && b.operation === operation)
    .map((b) => b.resourceName)
    .sort();

const groupsOf = (p: KafkaPrincipalAcls): string[] =>
  p.bindings
    .filter((b) => b.resourceType === 'GROUP')
    .map((b) => `${b.patternType} ${b.resourceName}`);

describe('Kafka ACLs derived from the topic catalogue and the organisation directory', () => {
  it('gives every system with a Kafka principal exactly one entry', () => {
    const principals = organisationDirectory()
      .kafkaSystems()
      .map(([, system]) => system.kafkaPrincipal);
    expect(all.map((p) => p.name)).toEqual(principals);
  });

  it('makes the provisioning principal, and only it, a super user without bindings', () => {
    expect(kafkaSuperUsers(all)).toEqual(['User:hub.provisioning']);
    expect(only((p) => p.kind === 'provisioning').bindings).toEqual([]);
  });

  it('lets a police system publish the police topics and the shared facts, and read what police may read', () => {
    const police = only((p) => p.kind === 'organisation' && p.agency === 'POLICE');
    expect(topicsWith(police, 'WRITE')).toEqual(
      topicNames.filter((t) => t.startsWith('police.') || t.startsWith('mappa.')).sort(),
    );
    expect(topicsWith(police, 'READ')).toEqual(
      // Not the hub's failure topics, the audit trail, intelligence, minutes or victim liaison:
      // those the hub's API shows by need-to-know, or the units concerned read.
      topicNames
        .filter(
          (t) =>
            !t.startsWith('registry.event.') &&
            !t.startsWith('transfer.event.') &&
            !t.startsWith('insights.event.') &&
            ![
              'registry.access.audited.v1',
              'transfer.victim-liaison.notified.v1',
              'police.intelligence.shared.v1',
              'mappa.meeting.held.v1',
            ].includes(t),
        )
        .sort(),
    );
    expect(groupsOf(police)).toEqual([`PREFIXED ${police.name}.`]);
  });

  it('never lets an organisation publish on a topic without a schema or one only the hub publishes', () => {
    for (const p of all.filter((q) => q.kind === 'organisation')) {
      for (const topic of topicsWith(p, 'WRITE') as TopicName[]) {
        expect(topicCatalogue[topic].valueSchema).not.toBeNull();
        expect(topicCatalogue[topic].publishers).toContain(p.agency);
        expect(topic.startsWith('registry.')).toBe(false);
      }
    }
  });

  it('gives every system of one agency type the same rights, under its own name', () => {
    const shape = (p: KafkaPrincipalAcls) =>
      p.bindings.map((b) =>
        aclKey({ ...b, principal: '', resourceName: b.resourceName.replace(p.name, '') }),
      );
    for (const agency of new Set(
      all.filter((p) => p.kind === 'organisation').map((p) => p.agency),
    )) {
      const ofAgency = all.filter((p) => p.kind === 'organisation' && p.agency === agency);
      expect(ofAgency.length).toBeGreaterThan(0);
      const [first] = ofAgency as [KafkaPrincipalAcls, ...KafkaPrincipalAcls[]];
      for (const p of ofAgency) {
        expect(shape(p)).toEqual(shape(first));
        expect(p.bindings.every((b) => b.principal === `User:${p.name}`)).toBe(true);
      }
    }
  });

  it('lets a connector write its agency’s topics and nothing else', () => {
    const probation = only((p) => p.kind === 'connector' && p.agency === 'PROBATION');
    expect(
      probation.bindings.every((b) => b.operation === 'WRITE' && b.resourceType === 'TOPIC'),
    ).toBe(true);
    expect(topicsWith(probation, 'WRITE')).toEqual(
      topicNames
        .filter((t) => t.startsWith('mappa.') || t === 'probation.supervision-event.recorded.v1')
        .sort(),
    );
    // Scottish criminal-justice social work publishes supervision events too.
    expect(
      topicsWith(
        only((p) => p.kind === 'connector' && p.agency === 'SOCIAL_WORK'),
        'WRITE',
      ),
    ).toContain('probation.supervision-event.recorded.v1');
  });

  it('lets the registry read what the hub reads and write what the hub publishes, failure topics included', () => {
    const registry = only((p) => p.kind === 'registry');
    expect(topicsWith(registry, 'READ')).toEqual([...topicNames].sort());
    expect(topicsWith(registry, 'WRITE')).toEqual(
      topicNames.filter((t) => t.startsWith('registry.')).sort(),
    );
    expect(groupsOf(registry)).toEqual([
      'LITERAL registry',
      'PREFIXED registry.',
      'PREFIXED dead-letter-reader-',
    ]);
  });

  it('follows the catalogue it is given: a new topic and a new group change the bindings', () => {
    const sources: AclSources = {
      topics: {
        'health.new-fact.v1': {
          publishers: ['HEALTH'],
          readers: ['HEALTH', 'HUB'],
          valueSchema: null,
        },
        'health.other-fact.v1': {
          publishers: ['HEALTH'],
          readers: ['POLICE'],
          valueSchema: 'org.mappahub.health.RestrictedPatientEventRecorded',
        },
      },
      consumerGroups: { archive: { service: 'registry', retryTopic: 'health.new-fact.v1' } },
    };
    const derived = deriveKafkaAcls(organisationDirectory(), sources);
    const health = derived.find((p) => p.kind === 'organisation' && p.agency === 'HEALTH')!;
    expect(topicsWith(health, 'WRITE')).toEqual(['health.other-fact.v1']);
    expect(topicsWith(health, 'READ')).toEqual(['health.new-fact.v1']);
    const registry = derived.find((p) => p.kind === 'registry')!;
    expect(topicsWith(registry, 'READ')).toEqual(['health.new-fact.v1']);
    expect(topicsWith(registry, 'WRITE')).toEqual([]);
    expect(groupsOf(registry)).toContain('LITERAL archive');
    const transfers = derived.find((p) => p.kind === 'transfer-coordinator')!;
    expect(groupsOf(transfers)).not.toContain('LITERAL archive');
    const police = derived.find(
      (p) => p.kind === 'organisation' && p.agency === ('POLICE' as Agency),
    )!;
    expect(topicsWith(police, 'READ')).toEqual(['health.other-fact.v1']);
  });

  it('gives the transfer coordinator its own topics and groups, and nothing behind the API', () => {
    const transfers = deriveKafkaAcls(organisationDirectory()).find(
      (p) => p.kind === 'transfer-coordinator',
    )!;
    expect(transfers.name).toBe('hub.transfer-coordinator');
    expect(topicsWith(transfers, 'WRITE')).toEqual([
      'transfer.event.dead-lettered.v1',
      'transfer.event.retry-scheduled.v1',
      'transfer.step.overdue.v1',
      'transfer.step.recorded.v1',
      'transfer.victim-liaison.notified.v1',
    ]);
    expect(topicsWith(transfers, 'READ')).toEqual([
      'registry.nominal.changed.v1',
      'registry.nominal.removed.v1',
      'transfer.event.retry-scheduled.v1',
      'transfer.step.overdue.v1',
      'transfer.step.recorded.v1',
    ]);
    expect(groupsOf(transfers)).toEqual([
      'LITERAL transfer-coordinator',
      'PREFIXED transfer-coordinator.',
      'PREFIXED transfer-coordinator.live-view.',
    ]);
    expect(
      transfers.bindings
        .filter((binding) => binding.operation === 'DELETE')
        .map((b) => b.resourceName),
    ).toEqual(['transfer-coordinator.live-view.']);
    const registry = deriveKafkaAcls(organisationDirectory()).find((p) => p.kind === 'registry')!;
    expect(topicsWith(registry, 'WRITE')).not.toContain('transfer.step.recorded.v1');
    expect(topicsWith(registry, 'READ')).toContain('transfer.step.recorded.v1');
  });

  it('tells which bindings a broker lacks and which it should not have', () => {
    const binding = (resourceName: string): KafkaAclBinding => ({
      principal: 'User:x',
      resourceType: 'TOPIC',
      resourceName,
      patternType: 'LITERAL',
      operation: 'READ',
    });
    expect(diffAcls([binding('a'), binding('b')], [binding('b'), binding('c')])).toEqual({
      missing: [binding('a')],
      unexpected: [binding('c')],
    });
  });
});
