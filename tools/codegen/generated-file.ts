/** Where the TypeScript types generated from `schemas/` live. */
export const generatedFile = 'libs/contracts/src/generated/avro-types.ts';
