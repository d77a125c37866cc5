/** Injection tokens of the transfer coordinator's infrastructure. */
export const MONGO = Symbol('MONGO');
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
export const TRANSFER_CONFIG = Symbol('TRANSFER_CONFIG');
/** What time it is: the system clock, or a test's. Deadlines and escalations read it. */
export const CLOCK = Symbol('CLOCK');

export type Clock = () => Date;
/** The deadlines the service runs with (validated at start). */
export const TRANSFER_DEADLINES = Symbol('TRANSFER_DEADLINES');
/** The database of the hub's audit trail (the registry's: one chain for every service). */
export const AUDIT_MONGO = Symbol('AUDIT_MONGO');
