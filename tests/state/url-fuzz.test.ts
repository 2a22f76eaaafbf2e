/**
 * Links as a hostile or careless world writes them, property-based (fast-check):
 * every field given arbitrary text, parameters repeated, unknown or in any
 * case, whole query strings of random bytes. Whatever comes in, the page
 * starts from valid settings (they serialise and parse back with no problem)
 * and names every parameter it ignored.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS, parseSettings, serializeSettings, type Settings } from '../../src/state/url-state';
import { HIDEABLE_CONTROLS, parseViewParams, serializeViewParams, VIEW_PARAM_NAMES } from '../../src/state/view-params';

const PARAMS = FIELDS.map((f) => f.param);

/** Valid settings: serialised, they parse back to themselves with no problem. */
function expectValid(settings: Settings): void {
  const again = parseSettings(serializeSettings(settings));
  expect(again.problems).toEqual([]);
  expect(again.settings).toEqual(settings);
  expect(settings.hidden.length).toBeGreaterThan(0);
  expect(Number.isFinite(settings.learningRate) && settings.learningRate > 0).toBe(true);
}

/** Any text, including the characters links mangle: separators, escapes, spaces, non-ASCII. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.string({ unit: fc.constantFrom(...'0123456789.,-+eE &=%#?'.split('')), maxLength: 12 }),
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-0', '1e309', '0x10', '１２', '1,2,3,4,5', '%', '%ZZ', '\u0000'),
);

describe('any link', () => {
  it('each field given arbitrary text: valid settings, and the field named when its text was not used', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PARAMS), anyText, (param, text) => {
        const search = `?${param}=${encodeURIComponent(text)}`;
        const { settings, problems } = parseSettings(search);
        expectValid(settings);
        const field = FIELDS.find((f) => f.param === param)!;
        const used = field.parse(text).ok;
        expect(problems.map((p) => p.param)).toEqual(used ? [] : [param]);
        if (!used) expect(problems[0].message).toContain(`${param}=`);
      }),
      { numRuns: 2000 },
    );
  });

  it('many fields at once, repeated, in any case, with unknown ones: valid settings, every ignored parameter named once', () => {
    const entry = fc.tuple(fc.oneof(fc.constantFrom(...PARAMS, ...VIEW_PARAM_NAMES), fc.string({ maxLength: 8 })), anyText, fc.boolean());
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        const search = entries
          .map(([name, value, upper]) => `${encodeURIComponent(upper ? name.toUpperCase() : name)}=${encodeURIComponent(value)}`)
          .join('&');
        const { settings, problems } = parseSettings(search);
        expectValid(settings);
        // A problem names a parameter the link had; none is named twice for the same reason.
        const given = new Set([...new URLSearchParams(search).keys()].map((k) => k.toLowerCase()));
        for (const p of problems) expect(given.has(p.param)).toBe(true);
        expect(new Set(problems.map((p) => p.message)).size).toBe(problems.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('a query string of arbitrary characters never throws and still gives valid settings and view', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (search) => {
        expectValid(parseSettings(search).settings);
        const { view } = parseViewParams(search);
        expect(view.hidden.every((c) => HIDEABLE_CONTROLS.includes(c))).toBe(true);
        expect(Number.isInteger(view.step) && view.step >= 0).toBe(true);
        // The view writes back what it read.
        expect(parseViewParams(serializeViewParams(view))).toEqual({ view, problems: [] });
      }),
      { numRuns: 2000 },
    );
  });
});
