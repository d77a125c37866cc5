import { AssignerProtocol, type Assignment, type Cluster, type Logger } from 'kafkajs';
import {
  CO_PARTITIONED_ASSIGNER_NAME,
  CoPartitionedAssigner,
  coPartitionedAssignment,
} from './co-partitioned-assigner';

const range = (count: number) => Array.from({ length: count }, (_, partition) => partition);

const subscribedToAll = (memberIds: readonly string[], topics: readonly string[]) =>
  new Map(memberIds.map((memberId) => [memberId, topics]));

/** Who got each partition, as 'topic/partition' → member ids (more than one is a double assignment). */
function ownersOf(assignments: ReadonlyMap<string, Assignment>): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const [memberId, assignment] of assignments)
    for (const [topic, partitions] of Object.entries(assignment))
      for (const partition of partitions) {
        const key = `${topic}/${partition}`;
        owners.set(key, [...(owners.get(key) ?? []), memberId]);
      }
  return owners;
}

function partitionNumbersOf(assignment: Assignment): number[] {
  return [...new Set(Object.values(assignment).flat())].sort((a, b) => a - b);
}

describe('co-partitioned assignment', () => {
  const topics = ['person.registered', 'person.moved', 'registry.retry'];
  const partitionsByTopic = new Map(topics.map((topic) => [topic, range(6)]));

  it('assigns every partition of every topic exactly once', () => {
    const owners = ownersOf(
      coPartitionedAssignment(subscribedToAll(['a', 'b', 'c', 'd'], topics), partitionsByTopic),
    );
    expect([...owners.keys()].sort()).toEqual(
      topics.flatMap((topic) => range(6).map((partition) => `${topic}/${partition}`)).sort(),
    );
    for (const members of owners.values()) expect(members).toHaveLength(1);
  });

  it('gives partition p of all topics to one member', () => {
    const assignments = coPartitionedAssignment(
      subscribedToAll(['a', 'b', 'c', 'd'], topics),
      partitionsByTopic,
    );
    for (const assignment of assignments.values()) {
      expect(Object.keys(assignment).sort()).toEqual([...topics].sort());
      for (const topic of topics) expect(assignment[topic]).toEqual(partitionNumbersOf(assignment));
    }
  });

  it('balances partition numbers to within one', () => {
    const assignments = coPartitionedAssignment(
      subscribedToAll(['a', 'b', 'c', 'd'], topics),
      partitionsByTopic,
    );
    const loads = [...assignments.values()].map(
      (assignment) => partitionNumbersOf(assignment).length,
    );
    expect(loads.sort()).toEqual([1, 1, 2, 2]);
  });

  it('does not depend on the order members are listed in', () => {
    const sorted = coPartitionedAssignment(
      subscribedToAll(['a', 'b', 'c'], topics),
      partitionsByTopic,
    );
    const shuffled = coPartitionedAssignment(
      subscribedToAll(['c', 'a', 'b'], topics),
      new Map([...partitionsByTopic].reverse().map(([topic, ids]) => [topic, [...ids].reverse()])),
    );
    expect(Object.fromEntries(shuffled)).toEqual(Object.fromEntries(sorted));
    expect(sorted.get('a')).toEqual({
      'person.moved': [0, 3],
      'person.registered': [0, 3],
      'registry.retry': [0, 3],
    });
  });

  it('gives a lone member everything', () => {
    const assignments = coPartitionedAssignment(subscribedToAll(['a'], topics), partitionsByTopic);
    expect(Object.fromEntries(assignments)).toEqual({
      a: Object.fromEntries(topics.map((topic) => [topic, range(6)])),
    });
  });

  it('leaves members beyond the number of partitions with nothing', () => {
    const members = ['a', 'b', 'c', 'd', 'e'];
    const assignments = coPartitionedAssignment(
      subscribedToAll(members, ['x', 'y']),
      new Map([
        ['x', range(3)],
        ['y', range(3)],
      ]),
    );
    expect(Object.fromEntries(assignments)).toEqual({
      a: { x: [0], y: [0] },
      b: { x: [1], y: [1] },
      c: { x: [2], y: [2] },
      d: {},
      e: {},
    });
  });

  it('keeps the partitions of a topic with more partitions with the owners of their numbers', () => {
    const assignments = coPartitionedAssignment(
      subscribedToAll(['a', 'b'], ['small', 'large']),
      new Map([
        ['small', range(2)],
        ['large', range(5)],
      ]),
    );
    expect(Object.fromEntries(assignments)).toEqual({
      a: { large: [0, 2, 4], small: [0] },
      b: { large: [1, 3], small: [1] },
    });
  });

  describe('with members subscribing to different topics', () => {
    // Mid-way through a rolling deploy that adds 'registry.retry': only 'b' subscribes to it yet.
    const subscriptions = new Map([
      ['a', ['person.registered', 'person.moved']],
      ['b', topics],
      ['c', ['person.registered', 'person.moved']],
    ]);
    const assignments = coPartitionedAssignment(subscriptions, partitionsByTopic);

    it('still assigns every partition exactly once, each to a subscriber', () => {
      const owners = ownersOf(assignments);
      expect(owners.size).toBe(topics.length * 6);
      for (const [key, members] of owners) {
        expect(members).toHaveLength(1);
        const topic = key.slice(0, key.lastIndexOf('/'));
        expect(subscriptions.get(members[0])).toContain(topic);
      }
    });

    it("keeps partition p together across the topics p's owner subscribes to", () => {
      expect(Object.fromEntries(assignments)).toEqual({
        a: { 'person.moved': [0, 3], 'person.registered': [0, 3] },
        b: { 'person.moved': [1, 4], 'person.registered': [1, 4], 'registry.retry': range(6) },
        c: { 'person.moved': [2, 5], 'person.registered': [2, 5] },
      });
    });

    it('gives no partition number to a member subscribed to no known topic', () => {
      const withStranger = coPartitionedAssignment(
        new Map([...subscribedToAll(['a', 'b'], ['x']), ['c', ['unknown']]]),
        new Map([
          ['x', range(4)],
          ['unknown', []],
        ]),
      );
      expect(Object.fromEntries(withStranger)).toEqual({
        a: { x: [0, 2] },
        b: { x: [1, 3] },
        c: {},
      });
    });
  });
});

