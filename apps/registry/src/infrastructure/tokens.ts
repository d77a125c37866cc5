/** Injection tokens of the registry's infrastructure. */
export const MONGO = Symbol('MONGO');
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
export const REGISTRY_CONFIG = Symbol('REGISTRY_CONFIG');
