/** Injection tokens of the registry's infrastructure. */
export const MONGO = Symbol('MONGO');
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
export const REGISTRY_CONFIG = Symbol('REGISTRY_CONFIG');
/** What destroys a person's data key (crypto-shredding), for a removal. */
export const PERSON_KEYS = Symbol('PERSON_KEYS');
