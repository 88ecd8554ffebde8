import { describe, expect, it } from 'vitest';
import type { FailedPropertyReport } from '../../src/conformance/Departure.js';
import { findDepartures, type DepartureSearch } from '../../src/conformance/findDepartures.js';
import type { PropertyReport } from '../../src/properties/checkProperty.js';
import { gatherProperties } from '../../src/properties/gatherProperties.js';
import type { Trigger } from '../../src/scenario/Trigger.js';

/**
 * A made-up subject: each property breaks for the first of its causes that generation
 * does not leave out (`any`: on every scenario). The cause shows as the failure's reason.
 */
const CAUSES: Readonly<Record<string, readonly (Trigger | 'any')[]>> = {
  start: ['duplicates'],
  order: ['duplicates', 'error'],
  success: ['error'],
  'fail-fast': ['any'],
};
const ids = Object.keys(CAUSES);
const properties = gatherProperties.filter((property) => ids.includes(property.id));

function verdict(id: string, without: readonly Trigger[]): PropertyReport {
  const property = properties.find((one) => one.id === id) ?? properties[0];
  if (property === undefined) throw new Error(`no property ${id}`);
  const cause = (CAUSES[id] ?? []).find((one) => one === 'any' || !without.includes(one));
  if (cause === undefined) return { status: 'pass', property, numRuns: 10, seed: 1 };
  return {
    status: 'fail',
    property,
    numRuns: 1,
    seed: 1,
    path: '0',
    scenario: { tasks: [] },
    failure: { reason: cause, expected: null, observed: null },
  };
}

/** The search on the made-up subject, recording the re-checks it is asked for. */
function madeUpSearch(rechecks: [readonly string[], readonly Trigger[]][]): DepartureSearch {
  return {
    recheck: (propertyIds, without) => {
      rechecks.push([propertyIds, without]);
      return Promise.resolve(propertyIds.map((id) => verdict(id, without)));
    },
    triggersOf: (failure: FailedPropertyReport) =>
      Promise.resolve(failure.failure.reason === 'any' ? [] : [failure.failure.reason as Trigger]),
  };
}

const firstRound = ids.map((id) => verdict(id, []));

describe('findDepartures', () => {
  it('records one departure per cause, re-checking only its properties without every trigger found so far', async () => {
    const rechecks: [readonly string[], readonly Trigger[]][] = [];
    const departures = await findDepartures(firstRound, madeUpSearch(rechecks));
    expect(
      departures.map(({ trigger, properties: broken, without, failure }) => ({
        trigger,
        broken,
        without,
        shownBy: failure.property.id,
      })),
    ).toEqual([
      { trigger: 'duplicates', broken: ['start', 'order'], without: [], shownBy: 'start' },
      // R2's error was hidden behind duplicates; R3's was in sight from the start.
      { trigger: 'error', broken: ['order', 'success'], without: ['duplicates'], shownBy: 'order' },
      // Plain scenarios cannot be left out: no re-check.
      { trigger: 'any', broken: ['fail-fast'], without: [], shownBy: 'fail-fast' },
    ]);
    expect(rechecks).toEqual([
      [['start', 'order'], ['duplicates']],
      [
        ['order', 'success'],
        ['duplicates', 'error'],
      ],
    ]);
  });

  it('stops at the budget: no more departures, no more re-checks than it allows', async () => {
    const rechecks: [readonly string[], readonly Trigger[]][] = [];
    const one = await findDepartures(firstRound, madeUpSearch(rechecks), { departures: 1, rechecks: 48 });
    expect(one.map((departure) => departure.trigger)).toEqual(['duplicates']);
    expect(rechecks).toEqual([]);
    const few = await findDepartures(firstRound, madeUpSearch(rechecks), { departures: 5, rechecks: 3 });
    // After one re-check of 2 properties, the next 2 would pass the budget: what is known is reported.
    expect(few.map((departure) => [departure.trigger, departure.properties])).toEqual([
      ['duplicates', ['start', 'order']],
      ['error', ['order', 'success']],
      ['any', ['fail-fast']],
    ]);
    expect(rechecks).toHaveLength(1);
  });

  it('leaves out a trigger whose own properties the budget did not re-check, so it is never recorded twice', async () => {
    const rechecks: [readonly string[], readonly Trigger[]][] = [];
    // Duplicates' 2 properties pass the budget of 1; error's 1 property is re-checked, without both.
    const round = [verdict('start', []), verdict('order', []), { ...verdict('success', []) }];
    const departures = await findDepartures(round, madeUpSearch(rechecks), { departures: 5, rechecks: 1 });
    expect(departures.map((departure) => departure.trigger)).toEqual(['duplicates', 'error']);
    expect(rechecks).toEqual([[['success'], ['duplicates', 'error']]]);
  });

  it('finds nothing when nothing failed', async () => {
    const passing = ids.map((id) => verdict(id, ['duplicates', 'error']).property);
    const reports = passing.map((property): PropertyReport => ({ status: 'pass', property, numRuns: 1, seed: 1 }));
    expect(await findDepartures(reports, madeUpSearch([]))).toEqual([]);
  });
});
