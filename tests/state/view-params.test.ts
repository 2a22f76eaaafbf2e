import { describe, expect, it } from 'vitest';
import { HIDEABLE_CONTROLS, parseViewParams, serializeViewParams, viewPartOf } from '../../src/state/view-params';
import { parseSettings } from '../../src/state/url-state';

describe('view parameters', () => {
  it('are off by default and write nothing', () => {
    const { view, problems } = parseViewParams('?kind=deep&code=8');
    expect(view).toEqual({ presenter: false, hidden: [], lesson: null, step: 0 });
    expect(problems).toEqual([]);
    expect(serializeViewParams(view)).toBe('');
  });

  it('read the presenter switch, hidden controls, a lesson and its step', () => {
    const { view, problems } = parseViewParams('?presenter=1&hide=lr,Batch&lesson=what-is-an-autoencoder&step=2');
    expect(problems).toEqual([]);
    expect(view.presenter).toBe(true);
    expect(view.hidden).toEqual(['lr', 'batch']);
    expect(view.lesson).toBe('what-is-an-autoencoder');
    expect(view.step).toBe(2);
  });

  it('take only= as every other control hidden, and write the shorter form back', () => {
    const { view } = parseViewParams('only=code');
    expect(view.hidden).toEqual(HIDEABLE_CONTROLS.filter((c) => c !== 'code'));
    expect(serializeViewParams(view)).toBe('only=code');
    expect(serializeViewParams({ ...view, hidden: ['seed'] })).toBe('hide=seed');
  });

  it('report what means nothing and ignore it', () => {
    const { view, problems } = parseViewParams('presenter=maybe&hide=lr,wings&lesson=../../etc&step=-1');
    expect(view.presenter).toBe(false);
    expect(view.hidden).toEqual(['lr']);
    expect(view.lesson).toBeNull();
    expect(view.step).toBe(0);
    expect(problems.map((p) => p.param)).toEqual(['presenter', 'hide', 'lesson', 'step']);
  });

  it('round-trip through a query string', () => {
    const query = 'presenter=1&hide=seed,backend&lesson=losses&step=1';
    expect(viewPartOf(`kind=vanilla&${query}`)).toBe(query);
  });

  it('are not unknown parameters to the settings', () => {
    const { problems } = parseSettings('?code=4&presenter=1&only=code&lesson=losses&step=1');
    expect(problems).toEqual([]);
  });
});
