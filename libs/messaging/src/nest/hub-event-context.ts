import { BaseRpcContext } from '@nestjs/microservices';
import type { ConsumedEvent } from '../consumer/consumed-event';

/** What `@Ctx()` gives a hub event handler: the event's topic, key, partition, offset, headers. */
export class HubEventContext extends BaseRpcContext<[ConsumedEvent]> {
  get event(): ConsumedEvent {
    return this.args[0];
  }
}

/** What `@Ctx()` gives an `@OnHubEvents` handler: the events of the batch, with where each came from. */
export class HubEventBatchContext extends BaseRpcContext<[readonly ConsumedEvent[]]> {
  get events(): readonly ConsumedEvent[] {
    return this.args[0];
  }
}
