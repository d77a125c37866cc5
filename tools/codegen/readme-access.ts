import { accessRules, type Relation } from '../../libs/security/src/access/need-to-know';

export const accessStart =
  '<!-- access:start (generated from the need-to-know rules by `npm run codegen`) -->';
export const accessEnd = '<!-- access:end -->';

const relations: Relation[] = ['managing', 'co-managing', 'other-area', 'other-jurisdiction'];

const grantWords: Record<string, string> = {
  full: 'yes',
  'break-glass': 'with a reason',
  'national-search-view': 'search view',
  refused: 'no',
};

/** Who may do what through the APIs: one row per action of libs/security's rule table. */
export function accessTable(): string {
  const rows = Object.entries(accessRules).map(([action, rule]) => {
    const byRelation = relations.map((relation) => {
      const grant = rule.byRelation?.[relation];
      if (!grant) return '—';
      if (grant === 'break-glass' && rule.withoutReason === 'national-search-view') {
        return 'search view; full with a reason';
      }
      return grantWords[grant] ?? grant;
    });
    const national = rule.national?.length ? rule.national.join(', ') : '—';
    const sides = rule.bySide?.length ? rule.bySide.join(', ') : '—';
    return `| \`${action}\` | ${rule.roles.join(', ')} | ${byRelation.join(' | ')} | ${sides} | ${national} | ${rule.why} |`;
  });
  return [
    '| action | roles | managing | co-managing | other area | other jurisdiction | transfer side | whatever the relation | rule |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
