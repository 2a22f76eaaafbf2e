import { describe, expect, it } from 'vitest';
import { withView } from '../../src/app/view-store';
import { DEFAULT_VIEW } from '../../src/state/view-params';

describe('withView', () => {
  it('replaces the view part and keeps the settings in their order', () => {
    const search = '?kind=deep&code=8&presenter=1&lesson=old&step=3';
    expect(withView(search, { ...DEFAULT_VIEW, lesson: 'losses', step: 1 })).toBe('kind=deep&code=8&lesson=losses&step=1');
    expect(withView(search, DEFAULT_VIEW)).toBe('kind=deep&code=8');
  });

  it('keeps commas in lists readable', () => {
    expect(withView('?hidden=128,64', { ...DEFAULT_VIEW, hidden: ['lr'] })).toBe('hidden=128,64&hide=lr');
  });
});
