import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
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

  /**
   * Allowed when the policy allows `action` on every one of `nominalIds`: a duplicate pair's evidence
   * shows both records, and a merge or link moves one record's facts into the other, so a caller
   * who manages only one side could otherwise read or take the other's.
   */
  async check(access: AccessContext, action: Action, nominalIds: readonly string[]): Promise<void> {
    access.nominalIds.push(...nominalIds);
    const facts = await this.facts.of(nominalIds);
    const missing = nominalIds.filter((id) => !facts.has(id));
    if (missing.length > 0) await this.facts.refuseMissing(missing);
    for (const recordFacts of facts.values()) {
      const decision = decide(access.caller, action, recordFacts);
      if (!decision.allowed) throw new ForbiddenException(decision.reason);
    }
  }
}
