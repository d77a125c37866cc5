import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { decide, type AccessContext, type Action } from '@hub/security';
import { RecordAccessFacts } from './record-access-facts';

/**
 * Who a command is recorded as: always the authenticated caller. A body may repeat it, but a body
 * naming someone else is refused rather than silently corrected, so that a client's bug shows.
 */
export function actingUserOf(access: AccessContext, given: string | undefined): string {
  if (given !== undefined && given !== access.caller.username) {
    throw new ForbiddenException(
      `actingUser "${given}" is not you: commands are recorded as the authenticated user (${access.caller.username}); leave actingUser out`,
    );
  }
  return access.caller.username;
}

/** Decides a command or a duplicate decision on records by the policy; refuses with its reason. */
@Injectable()
export class CommandAccess {
  constructor(@Inject(RecordAccessFacts) private readonly facts: RecordAccessFacts) {}

  /** Allowed when the policy allows `action` on any of `nominalIds` (a duplicate pair: either record). */
  async check(access: AccessContext, action: Action, nominalIds: readonly string[]): Promise<void> {
    access.nominalIds.push(...nominalIds);
    const facts = await this.facts.of(nominalIds);
    if (facts.size === 0)
      throw new NotFoundException(`no nominal with id ${nominalIds.join(' or ')}`);
    let refusal = '';
    for (const recordFacts of facts.values()) {
      const decision = decide(access.caller, action, recordFacts);
      if (decision.allowed) return;
      refusal = decision.reason;
    }
    throw new ForbiddenException(refusal);
  }
}
