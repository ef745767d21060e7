/**
 * Local wall-clock times in an IANA zone, for timestamps that files write without an offset
 * (an FCP export's `as_of`). Pure: the zone rules come from Intl, never from the process TZ.
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * The instant at which the zone's clocks show `wall`. In a spring-forward gap (a time that never
 * happens) the instant is the one the earlier offset gives, i.e. the clock reading as if the jump
 * had not happened yet; in a fall-back overlap the first of the two instants is chosen.
 */
export function instantOfWallTime(wall: WallTime, timezone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  // The offset can differ on either side of the answer, so two rounds settle it.
  const first = asUtc - offsetMs(timezone, asUtc);
  const second = asUtc - offsetMs(timezone, first);
  if (first === second) return new Date(first);
  // Ambiguous or skipped: try both offsets and keep the earliest instant that shows this wall time,
  // else (a gap) the instant from the offset before the transition.
  const candidates = [first, second].sort((a, b) => a - b);
  const exact = candidates.find((t) => t + offsetMs(timezone, t) === asUtc);
  return new Date(exact ?? asUtc - offsetMs(timezone, candidates[0]! - 3_600_000));
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function offsetMs(timezone: string, at: number): number {
  const parts = formatter(timezone).formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const hour = get('hour') % 24;
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), hour, get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}
