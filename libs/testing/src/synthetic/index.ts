export * from './prng';
export * from './places';
export * from './identifiers';
export * from './synthetic-person';
export * from './synthetic-history';
export * from './synthetic-population';
