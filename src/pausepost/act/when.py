"""Times and durations as people type them, stored in UTC and shown in local time.

Stored times are ISO 8601 in UTC (`2024-06-04T13:05:00Z`): the same on every machine and sortable
as text. Shown times are the machine's local time (the `TZ` environment variable wins), because
that is the clock the person reads.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from pausepost.errors import InputError

MAX_MINUTES = 7 * 24 * 60  # a week: the longest hold the profile allows too

_DURATION = re.compile(
    r"^\s*(?:(?P<days>\d{1,3})\s*(?:d|days?)\s*)?(?:(?P<hours>\d{1,4})\s*(?:h|hrs?|hours?)\s*)?"
    r"(?:(?P<minutes>\d{1,6})\s*(?:m|mins?|minutes?)?\s*)?$", re.IGNORECASE)
_CLOCK = r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
_RELATIVE_DAY = re.compile(rf"^(?P<day>today|yesterday|tomorrow)(?:\s+(?:at\s+)?{_CLOCK})?$",
                           re.IGNORECASE)
_BARE_CLOCK = re.compile(rf"^(?:at\s+)?{_CLOCK}$", re.IGNORECASE)
_AGO = re.compile(r"^(?P<n>\d{1,5})\s*(?P<unit>m|mins?|minutes?|h|hrs?|hours?|d|days?)\s+ago$",
                  re.IGNORECASE)
_IN = re.compile(r"^in\s+(?P<n>\d{1,5})\s*(?P<unit>m|mins?|minutes?|h|hrs?|hours?|d|days?)$",
                 re.IGNORECASE)
_EXAMPLES = "'now', '14:05', 'yesterday 21:40', '2024-06-03 14:05' or '30 minutes ago'"


def parse_duration(text: str) -> int:
    """Minutes in "15", "15m", "90 minutes", "1h", "1h30m", "2 hours 5 minutes" or "1d"."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("no duration given: use minutes (15), or hours and minutes (1h30m)")
    m = _DURATION.match(text)
    if not m or not any(m.group(k) for k in ("days", "hours", "minutes")):
        raise InputError(f"{text!r} is not a duration: use minutes (15), or hours and minutes "
                         "(1h30m)")
    minutes = (int(m.group("days") or 0) * 1440 + int(m.group("hours") or 0) * 60
               + int(m.group("minutes") or 0))
    if minutes > MAX_MINUTES:
        raise InputError(f"{text!r} is longer than a week; hold a draft for a week at most")
    return minutes


def format_duration(minutes: int) -> str:
    """15 → "15 minutes", 90 → "1 h 30 min", 1440 → "1 day"."""
    days, rest = divmod(int(minutes), 1440)
    hours, mins = divmod(rest, 60)
    if not days and not hours:
        return f"{mins} minute{'s' if mins != 1 else ''}"
    parts = [f"{days} day{'s' if days != 1 else ''}"] if days else []
    parts += [f"{hours} h"] if hours else []
    parts += [f"{mins} min"] if mins else []
    return " ".join(parts)


def utc_now() -> datetime:
    """Now, as an aware UTC datetime (whole seconds: stored times need no more)."""
    return datetime.now(UTC).replace(microsecond=0)


def to_utc_iso(moment: datetime) -> str:
    """The stored form: ISO 8601 in UTC with a Z."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no known time zone")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def from_utc_iso(text: str) -> datetime:
    """Read a stored time back as an aware UTC datetime."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local(moment: datetime) -> datetime:
    """An aware datetime in this machine's local time zone."""
    return moment.astimezone()


def show_local(moment: datetime, now: datetime | None = None) -> str:
    """For people: "14:35 BST" today, otherwise "Tue 4 Jun 2024 14:35 BST", in local time."""
    here = local(moment)
    zone = here.strftime("%Z") or here.strftime("%z")
    if now is not None and local(now).date() == here.date():
        return f"{here:%H:%M} {zone}".strip()
    return f"{here:%a} {here.day} {here:%b %Y %H:%M} {zone}".strip()


def _unit_delta(n: int, unit: str) -> timedelta:
    unit = unit.lower()
    if unit.startswith("d"):
        return timedelta(days=n)
    if unit.startswith("h"):
        return timedelta(hours=n)
    return timedelta(minutes=n)


def _at_local(day: datetime, hour: str, minute: str, text: str) -> datetime:
    """`day` (naive local) at hh:mm, as an aware local time (the zone's own DST rules apply)."""
    h, m = int(hour), int(minute)
    if h > 23 or m > 59:
        raise InputError(f"{text!r} is not a time of day (use 00:00 to 23:59)")
    return day.replace(hour=h, minute=m, second=0, microsecond=0).astimezone()


def parse_when(text: str, *, now: datetime | None = None, allow_future: bool = False
               ) -> datetime:
    """A moment as a person types it, read in local time, returned in UTC.

    Accepts "now", "14:05" (today; the most recent 14:05 when the future is not allowed),
    "yesterday 21:40", "today 9:00", "tomorrow 10:00", "30 minutes ago", "in 2 hours",
    "2024-06-03 14:05", "2024-06-03" and ISO 8601 with an offset. A time in the future is
    refused unless `allow_future` (a meeting may be ahead; a deletion cannot be).
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"no time given: use {_EXAMPLES}")
    now = (now or utc_now()).astimezone(UTC)
    today = local(now).replace(tzinfo=None)  # naive local wall-clock time
    raw = " ".join(text.split())
    moment: datetime
    if raw.lower() == "now":
        moment = now
    elif m := _BARE_CLOCK.match(raw):
        moment = _at_local(today, m.group("hour"), m.group("minute"), raw)
        if moment > now and not allow_future:  # "23:50" typed at 00:10 means last night
            moment = _at_local(today - timedelta(days=1), m.group("hour"), m.group("minute"),
                               raw)
    elif m := _RELATIVE_DAY.match(raw):
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[m.group("day").lower()]
        day = today + timedelta(days=shift)
        moment = _at_local(day, m.group("hour") or "0", m.group("minute") or "00", raw)
    elif m := _AGO.match(raw):
        moment = now - _unit_delta(int(m.group("n")), m.group("unit"))
    elif m := _IN.match(raw):
        moment = now + _unit_delta(int(m.group("n")), m.group("unit"))
    else:
        try:
            parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"{text!r} is not a time pausepost understands: use "
                             f"{_EXAMPLES}") from None
        if not 2000 <= parsed.year <= 2100:
            raise InputError(f"{text!r} is not a plausible date for a social-media post")
        # a time without an offset is the person's own clock
        moment = parsed.astimezone() if parsed.tzinfo is None else parsed
    moment = moment.astimezone(UTC).replace(microsecond=0)
    if moment > now + timedelta(minutes=1) and not allow_future:
        raise InputError(f"{text!r} is in the future ({show_local(moment)}); give a time "
                         "that has already passed")
    if not 2000 <= moment.year <= 2100:
        raise InputError(f"{text!r} is not a plausible date for a social-media post")
    return moment
