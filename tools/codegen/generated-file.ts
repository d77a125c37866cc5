/** Where the TypeScript types generated from `schemas/` live. */
export const generatedFile = 'libs/contracts/src/generated/avro-types.ts';

/** Where the AsyncAPI document generated from the topic catalogue and `schemas/` lives. */
export const asyncApiFile = 'docs/asyncapi.json';

/** The README, whose topic table is generated from the topic catalogue. */
export const readmeFile = 'README.md';
