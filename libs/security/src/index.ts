export * from './directory/organisation-directory';
export * from './access/roles';
export * from './access/caller';
export * from './kafka/kafka-acls';
