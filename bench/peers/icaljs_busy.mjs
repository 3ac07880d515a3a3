// The ical.js peer of `yhteisaika busy` (bench/busy_bench.sh): the same work on
// the same folder — parse every .ics file, expand recurrences with their
// overrides inside the window, keep the opaque, not cancelled events as busy
// intervals, sort and merge them per file — and print, per file, how many
// merged intervals it has (a sanity check against ours, not the timed part).
//   TZ=Europe/Helsinki node bench/peers/icaljs_busy.mjs DIR FROM_UTC_ISO DAYS
// (TZ: all-day dates are Helsinki days, as in ours.)
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';

const [dir, fromIso, daysText] = process.argv.slice(2);
const windowStart = Date.parse(fromIso);
const windowEnd = windowStart + Number(daysText) * 86400000;

function busyOf(text) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  }
  const masters = new Map();
  const overrides = [];
  for (const vevent of root.getAllSubcomponents('vevent')) {
    // exceptions: [] stops ical.js from relating every RECURRENCE-ID event of the
    // file to every master whatever its UID; they are related by UID below.
    const event = new ICAL.Event(vevent, { exceptions: [] });
    if (event.isRecurrenceException()) overrides.push(event);
    else masters.set(event.uid, event);
  }
  for (const o of overrides) masters.get(o.uid)?.relateException(o);
  const out = [];
  const add = (component, start, end) => {
    if (component.getFirstPropertyValue('transp') === 'TRANSPARENT') return;
    if (component.getFirstPropertyValue('status') === 'CANCELLED') return;
    const s = start.toJSDate().getTime();
    const e = end.toJSDate().getTime();
    // Empty events take no time (ours drops them too).
    if (e > s && e > windowStart && s < windowEnd) out.push([Math.max(s, windowStart), Math.min(e, windowEnd)]);
  };
  for (const event of masters.values()) {
    if (!event.isRecurring()) {
      add(event.component, event.startDate, event.endDate);
      continue;
    }
    const it = event.iterator();
    for (let next = it.next(); next; next = it.next()) {
      if (next.toJSDate().getTime() >= windowEnd) break;
      const d = event.getOccurrenceDetails(next);
      add(d.item.component, d.startDate, d.endDate);
    }
    // An occurrence moved into the window from beyond its end (ours counts it).
    for (const o of Object.values(event.exceptions)) {
      if (o.recurrenceId.toJSDate().getTime() >= windowEnd) add(o.component, o.startDate, o.endDate);
    }
  }
  out.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const iv of out) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push(iv);
  }
  return merged;
}

let total = 0;
for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.ics')).sort()) {
  total += busyOf(fs.readFileSync(path.join(dir, name), 'utf8')).length;
}
console.log(`intervals: ${total}`);
