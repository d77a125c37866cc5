export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
