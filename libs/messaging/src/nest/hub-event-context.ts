import { BaseRpcContext } from '@nestjs/microservices';
import type { ConsumedEvent } from '../consumer/consumer-runner';

/** What `@Ctx()` gives a hub event handler: the event's topic, key, partition, offset, headers. */
export class HubEventContext extends BaseRpcContext<[ConsumedEvent]> {
  get event(): ConsumedEvent {
    return this.args[0];
  }
}
