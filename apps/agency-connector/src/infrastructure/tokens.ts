export const KAFKA = Symbol('KAFKA');
export const SCHEMA_REGISTRY = Symbol('SCHEMA_REGISTRY');
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
