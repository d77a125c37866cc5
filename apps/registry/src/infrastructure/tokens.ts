export const MONGO = Symbol('MONGO');
