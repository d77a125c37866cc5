export * from './directory/organisation-directory';
export * from './access/roles';
