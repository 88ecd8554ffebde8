import type { SubjectReport } from './ConformanceReport.js';
import type { Departure } from './Departure.js';
import { departuresHeadline, describeDeparture } from './describeDeparture.js';

/**
 * One departure as terminal lines: `  N. trigger: breaks ...`, then indented its minimal
 * scenario, expected against observed and the replay command. Pure.
 */
export function formatDeparture(subject: SubjectReport, departure: Departure, number: number): string[] {
  const text = describeDeparture(departure, subject);
  return [
    `  ${number}. ${text.trigger}: breaks ${text.breaks}${text.found === '' ? '' : ` (${text.found})`}`,
    `     scenario: ${text.scenario}`,
    `     ${text.shownBy}, ${text.differences.heading}:`,
    ...text.differences.lines.map((line) => `       ${line}`),
    `     replay: ${text.replay}`,
  ];
}

/**
 * The departures of a subject as terminal lines under its headline
 * (`p-map: 2 departures from asyncio.gather:`), numbered (`formatDeparture`). No line for a
 * subject without departures. Pure.
 */
export function formatDepartures(subject: SubjectReport): string[] {
  const departures = subject.departures ?? [];
  if (departures.length === 0) return [];
  return [
    `${departuresHeadline(subject)}:`,
    ...departures.flatMap((departure, index) => formatDeparture(subject, departure, index + 1)),
  ];
}
