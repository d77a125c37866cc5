import { AssignerProtocol, type Assignment, type PartitionAssigner } from 'kafkajs';

/**
 * The group protocol name: the broker only lets a member join when it shares a protocol with the
 * members already in, so all consumers of a group must be given this assigner (one offering only
 * the default is refused with INCONSISTENT_GROUP_PROTOCOL rather than silently mixing strategies).
 */
export const CO_PARTITIONED_ASSIGNER_NAME = 'HubCoPartitioned';

const VERSION = 0;

/**
 * Who consumes what, so that partition p of every topic has one owner. Topics are keyed by person,
 * so a person's events sit in the same partition number of every topic; one owner per number means
 * one writer per person across the group.
 *
 * Partition numbers (the union over the subscribed topics, so a topic with more partitions than
 * the others still has each partition owned) are dealt round-robin over the members sorted by id:
 * the outcome does not depend on the order the broker lists members in, and member loads differ by
 * at most one partition number.
 *
 * Mixed subscriptions (e.g. mid-way through a rolling deploy that adds a topic): a member only gets
 * topics it subscribes to. Partition p of a topic goes to p's owner when the owner subscribes to
 * that topic; otherwise it is dealt the same way over the topic's own subscribers, so topics with
 * the same subscribers still stay together. The one-writer guarantee then holds only between topics
 * p's owner subscribes to — the rest may be written by another member until subscriptions agree.
 * Members subscribed to no topic with known partitions are left out of the deal: a partition number they
 * were dealt could only fall back to others.
 *
 * @param subscriptions topics each member subscribes to, by member id
 * @param partitionsByTopic the partition ids of each topic; topics no member subscribes to are ignored
 * @returns every member's topics and partitions (empty for a member that gets none)
 */
export function coPartitionedAssignment(
  subscriptions: ReadonlyMap<string, readonly string[]>,
  partitionsByTopic: ReadonlyMap<string, readonly number[]>,
): Map<string, Assignment> {
  const memberIds = [...subscriptions.keys()].sort();
  const subscribersOf = new Map<string, string[]>();
  for (const memberId of memberIds) {
    for (const topic of new Set(subscriptions.get(memberId))) {
      if (!partitionsByTopic.get(topic)?.length) continue;
      const subscribers = subscribersOf.get(topic);
      if (subscribers) subscribers.push(memberId);
      else subscribersOf.set(topic, [memberId]);
    }
  }

  const partitionNumbers = [
    ...new Set([...subscribersOf.keys()].flatMap((topic) => partitionsByTopic.get(topic) ?? [])),
  ].sort((a, b) => a - b);
  const rankOf = new Map(partitionNumbers.map((partition, rank) => [partition, rank]));
  const owners = memberIds.filter((memberId) =>
    [...subscribersOf.values()].some((subscribers) => subscribers.includes(memberId)),
  );

  const assignments = new Map<string, Assignment>(
    // Null-prototype like kafkajs' own: '__proto__' is a legal Kafka topic name.
    memberIds.map((memberId) => [memberId, Object.create(null) as Assignment]),
  );
  for (const topic of [...subscribersOf.keys()].sort()) {
    const subscribers = subscribersOf.get(topic) ?? [];
    const partitions = [...new Set(partitionsByTopic.get(topic))].sort((a, b) => a - b);
    for (const partition of partitions) {
      const rank = rankOf.get(partition) ?? 0;
      const owner = owners[rank % owners.length];
      const assignee = subscribers.includes(owner) ? owner : subscribers[rank % subscribers.length];
      const assignment = assignments.get(assignee);
      if (!assignment) continue;
      (assignment[topic] ??= []).push(partition);
    }
  }
  return assignments;
}

/** The metadata errors after which kafkajs itself forgets the topics it was asked to load. */
function isTopicLevelError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    'type' in error &&
    [
      'UNKNOWN_TOPIC_OR_PARTITION',
      'INVALID_TOPIC_EXCEPTION',
      'TOPIC_AUTHORIZATION_FAILED',
    ].includes(String(error.type))
  );
}

/**
 * kafkajs assigner applying {@link coPartitionedAssignment}:
 * `kafka.consumer({ groupId, partitionAssigners: [CoPartitionedAssigner] })` on every member.
 */
export const CoPartitionedAssigner: PartitionAssigner = ({ cluster, groupId, logger }) => ({
  name: CO_PARTITIONED_ASSIGNER_NAME,
  version: VERSION,

  async assign({ members, topics }) {
    const subscriptions = new Map(
      members.map(({ memberId, memberMetadata }) => [
        memberId,
        AssignerProtocol.MemberMetadata.decode(memberMetadata)?.topics ?? [],
      ]),
    );
    // kafkajs hands the leader only its own subscription; a topic only other members subscribe to
    // would otherwise have no metadata here and be left unconsumed.
    const groupTopics = [...new Set([...topics, ...[...subscriptions.values()].flat()])];
    const othersOnly = groupTopics.filter((topic) => !topics.includes(topic));
    if (othersOnly.length > 0) {
      try {
        await cluster.addMultipleTargetTopics(othersOnly);
      } catch (error) {
        // A member subscribed to a deleted or forbidden topic must not block every rebalance of the
        // group; the topics left without metadata just get no partitions.
        if (!isTopicLevelError(error)) throw error;
        logger.warn('No metadata for topics only other members subscribe to', {
          groupId,
          topics: othersOnly,
          error: error.message,
        });
      }
    }

    const subscriptionKeys = new Set(
      [...subscriptions.values()].map((subscribed) => [...new Set(subscribed)].sort().join('\n')),
    );
    if (subscriptionKeys.size > 1) {
      logger.warn(
        'Members subscribe to different topics: a partition number may span several members',
        {
          groupId,
          subscriptions: Object.fromEntries(subscriptions),
        },
      );
    }

    const partitionsByTopic = new Map(
      groupTopics.map((topic) => [
        topic,
        cluster.findTopicPartitionMetadata(topic).map(({ partitionId }) => partitionId),
      ]),
    );
    return [...coPartitionedAssignment(subscriptions, partitionsByTopic)].map(
      ([memberId, assignment]) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: VERSION,
          assignment,
          userData: Buffer.alloc(0),
        }),
      }),
    );
  },

  protocol({ topics }) {
    return {
      name: CO_PARTITIONED_ASSIGNER_NAME,
      metadata: AssignerProtocol.MemberMetadata.encode({
        version: VERSION,
        topics,
        userData: Buffer.alloc(0),
      }),
    };
  },
});
