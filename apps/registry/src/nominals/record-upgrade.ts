import type { NominalContent } from './nominal.documents';

/**
 * The value each field added to the record since records were first written has on a record
 * written before it: an older record is read as if it had always had them, and gains them when
 * next written. A fresh object each call, so that no record shares a default array.
 */
function fieldsAddedSinceFirstRelease(): Partial<NominalContent> {
  return {
    rederiveOn: null,
  };
}

/** A stored record's content, with every field the current code expects. */
export function upgradedContent(stored: Partial<NominalContent>): NominalContent {
  return { ...fieldsAddedSinceFirstRelease(), ...stored } as NominalContent;
}
