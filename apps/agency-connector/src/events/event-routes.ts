import { topicCatalogue, type Agency, type TopicName } from '@hub/contracts';

/**
 * The event types an agency may publish, by URL name: `police.intelligence.shared.v1` is
 * `intelligence-shared` for the police connector. Derived from the topic catalogue's publishers.
 */
export function eventRoutesOf(agency: Agency): Map<string, TopicName> {
  const routes = new Map<string, TopicName>();
  for (const [topic, definition] of Object.entries(topicCatalogue)) {
    const publishers: readonly Agency[] = definition.publishers;
    if (!publishers.includes(agency) || definition.valueSchema === null) continue;
    const [, entity, event] = topic.split('.');
    routes.set(`${entity}-${event}`, topic as TopicName);
  }
  return routes;
}
