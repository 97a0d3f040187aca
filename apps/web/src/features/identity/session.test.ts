import { NO_AREAS } from '@dargah/contracts';
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../lib/contracts';
import { areasOf, linkedAreas } from './session';

const session = (kind: 'citizen' | 'staff', areas: Partial<SessionInfo['areas']>): SessionInfo => ({
  kind,
  id: '00000000-0000-4000-8000-000000000001',
  displayName: 'آزمون',
  onBehalfOf: null,
  agency: null,
  roles: [],
  csrfToken: 'x',
  expiresAt: '2030-01-01T00:00:00.000Z',
  canActFor: [],
  areas: { ...NO_AREAS, ...areas },
});

describe('the areas the web app links', () => {
  it('shows a visitor both doors, each asking to sign in, and no administration', () => {
    expect(linkedAreas(null)).toEqual({ me: true, staff: true, admin: false });
    expect(areasOf(null)).toEqual(NO_AREAS);
  });

  it('shows a signed-in person only what the server granted', () => {
    expect(linkedAreas(session('citizen', { me: true }))).toEqual({ me: true, staff: false, admin: false });
    expect(linkedAreas(session('staff', { staff: true }))).toEqual({ me: false, staff: true, admin: false });
    expect(linkedAreas(session('staff', { staff: true, administration: true }))).toEqual({
      me: false,
      staff: true,
      admin: true,
    });
  });
});
