export * from './directory/organisation-directory';
export * from './access/roles';
export * from './access/caller';
export * from './authentication/access-token-verifier';
export * from './access/need-to-know';
