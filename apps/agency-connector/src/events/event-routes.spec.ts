import { eventRoutesOf } from './event-routes';

describe('event routes of an agency connector', () => {
  it('offers the police their own topics under short names', () => {
    expect(eventRoutesOf('POLICE').get('intelligence-shared')).toBe(
      'police.intelligence.shared.v1',
    );
  });

  it('offers no agency another agency’s topics, nor the hub’s own', () => {
    expect([...eventRoutesOf('HEALTH').values()]).not.toContain('police.intelligence.shared.v1');
    expect([...eventRoutesOf('HUB').values()]).not.toContain('registry.event.dead-lettered.v1');
  });
});
