import {
  openTransferStates,
  type TransferKind,
  type TransferState,
  type TransferStep,
} from '@hub/contracts';
import type { Action } from '@hub/security';
import type { DueStep } from '../deadlines/transfer-deadlines';

/**
 * The transfer workflow's states and the commands that move between them, in one table. A receiving
 * area can neither force nor block a person's move: a dispute is escalated, and co-management can
 * begin from a disputed transfer as from an accepted one.
 *
 *   REQUESTED ─acknowledge→ ACKNOWLEDGED ─start-consultation→ CONSULTATION ─accept→ ACCEPTED
 *       │                        │                                │   └─dispute→ DISPUTED ─accept→ ACCEPTED
 *       │                        └────────────dispute─────────────┘                 │
 *       │                                       ACCEPTED, DISPUTED ─begin-co-management→ INTERIM_CO_MANAGEMENT
 *       │                                       INTERIM_CO_MANAGEMENT ─complete→ COMPLETED (permanent)
 *       │                                                             ─return→ RETURNED (temporary)
 *   any open state ─cancel→ CANCELLED;  any open state before co-management ─withdraw→ WITHDRAWN
 */

export const transferCommands = [
  'acknowledge',
  'start-consultation',
  'record-consultation',
  'accept',
  'dispute',
  'begin-co-management',
  'complete',
  'return',
  'cancel',
  'withdraw',
] as const;
export type TransferCommand = (typeof transferCommands)[number];

interface Transition {
  from: readonly TransferState[];
  to: TransferState;
  /** The step the transfer's event records. */
  step: TransferStep;
  /** The need-to-know action (and so the side of the transfer) the command needs. */
  action: Action;
  /** The kinds of transfer the command applies to; absent: both. */
  kinds?: readonly TransferKind[];
}

const beforeCoManagement: readonly TransferState[] = [
  'REQUESTED',
  'ACKNOWLEDGED',
  'CONSULTATION',
  'ACCEPTED',
  'DISPUTED',
];

export const transitions: Readonly<Record<TransferCommand, Transition>> = {
  acknowledge: {
    from: ['REQUESTED'],
    to: 'ACKNOWLEDGED',
    step: 'ACKNOWLEDGED',
    action: 'transfers.receive',
  },
  'start-consultation': {
    from: ['ACKNOWLEDGED'],
    to: 'CONSULTATION',
    step: 'CONSULTATION_STARTED',
    action: 'transfers.receive',
  },
  'record-consultation': {
    from: ['CONSULTATION'],
    to: 'CONSULTATION',
    step: 'CONSULTATION_RECORDED',
    action: 'transfers.receive',
  },
  accept: {
    from: ['CONSULTATION', 'DISPUTED'],
    to: 'ACCEPTED',
    step: 'ACCEPTED',
    action: 'transfers.receive',
  },
  dispute: {
    from: ['ACKNOWLEDGED', 'CONSULTATION'],
    to: 'DISPUTED',
    step: 'DISPUTED',
    action: 'transfers.receive',
  },
  'begin-co-management': {
    from: ['ACCEPTED', 'DISPUTED'],
    to: 'INTERIM_CO_MANAGEMENT',
    step: 'CO_MANAGEMENT_BEGUN',
    action: 'transfers.coordinate',
  },
  complete: {
    from: ['INTERIM_CO_MANAGEMENT'],
    to: 'COMPLETED',
    step: 'COMPLETED',
    action: 'transfers.receive',
    kinds: ['PERMANENT'],
  },
  return: {
    from: ['INTERIM_CO_MANAGEMENT'],
    to: 'RETURNED',
    step: 'RETURNED',
    action: 'transfers.send',
    kinds: ['TEMPORARY'],
  },
  cancel: {
    from: openTransferStates,
    to: 'CANCELLED',
    step: 'CANCELLED',
    action: 'transfers.coordinate',
  },
  withdraw: {
    from: beforeCoManagement,
    to: 'WITHDRAWN',
    step: 'WITHDRAWN',
    action: 'transfers.send',
  },
};

/** The commands a transfer of `kind` in `state` accepts next, in the table's order. */
export function nextCommands(state: TransferState, kind: TransferKind): TransferCommand[] {
  return transferCommands.filter((command) => {
    const transition = transitions[command];
    return (
      transition.from.includes(state) && (!transition.kinds || transition.kinds.includes(kind))
    );
  });
}

/** A command the transfer's state (or kind) does not allow: a 409 naming both. */
export class IllegalTransitionError extends Error {
  constructor(
    readonly state: TransferState,
    readonly kind: TransferKind,
    readonly command: TransferCommand,
    readonly allowed: TransferCommand[],
  ) {
    super(
      `a ${kind.toLowerCase()} transfer in state ${state} cannot ${command}: ` +
        (allowed.length > 0 ? `its next steps are ${allowed.join(', ')}` : 'it has ended'),
    );
    this.name = 'IllegalTransitionError';
  }
}

/** The transition `command` takes from `state`, or IllegalTransitionError. */
export function transitionOf(
  state: TransferState,
  kind: TransferKind,
  command: TransferCommand,
): Transition {
  const transition = transitions[command];
  if (!transition.from.includes(state) || (transition.kinds && !transition.kinds.includes(kind))) {
    throw new IllegalTransitionError(state, kind, command, nextCommands(state, kind));
  }
  return transition;
}

/** The step a transfer in `state` waits for, whose deadline runs; null once it has ended. */
export function awaitedStep(state: TransferState, kind: TransferKind): DueStep | null {
  switch (state) {
    case 'REQUESTED':
      return 'ACKNOWLEDGEMENT';
    case 'ACKNOWLEDGED':
    case 'CONSULTATION':
      return 'CONSULTATION';
    case 'DISPUTED':
      return 'DISPUTE_RESOLUTION';
    case 'ACCEPTED':
      return 'MOVE';
    case 'INTERIM_CO_MANAGEMENT':
      return kind === 'TEMPORARY' ? 'RETURN' : 'COMPLETION';
    default:
      return null;
  }
}
