/** Injection tokens of the insights service's infrastructure. */
export const MONGO = Symbol('MONGO');
/** The database of the hub's audit trail (the registry's: one chain for every service). */
export const AUDIT_MONGO = Symbol('AUDIT_MONGO');
export const INSIGHTS_CONFIG = Symbol('INSIGHTS_CONFIG');
/** What time it is: the system clock, or a test's. "Today" of the checks and reports reads it. */
export const CLOCK = Symbol('CLOCK');

export type Clock = () => Date;
