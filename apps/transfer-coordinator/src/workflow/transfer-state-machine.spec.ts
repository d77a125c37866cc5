import {
  awaitedStep,
  IllegalTransitionError,
  nextCommands,
  transitionOf,
  type TransferCommand,
} from './transfer-state-machine';
import type { TransferKind, TransferState } from '@hub/contracts';

/** Every legal move of the workflow, transition by transition: [from, command, kind, to]. */
const legal: [TransferState, TransferCommand, TransferKind, TransferState][] = [
  ['REQUESTED', 'acknowledge', 'PERMANENT', 'ACKNOWLEDGED'],
  ['ACKNOWLEDGED', 'start-consultation', 'PERMANENT', 'CONSULTATION'],
  ['CONSULTATION', 'record-consultation', 'PERMANENT', 'CONSULTATION'],
  ['CONSULTATION', 'accept', 'PERMANENT', 'ACCEPTED'],
  ['CONSULTATION', 'dispute', 'PERMANENT', 'DISPUTED'],
  ['ACKNOWLEDGED', 'dispute', 'PERMANENT', 'DISPUTED'],
  ['DISPUTED', 'accept', 'PERMANENT', 'ACCEPTED'],
  ['ACCEPTED', 'begin-co-management', 'PERMANENT', 'INTERIM_CO_MANAGEMENT'],
  ['DISPUTED', 'begin-co-management', 'PERMANENT', 'INTERIM_CO_MANAGEMENT'],
  ['INTERIM_CO_MANAGEMENT', 'complete', 'PERMANENT', 'COMPLETED'],
  ['INTERIM_CO_MANAGEMENT', 'return', 'TEMPORARY', 'RETURNED'],
  ['REQUESTED', 'withdraw', 'PERMANENT', 'WITHDRAWN'],
  ['DISPUTED', 'withdraw', 'TEMPORARY', 'WITHDRAWN'],
  ['REQUESTED', 'cancel', 'PERMANENT', 'CANCELLED'],
  ['INTERIM_CO_MANAGEMENT', 'cancel', 'TEMPORARY', 'CANCELLED'],
];

describe('the transfer state machine', () => {
  it.each(legal)('takes %s --%s--> (%s) to %s', (from, command, kind, to) => {
    expect(transitionOf(from, kind, command).to).toBe(to);
  });

  it('refuses an illegal step naming the state and the allowed next steps', () => {
    expect(() => transitionOf('REQUESTED', 'PERMANENT', 'accept')).toThrow(
      new IllegalTransitionError('REQUESTED', 'PERMANENT', 'accept', [
        'acknowledge',
        'cancel',
        'withdraw',
      ]),
    );
    const error = (() => {
      try {
        transitionOf('REQUESTED', 'PERMANENT', 'accept');
      } catch (caught) {
        return caught as IllegalTransitionError;
      }
    })();
    expect(error?.message).toBe(
      'a permanent transfer in state REQUESTED cannot accept: its next steps are acknowledge, cancel, withdraw',
    );
  });

  it('completes only a permanent transfer and returns only a temporary one', () => {
    expect(() => transitionOf('INTERIM_CO_MANAGEMENT', 'TEMPORARY', 'complete')).toThrow(
      IllegalTransitionError,
    );
    expect(() => transitionOf('INTERIM_CO_MANAGEMENT', 'PERMANENT', 'return')).toThrow(
      IllegalTransitionError,
    );
    expect(nextCommands('INTERIM_CO_MANAGEMENT', 'TEMPORARY')).toEqual(['return', 'cancel']);
    expect(nextCommands('INTERIM_CO_MANAGEMENT', 'PERMANENT')).toEqual(['complete', 'cancel']);
  });

  it('cannot withdraw once the person has moved, and nothing follows an ended transfer', () => {
    expect(nextCommands('INTERIM_CO_MANAGEMENT', 'PERMANENT')).not.toContain('withdraw');
    for (const ended of ['COMPLETED', 'RETURNED', 'CANCELLED', 'WITHDRAWN'] as const) {
      expect(nextCommands(ended, 'PERMANENT')).toEqual([]);
      expect(() => transitionOf(ended, 'PERMANENT', 'cancel')).toThrow(/it has ended/);
    }
  });

  it('lets a receiving area dispute but never block: co-management begins from a dispute', () => {
    expect(nextCommands('DISPUTED', 'PERMANENT')).toEqual([
      'accept',
      'begin-co-management',
      'cancel',
      'withdraw',
    ]);
  });

  it('says which step each open state waits for', () => {
    expect(awaitedStep('REQUESTED', 'PERMANENT')).toBe('ACKNOWLEDGEMENT');
    expect(awaitedStep('ACKNOWLEDGED', 'PERMANENT')).toBe('CONSULTATION');
    expect(awaitedStep('CONSULTATION', 'PERMANENT')).toBe('CONSULTATION');
    expect(awaitedStep('DISPUTED', 'PERMANENT')).toBe('DISPUTE_RESOLUTION');
    expect(awaitedStep('ACCEPTED', 'PERMANENT')).toBe('MOVE');
    expect(awaitedStep('INTERIM_CO_MANAGEMENT', 'PERMANENT')).toBe('COMPLETION');
    expect(awaitedStep('INTERIM_CO_MANAGEMENT', 'TEMPORARY')).toBe('RETURN');
    expect(awaitedStep('COMPLETED', 'PERMANENT')).toBeNull();
  });
});
