import { partnerIdFromName } from '../../domain/partner';

describe('partner ids', () => {
  it.each([
    ['Minderhedenforum', 'minderhedenforum'],
    ['GO! onderwijs van de Vlaamse Gemeenschap', 'go-onderwijs-van-de-vlaamse-gemeenschap'],
    ['  VVSG  ', 'vvsg'],
    ['Católica Éducation', 'catolica-education'],
    ['!!!', ''],
  ])('%j → %j', (name, id) => expect(partnerIdFromName(name)).toBe(id));

  it('maps the same organisation written differently to the same id', () => {
    expect(partnerIdFromName('Unizo')).toBe(partnerIdFromName(' UNIZO '));
  });

  it('keeps ids short enough for readable workflow ids', () => {
    expect(partnerIdFromName('a'.repeat(100) + ' b').length).toBeLessThanOrEqual(60);
  });
});
