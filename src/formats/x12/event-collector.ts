/** The tokenizer's default sink: the X12Event objects its push() and end() return. */
import type { X12Delimiters, X12Event, X12InterchangeStartEvent, X12StreamErrorEvent, X12TokenSink } from './types.js';

export class EventCollector implements X12TokenSink {
  private events: X12Event[] = [];

  event(event: X12InterchangeStartEvent | X12StreamErrorEvent): void {
    this.events.push(event);
  }

  segment(id: string, elements: string[], offset: number, index: number, delimiters: X12Delimiters): void {
    this.events.push({ type: 'segment', id, elements, offset, index, delimiters });
  }

  take(): X12Event[] {
    const events = this.events;
    this.events = [];
    return events;
  }
}