describe('co-partitioned kafkajs assigner', () => {
  const partitionsByTopic: Record<string, number> = { x: 3, y: 3, z: 2 };
  const addMultipleTargetTopics = jest.fn<Promise<void>, [string[]]>(() => Promise.resolve());
  const cluster = {
    addMultipleTargetTopics,
    findTopicPartitionMetadata: (topic: string) =>
      range(partitionsByTopic[topic] ?? 0).map((partitionId) => ({
        partitionErrorCode: 0,
        partitionId,
        leader: 0,
        replicas: [0],
        isr: [0],
      })),
  } as unknown as Cluster; // only what an assigner calls
  const logger = { warn: jest.fn() } as unknown as Logger;
  const assigner = CoPartitionedAssigner({ cluster, groupId: 'registry', logger });

  const member = (memberId: string, topics: string[]) => ({
    memberId,
    memberMetadata: assigner.protocol({ topics }).metadata,
  });
  const decoded = (assignments: { memberId: string; memberAssignment: Buffer }[]) =>
    Object.fromEntries(
      assignments.map(({ memberId, memberAssignment }) => [
        memberId,
        AssignerProtocol.MemberAssignment.decode(memberAssignment)?.assignment,
      ]),
    );

  it('offers its protocol under the shared name with the subscription', () => {
    const { name, metadata } = assigner.protocol({ topics: ['x', 'y'] });
    expect(name).toBe(CO_PARTITIONED_ASSIGNER_NAME);
    expect(AssignerProtocol.MemberMetadata.decode(metadata)?.topics).toEqual(['x', 'y']);
  });

  it('encodes a co-partitioned assignment for every member', async () => {
    const assignments = await assigner.assign({
      members: [member('m2', ['x', 'y']), member('m1', ['x', 'y']), member('m3', ['x', 'y'])],
      topics: ['x', 'y'],
    });
    expect(decoded(assignments)).toEqual({
      m1: { x: [0], y: [0] },
      m2: { x: [1], y: [1] },
      m3: { x: [2], y: [2] },
    });
    expect(addMultipleTargetTopics).not.toHaveBeenCalled();
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('loads the metadata of topics only other members subscribe to, and warns', async () => {
    const assignments = await assigner.assign({
      members: [member('m1', ['x']), member('m2', ['x', 'z'])],
      topics: ['x'],
    });
    expect(addMultipleTargetTopics).toHaveBeenCalledWith(['z']);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(decoded(assignments)).toEqual({
      m1: { x: [0, 2] },
      m2: { x: [1], z: [0, 1] },
    });
  });

  it('still assigns the known topics when another member subscribes to a missing one', async () => {
    const gone = Object.assign(new Error('This server does not host this topic-partition'), {
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
    addMultipleTargetTopics.mockRejectedValueOnce(gone);
    const assignments = await assigner.assign({
      members: [member('m1', ['x']), member('m2', ['x', 'deleted'])],
      topics: ['x'],
    });
    expect(decoded(assignments)).toEqual({ m1: { x: [0, 2] }, m2: { x: [1] } });
  });

  it('fails the assignment when the metadata cannot be loaded at all', async () => {
    addMultipleTargetTopics.mockRejectedValueOnce(new Error('Connection timeout'));
    await expect(
      assigner.assign({ members: [member('m1', ['x']), member('m2', ['z'])], topics: ['x'] }),
    ).rejects.toThrow('Connection timeout');
  });
});
