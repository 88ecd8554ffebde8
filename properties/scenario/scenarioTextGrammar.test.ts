import { describe, expect, it } from 'vitest';
import { formatScenarioText } from '../../src/scenario/formatScenarioText.js';
import { SCENARIO_TEXT_GRAMMAR } from '../../src/scenario/parseScenarioText.js';
import { readScenarioFile } from '../../src/scenario/readScenarioFile.js';

describe('SCENARIO_TEXT_GRAMMAR', () => {
  it('shows an example that reads as a valid scenario file and prints back the same', () => {
    const example = SCENARIO_TEXT_GRAMMAR.split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => `${line.slice(2)}\n`)
      .join('');
    const reading = readScenarioFile(example);
    expect(reading.ok, JSON.stringify(reading)).toBe(true);
    if (reading.ok) expect(formatScenarioText(reading.file)).toBe(example);
  });
});
