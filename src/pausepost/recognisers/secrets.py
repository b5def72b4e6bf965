"""Recognisers for secure data in a post (rule "security.secure-data").

Wi-Fi credentials, door and key-safe codes, building passes, passwords and API
keys. Most secrets have no fixed format, so these recognisers look for a
keyword followed by a value and then throw the value away when it is plainly
not a secret ("the password is on the wall", "discount code SAVE10"). The
false-positive filters are small named predicates, all listed in
:data:`VALUE_FILTERS` and :data:`TOKEN_FILTERS`.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable

from pausepost.recognisers.base import (
    Match,
    Scan,
    ScanRecogniser,
    keywords,
    phrases,
    resolve_overlaps,
    word_set,
)

__all__ = [
    "RECOGNISERS",
    "TOKEN_FILTERS",
    "VALUE_FILTERS",
    "find_all",
    "is_common_word",
    "is_hashtag_or_mention",
    "is_html_entity",
    "is_placeholder",
    "is_sequential",
    "is_templated",
    "looks_like_url",
    "looks_like_uuid",
    "parse_wifi_qr",
    "shannon_entropy",
]

# --------------------------------------------------------------------------
# False-positive filters: each returns True when a value is NOT a secret.
# --------------------------------------------------------------------------

# Words that follow "password is"/"wifi is"/"key" in ordinary sentences.
COMMON_WORDS = word_set(
    """a an the and or but if of to in on at by for from with without into onto about as is are
    was were be been being am it its it's this that these those there here where what which who
    whom whose when why how all any some none no not never nothing something anything everything
    same different new old changed changing change changes expired expiring wrong incorrect right
    correct case sensitive required needed mandatory optional easy hard simple complex secure
    insecure strong weak long short too so very really quite still just only now then again also
    always usually being written printed posted stuck taped pinned displayed shown listed below
    above attached included provided available shared sent given emailed texted on reset locked
    blank empty free open closed down up off out over slow fast quick working broken rubbish
    terrible awful dreadful shocking useless fine ok okay good bad great better worse best worst
    back ready sorted fixed done gone lost forgotten unknown hidden secret private confidential
    my your his her their our mine yours theirs ours me you him them us we they he she i
    password passwords pass passcode pw pwd pin code codes key keys wifi network login username
    user name same as usual normal standard default expired ridiculous annoying impossible
    what's whats somewhere anywhere everywhere behind under beside near next inside outside
    please thanks cheers lol haha innit mate guys everyone someone anyone nobody
    stored saved managed controlled protected encrypted required needed set sent via
    team staff office building admin manager desk board wall fridge poster noticeboard sticker
    card back front top bottom side left right"""
)

_PLACEHOLDER_RE = re.compile(
    r"^(?:<[^<>]*>|\[[^\[\]]*\]|\{[^{}]*\}|\$\{[^}]*\}|\{\{.*\}\}|%\w+%|\$[A-Z_]{3,}"
    r"|(?:your|my|the|enter|insert)[_\- ]?(?:password|pass|pw|key|token|secret|api[_\-]?key|code)"
    r"(?:[_\- ]?here)?|redacted|removed|hidden|example|dummy|changeme|n/?a|tbc|tbd|none|null"
    r"|undefined|password|secret|token|\.\.\.+|…)$",
    re.IGNORECASE,
)


def is_placeholder(value: str) -> bool:
    """True for stand-ins such as "xxxx", "<password>", "********", "${TOKEN}", "[redacted]"."""
    v = value.strip()
    if len(v) >= 3 and len(set(v.lower())) == 1:  # xxxx, ****, ####, ....
        return True
    return bool(_PLACEHOLDER_RE.match(v))


_SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "zyxwvutsrqponmlkjihgfedcba",
    "0123456789012345678901234567890",
    "9876543210987654321098765432109",
    "qwertyuiopasdfghjklzxcvbnm",
)


_NON_ALNUM_RE = re.compile(r"[\W_]")
_ALPHA_OR_DIGIT_RUN_RE = re.compile(r"[a-z]+|\d+")


def is_sequential(value: str) -> bool:
    """True for keyboard or counting runs ("abcdef123456", "qwertyuiop", "12345678")."""
    v = _NON_ALNUM_RE.sub("", value.lower())
    if len(v) < 4:
        return False
    # Split into runs of letters and digits ("abcdef", "123456"); a sequential
    # value is one or two such runs, each at least three long and each a slice
    # of a known sequence. Random hex alternates far more often than that.
    runs = _ALPHA_OR_DIGIT_RUN_RE.findall(v)
    if len(runs) > 2 or any(len(r) < 3 for r in runs):
        return False
    return all(any(r in seq for seq in _SEQUENCES) for r in runs)


def is_common_word(value: str) -> bool:
    """True when the value is an ordinary word ("on", "changed", "rubbish")."""
    return value.strip().lower().rstrip("!") in COMMON_WORDS


_UUID_RE = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE
)


def looks_like_uuid(value: str) -> bool:
    """True for a UUID, as found in links and document IDs."""
    return bool(_UUID_RE.match(value))


_URL_TAIL_RE = re.compile(r"\.(?:com|org|net|uk|io|gov|html?|php|pdf|png|jpe?g)(?:/|$)")


def looks_like_url(value: str) -> bool:
    """True for URLs, domains and file paths."""
    v = value.lower()
    return "://" in v or v.startswith(("www.", "/", "http")) or bool(_URL_TAIL_RE.search(v))


def is_hashtag_or_mention(value: str) -> bool:
    """True for #hashtags and @mentions."""
    return value.startswith(("#", "@"))


_TEMPLATED_RE = re.compile(r"%[sd]|\{\d*\}|\$\w+|\{\{\s*\w+\s*\}\}")


def is_html_entity(value: str) -> bool:
    """True for HTML character references left in scraped text ("&#128563;", "&amp;")."""
    return value.startswith("&") and bool(_HTML_ENTITY_RE.match(value))


_HTML_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);?", re.IGNORECASE)


def is_templated(value: str) -> bool:
    """True for template variables and format strings ("%s", "{0}", "$TOKEN")."""
    return bool(_TEMPLATED_RE.fullmatch(value))


# Applied to every keyword-led value (passwords, Wi-Fi, pass numbers). Cheapest first.
VALUE_FILTERS: tuple[Callable[[str], bool], ...] = (
    is_common_word,
    is_hashtag_or_mention,
    is_placeholder,
    is_templated,
    is_html_entity,
    looks_like_url,
)
# For a quoted value: an ordinary word in quotes was still chosen.
_QUOTED_FILTERS = tuple(f for f in VALUE_FILTERS if f is not is_common_word)
# Applied, on top of VALUE_FILTERS, to the high-entropy token heuristic.
TOKEN_FILTERS: tuple[Callable[[str], bool], ...] = (
    *VALUE_FILTERS,
    is_sequential,
    looks_like_uuid,
)


def _filtered(value: str, filters: tuple[Callable[[str], bool], ...] = VALUE_FILTERS) -> bool:
    """True when ``value`` is empty or any filter says it is not a secret."""
    if not value:
        return True
    return any(f(value) for f in filters)


def shannon_entropy(value: str) -> float:
    """Shannon entropy of ``value`` in bits per character."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


# --------------------------------------------------------------------------
# Value extraction
# --------------------------------------------------------------------------

# "password for the kiosk: ...", "login for the shared laptop is ...": a short
# "for ..." phrase between a keyword and its "is"/":".
# Quotes may not appear in it except as apostrophes ("the team's"): "password to 'admin'"
# is the value itself.
_FOR_FILLER = (
    r"(?:\s+(?:for|on|to)\s+(?:[^:=\n.!?'\"‘’“”]|(?<=\w)['’](?=\w)){1,45}?"
    r"(?=\s*(?:\bis\b|\bare\b|:|=)))?"
)

# "'s been reset to", "has been changed to", "was updated to", "reset to": a new value.
_CHANGED = (
    r"(?:(?:['’]s|\bhas|\bhave|\bwas|\bis|\bgot|\bwill)\s+(?:been\s+|be\s+)?)?"
    r"\b(?:re-?set|changed|updated|switched)\s+to\b"
)

# A value after "is"/":": a quoted string or a run of non-space characters.
_VALUE = (
    r"""(?:"[^"\n]{1,80}"|'[^'\n]{1,80}'|“[^”\n]{1,80}”|‘[^’\n]{1,80}’|`[^`\n]{1,80}`"""
    r"""|[^\s"“”‘’`]{1,100})"""
)
_QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’", "`": "`"}
_TRAILING = ".,;:)]}>?"


def _value_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Unquote and trim a captured value; None when nothing is left."""
    if end - start >= 2 and _QUOTES.get(text[start]) == text[end - 1]:
        start, end = start + 1, end - 1
    else:
        # Sentence punctuation and emoji after a value are not part of it.
        while end > start and (
            text[end - 1] in _TRAILING or unicodedata.category(text[end - 1]) in ("So", "Sk", "Cs")
        ):
            end -= 1
        if end > start and text[end - 1] in "'’\"" and text.count(text[end - 1], start, end) == 1:
            end -= 1
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return (start, end) if end > start else None


_OPENERS = {"[": "]", "<": ">", "{": "}", "(": ")"}


def _bracketed_stand_in(text: str, start: int) -> bool:
    """True when a value opens a bracket that closes later on the line around a placeholder."""
    while start < len(text) and text[start] in " \t":
        start += 1
    closer = _OPENERS.get(text[start : start + 1])
    if closer is None:
        return False
    end = text.find(closer, start + 1, start + 60)
    if end < 0 or "\n" in text[start:end]:
        return False
    return is_placeholder(text[start : end + 1])


def _quoted(text: str, span: tuple[int, int]) -> bool:
    """True when the value at ``span`` sits between a pair of quotes."""
    s, e = span
    return s > 0 and _QUOTES.get(text[s - 1]) == text[e : e + 1]


def _clean_value(text: str, m: re.Match[str], group: str) -> tuple[int, int, str] | None:
    """The trimmed value of ``group`` as (start, end, value), or None if it is no secret."""
    span = _value_span(text, m.start(group), m.end(group))
    if span is None:
        return None
    value = text[span[0] : span[1]]
    if not any(c.isalnum() for c in value):
        return None  # a bullet or dash ("- network: ...") is not a value
    # Filter the raw capture too: trimming turns "<password>" into "<password". A quoted
    # word was chosen on purpose ("the password is still 'admin'"), ordinary or not.
    filters = _QUOTED_FILTERS if _quoted(text, span) else VALUE_FILTERS
    if _filtered(value, filters) or is_placeholder(text[m.start(group) : m.end(group)]):
        return None
    if _bracketed_stand_in(text, m.start(group)):
        return None  # "[details removed]", "<your password here>": a value stops at a space
    return span[0], span[1], value


# --------------------------------------------------------------------------
# Wi-Fi
# --------------------------------------------------------------------------

_WIFI_QR_RE = re.compile(r"wifi:(?:[a-z]+:(?:\\.|[^;\\\n])*;)+;?")
_WIFI_QR_FIELD_RE = re.compile(r"([A-Za-z]+):((?:\\.|[^;\\\n])*);")


def parse_wifi_qr(payload: str) -> dict[str, str]:
    """Fields of a ``WIFI:T:WPA;S:name;P:pass;;`` QR payload, unescaped, keys upper-cased.

    Fields may come in any order; backslash escapes (``\\;``, ``\\:``, ``\\\\``...)
    are undone.
    """
    body = payload[5:] if payload[:5].upper() == "WIFI:" else payload
    fields: dict[str, str] = {}
    for key, raw in _WIFI_QR_FIELD_RE.findall(body):
        fields.setdefault(key.upper(), re.sub(r"\\(.)", r"\1", raw))
    return fields


_WIFI_WORDS = phrases("wifi|wi-fi|wi fi|wlan|ssid|network|hotspot|router|broadband")
_WIFI_ANCHOR_RE = re.compile(r"(?:wi[\s\-]?fi|wlan|ssid|network|hotspot|router|broadband)\b")
_NET_NAME_RE = re.compile(
    r"(?:\s+(?:name|network|ssid))?\s*(?:\bis\b|:|=|-|–|\bcalled\b|\bnamed\b)\s*"
    rf"(?P<value>{_VALUE})"
)
_WIFI_PW_RE = re.compile(
    keywords(
        "password",
        "pasword",
        "passwrd",
        "passwd",
        "pass",
        "pw",
        "pwd",
        "p/w",
        "key",
        "passcode",
        r"pass\s?code",
        "code",
        "pin",
        "passphrase",
        "psk",
        r"wpa\s?key",
    )
    + r"\b"
    + _FOR_FILLER
    + rf"(?P<sep>[ \t]*(?:{_CHANGED}|\bis\s+now\b|\bis\b|\bwas\b|:|=|-|–|['’]s))?\s*"
    rf"(?P<value>{_VALUE})"
)
_SLASH_VALUE_RE = re.compile(rf"\s*/\s*(?P<value>{_VALUE})")
# "Wi-Fi for the parents: NAME / PASS", "Wi-Fi yn y festri: NAME / PASS": a few words, a
# colon, then the pair.
_COLON_PAIR_RE = re.compile(
    r"[^\n:.!?/]{1,30}?:\s*(?P<net>[^\s/]{2,40})\s*/\s*"
    rf"(?P<value>{_VALUE})"
)
_WIFI_PW_FIRST_RE = re.compile(
    r"(?:password|passwd|pass|pw|pwd|key|passcode|code)\s+(?:for|to|on)\s+(?:the\s+)?"
    r"(?:[\w\-]+\s+){0,2}?(?:wi[\s\-]?fi|network|wlan|hotspot)"
    r"\s*(?:\bis\b|:|=|-|–)\s*"
    rf"(?P<value>{_VALUE})"
)
_PW_FIRST_WORDS = ("pass", "pw", "key", "code")
_PAREN_PAIR_RE = re.compile(
    r"\s*\(\s*(?P<net>[^\s/()]{2,40})\s*/\s*(?P<pw>[^\s()\"“”‘’`]{3,60})\s*\)"
)
# A QR code that comes with the post ("scan this", "[QR code]"), not one on a wall or a menu.
_SCAN_QR_RE = re.compile(
    keywords(r"scan\s+(?:this|it|me|below|here)\b", r"this\s+qr\b")
    + r"|\[\s*qr[^\]\n]{0,20}\]|qr\s*code\s+(?:below|attached|here)\b"
)
_SCAN_HINTS = ("scan", "qr")


class WifiCredentialsRecogniser(ScanRecogniser):
    """Wi-Fi network names with their password, and Wi-Fi QR payloads."""

    kind = "wifi-credentials"
    label = "Wi-Fi credentials"

    def scan(self, scan: Scan) -> list[Match]:
        """Find Wi-Fi credentials."""
        if not scan.has_any(_WIFI_WORDS):
            return []
        text, lower = scan.text, scan.lower
        out: list[Match] = []
        if "wifi:" in lower:
            for m in _WIFI_QR_RE.finditer(lower):
                # Span the secret values themselves: from the network name (S) to the
                # password (P), whichever order they come in.
                values = {
                    f.group(1).upper(): f.span(2)
                    for f in _WIFI_QR_FIELD_RE.finditer(text, m.start() + 5, m.end())
                    if f.group(1).upper() in "SP" and f.end(2) > f.start(2)
                }
                if not values:
                    continue
                start = min(v[0] for v in values.values())
                end = max(v[1] for v in values.values())
                if "P" in values:
                    reason = "Wi-Fi QR code payload containing the network name and password."
                    out.append(self.match(start, end, 0.95, reason))
                else:
                    reason = "Wi-Fi QR code payload naming an open network."
                    out.append(self.match(start, end, 0.5, reason))
        for i in scan.keyword_hits(_WIFI_WORDS):
            anchor = _WIFI_ANCHOR_RE.match(lower, i)
            if anchor is None:
                continue
            net = None
            pos = anchor.end()
            nm = _NET_NAME_RE.match(lower, pos)
            if nm is not None and (net := _clean_value(text, nm, "value")) is not None:
                pos = nm.end()
            elif pair := _colon_pair(text, lower, pos):
                # "Wi-Fi for the parents: TALKTALK-9C31D2 / RK7H4MXP"
                reason = "A Wi-Fi network name given together with its password."
                out.append(self.match(pair[0], pair[1], 0.9, reason))
                continue
            # "JCPGuest / welcome123": a slash instead of a password keyword.
            slash = _SLASH_VALUE_RE.match(lower, pos) if net is not None else None
            pw = _clean_value(text, slash, "value") if slash is not None else None
            if net is not None and pw is not None and _looks_secret(pw[2]):
                reason = "A Wi-Fi network name given together with its password."
                out.append(self.match(net[0], pw[1], 0.9, reason))
                continue
            if net is None and (paren := _PAREN_PAIR_RE.match(lower, pos)):
                # "the staff Wi-Fi (Brew_Staff / latte2468)"
                net, pw = _clean_value(text, paren, "net"), _clean_value(text, paren, "pw")
                if net is not None and pw is not None and _looks_secret(pw[2]):
                    reason = "A Wi-Fi network name given together with its password."
                    out.append(self.match(net[0], pw[1], 0.9, reason))
                    continue
            for pm in _WIFI_PW_RE.finditer(lower, pos, _window_end(text, pos, 80)):
                if lower[max(0, pm.start() - 3) : pm.start()] == "no ":
                    continue  # "wifi with no password"
                pw = _clean_value(text, pm, "value")
                loose = pm.group("sep") is None
                if pw is None:
                    # "the wifi code's on the board but it's biscuit643"; with no "is", only
                    # a colon ("router key here so I don't lose it: 7H3K-99QM").
                    intros = _COLON if loose else None
                    pw = _later_value(text, lower, pm.start("value"), intros)
                # With no "is"/":" the value must look deliberate: a digit in it, random
                # case, or a long value right after a named network ("SKY4F2A9, password
                # XRMTQPLBNW").
                if pw is None or (
                    loose
                    and not (
                        _has_digit(pw[2])
                        or _random_case(pw[2])
                        or (net is not None and len(pw[2]) >= 6)
                    )
                ):
                    continue
                if net is not None:
                    out.append(
                        self.match(
                            net[0],
                            pw[1],
                            0.95,
                            "A Wi-Fi network name given together with its password.",
                        )
                    )
                else:
                    out.append(
                        self.match(pw[0], pw[1], 0.9, "A Wi-Fi password or access code given out.")
                    )
                break
        for i in scan.keyword_hits(_PW_FIRST_WORDS):
            first = _WIFI_PW_FIRST_RE.match(lower, i)
            if first is not None and (pw := _clean_value(text, first, "value")) is not None:
                out.append(self.match(pw[0], pw[1], 0.9, "A Wi-Fi password given out."))
        if not out and scan.has_any(_SCAN_HINTS):
            out.extend(self._shared_qr(scan))  # the weakest sign: only when nothing else
        return out

    def _shared_qr(self, scan: Scan) -> list[Match]:
        """ "Scan this to get on our Wi-Fi": a Wi-Fi QR code attached to the post."""
        out: list[Match] = []
        for m in _SCAN_QR_RE.finditer(scan.lower):
            lo, hi = max(0, m.start() - 80), min(len(scan.lower), m.end() + 80)
            wifi = _WIFI_ANCHOR_RE.search(scan.lower, lo, hi)
            if wifi is not None and wifi.group() not in ("network", "broadband"):
                start, end = min(m.start(), wifi.start()), max(m.end(), wifi.end())
                reason = "A code to scan for the Wi-Fi: it gives the network and password away."
                out.append(self.match(start, end, 0.7, reason))
                break
        return out


def _colon_pair(text: str, lower: str, pos: int) -> tuple[int, int] | None:
    """Span of a "NAME / PASS" pair after a colon a few words on from ``pos``, or None."""
    m = _COLON_PAIR_RE.match(lower, pos)
    if m is None:
        return None
    net, pw = _clean_value(text, m, "net"), _clean_value(text, m, "value")
    if net is None or pw is None or not _looks_secret(pw[2]):
        return None
    return net[0], pw[1]


def _window_end(text: str, pos: int, width: int) -> int:
    """End of a search window: ``width`` characters on, but not past a blank line."""
    end = min(len(text), pos + width)
    blank = text.find("\n\n", pos, end)
    return blank if blank != -1 else end


def _has_digit(value: str) -> bool:
    return any(c.isdigit() for c in value)


# --------------------------------------------------------------------------
# Door, alarm, key-safe and other access codes
# --------------------------------------------------------------------------

# What a physical access code looks like: "2580", "1234#", "*1234", "C1234X", "2-5-8-0",
# "31-07-19" (a combination lock).
_CODE = (
    r"(?:[#*]?\d{1,6}[#*]\d{2,6}[#*]?|[#*]?\d{3,8}[#*]?|[a-z]\d{3,6}[a-z]?|\d{3,6}[a-z]"
    r"|\d[a-z]\d{1,5}[a-z]?|\d(?:[\- ]\d){3,7}(?![\- ]?\d)|\d{1,2}(?:-\d{1,2}){2,4}(?!-?\d))"
)
# Anchors that take a bare "is"/":" ("the key safe is 4321").
_STRONG_ANCHORS = (
    r"key[\s\-]?safe|keysafe|padlock|combination\s+lock|combi\s+lock|keypad|key\s?pad|"
    r"door\s+entry|entry\s+system|lockbox|lock\s?box|key\s+(?:cabinet|box|cupboard)"
    r"|parcel\s+(?:box|locker)|lock"
)
_STRONG_WORDS = phrases(
    "key safe|key-safe|keysafe|padlock|combination lock|combi lock|keypad|key pad|"
    "door entry|entry system|lockbox|lock box|key cabinet|key box|key cupboard|parcel box|"
    "parcel locker|lock"
)
# Anchors that need a keyword ("door code", "alarm pin").
_WEAK_ANCHORS = (
    r"doors?|alarm|burglar\s+alarm|gates?|entry|entrance|access|safe|lockers?|cupboard|"
    r"store\s?room|stock\s?room|staff\s?room|garage|intercom|buzzer|shutters?|cabinet|shed|"
    r"building|office|fire\s+exit|car\s+park|barrier|comms\s+room|server\s+room|toilets?|loos?"
)
# "manager override is 5150": a till's or an alarm's override code.
_CODE_KW = r"code|combination|combo|pin|passcode|pass\s?code|override"
_CODE_KW_WORDS = ("code", "combination", "combo", "pin", "passcode", "pass code", "override")
_SEP = (
    rf"(?:\s*(?:{_CHANGED}|\bis\s+now\b|\bis\b|\bwas\b|\bare\b|\bwill\s+be\b|\bchanged\s+to\b"
    r"|\bset\s+to\b|=|:|-|–|['’]s)\s*)"
)
# "is STILL 1234", "is now 4471#", "are both 2580"
_SEP_V = rf"{_SEP}(?:(?:still|now|currently|always|literally|just|simply|both)\s+)?"
# Not "100%" or "2,500": a code ends at a space or punctuation.
_VALUE_END = r"(?![\w#*%]|,\d)"
# "Set my bike lock code to 1234": after a lock's code word, "to" gives the new value.
# "got in with the key safe (2277, cheers)": a bracket is a strong anchor's "is".
_STRONG_RE = re.compile(
    rf"(?P<anchor>{_STRONG_ANCHORS})\b(?P<filler>[^.!?\n]{{0,40}}?)"
    rf"(?:\b(?P<kw>{_CODE_KW})\b(?:{_SEP_V}|\s+to\s+|\s*)|{_SEP_V}|\s*\(\s*)"
    rf"(?<!\d-)(?P<value>{_CODE}){_VALUE_END}"
)
# Weak anchors with no "code" word: "the alarm is 9 1 3 7", "Alarm at the club: 5501".
_BARE_WEAK_WORDS = phrases(
    "alarm|door|gate|entry|entrance|intercom|buzzer|shutter|locker|safe|barrier"
)
_BARE_WEAK_RE = re.compile(
    r"(?P<anchor>alarm|doors?|gates?|entry|entrance|intercom|buzzer|shutters?|lockers?|safe"
    r"|barriers?)\b"
    rf"(?P<filler>[^.!?\n]{{0,30}}?)(?P<sep>{_SEP_V})(?P<value>{_CODE}){_VALUE_END}"
)
_AMOUNT_AFTER_RE = re.compile(
    r"\s*(?:quid|pounds?|grand|k|hours?|hrs?|mins?|minutes|am|pm|till|until|to\s+\d|[\-–]\s*\d)\b"
)
_ENTRY_ANCHORS = frozenset({"door", "entry", "entrance", "intercom", "buzzer", "locker"})
_VERB_SEP_RE = re.compile(r"\bis\b|\bwas\b|['’]s|\bto\b")
# "Back door 7931", "side gate C5616#": which door says it, so no "is" or "code" is needed.
_SIDE_WORDS = phrases("back|front|side|rear|staff|bin store|bike store")
_SIDE_DOOR_RE = re.compile(
    r"(?P<anchor>(?:back|front|side|rear|staff)\s+(?:door|gate|entrance)"
    r"|bin\s+store|bike\s+store)\s+(?P<value>[#*]?\d{4,8}[#*]?|[a-z]\d{4,6}[a-z]?)(?![\w#*])"
)
# A locker's or parcel box's code mixes letters and digits ("82QX4L"): two of each at
# least, so "10am" or "2nd" is not one. Only taken with an access word near.
_MIXED_CODE = (
    r"(?=[a-z]*\d[a-z]*\d)(?=\d*[a-z]\d*[a-z])[a-z0-9]{5,8}"
    r"(?<!am)(?<!pm)(?<!st)(?<!nd)(?<!rd)(?<!th)"
)
_KW_VALUE_RE = re.compile(
    rf"(?P<kw>{_CODE_KW})\b(?:(?P<sep>{_SEP_V})|\s*)(?P<value>{_CODE}|{_MIXED_CODE}){_VALUE_END}"
)
_FULL_CODE_RE = re.compile(rf"(?:{_CODE})\Z")
# "give the driver the code 7712": a code handed over, though no door is named.
_GIVE_THE_CODE_RE = re.compile(
    r"\b(?:give|tell|use|enter|type|quote|show)\s+(?:[a-z'’]+\s+){0,3}?the\s+\Z"
)
# "the engineer set the code to 1111", "someone changed it to 8516": a new code. "it" needs
# an access word before it and a value that is no clock time ("set it to 0630").
_SET_CODE_RE = re.compile(
    r"(?:re-?set|set|changed?|updated?|switched)\s+(?:(?:the|our|my|his|her|their|its|your)\s+)?"
    rf"(?:new\s+)?(?:[a-z\-]+\s+)?(?P<kw>{_CODE_KW}|it)\s+to\s+(?P<value>{_CODE}){_VALUE_END}"
)
_SET_WORDS = ("set", "reset", "re-set", "change", "update", "switch")
# "just type 0000 then the hash", "put 1290 in the keypad": a code keyed in. An access word
# must be near, and what follows the number must not make it a count ("type 1000 words").
_TYPE_CODE_RE = re.compile(
    r"(?:typ(?:e|ed|es|ing)|enter(?:ed|ing|s)?|put(?:s|ting)?|punch(?:ed|es|ing)?"
    r"|tap(?:ped|s)?|key(?:ed|s)?)"
    rf"(?:\s+in)?\s+(?P<value>{_CODE}){_VALUE_END}"
    r"(?=\s*(?:$|[\n.,;:!?)#*]|(?:then|and|in|into|on|at|to|followed|hash|star|enter|when|if"
    r"|or|for|so|but)\b))"
)
_TYPE_WORDS = ("typ", "enter", "put", "punch", "tap", "key in", "keyed")
# "the safe combination hasn't changed since 1998, it's 17-42-08": the value further on.
_CODE_LATER_RE = re.compile(
    rf"(?P<kw>{_CODE_KW}|{_STRONG_ANCHORS})\b[^.!?\n]{{0,50}}?"
    rf"(?:,\s*(?:it['’]?s|it\s+is|which\s+is)|\bit['’]s|\(|:)\s*(?P<value>{_CODE}){_VALUE_END}"
)
_CODE_FIRST_RE = re.compile(
    rf"(?P<kw>{_CODE_KW})\s+(?:for|fur|fer|fir|fae|to|tae|on|of|at|in|into|round|by|near)\s+(?P<filler>[^.!?\n]{{1,40}}?){_SEP_V}"
    rf"(?P<value>{_CODE}){_VALUE_END}"
)
# keywords() keeps each alternative's word-start check after its first letter, so
# these window searches skip quickly to candidate letters.
_ANCHOR_RE = re.compile(keywords(*f"{_STRONG_ANCHORS}|{_WEAK_ANCHORS}".split("|")) + r"\b")
# Codes that are not secure data: "area code", "discount code", "dress code". A set
# lookup over the window's words is much cheaper than a long regex alternation.
_NOT_ACCESS_WORDS = word_set(
    """area dialling dial post zip sort country discount promo promotional voucher coupon
    referral offer dress tax error status qr source course product booking tracking reference
    ref order confirmation sic tariff colour color bar hs invite gift wifi network conduct
    practice highway penal cheat morse authentication verification otp 2fa mfa card bank
    phone sim"""
)
_NOT_ACCESS_PHRASES = ("wi-fi", "wi fi", "access to work")
_WORD_RE = re.compile(r"[a-z0-9]+")


def _not_access(lower: str, lo: int, hi: int) -> bool:
    """True when ``lower[lo:hi]`` says the code is not an access code ("discount code")."""
    window = lower[lo:hi]
    if any(p in window for p in _NOT_ACCESS_PHRASES):
        return True
    return not _NOT_ACCESS_WORDS.isdisjoint(_WORD_RE.findall(window))


_DOOR_HINTS = (
    *phrases("code|pin|lock|safe|combo|combination|keypad|key pad|alarm|door|gate|entry|entrance"),
    *phrases("intercom|buzzer|shutter|locker|room|cupboard|cabinet|shed|garage|barrier"),
    *phrases("override|key box|parcel box"),
)
# A code read out digit by digit: "2 5 8 0", "star, 3, 7, 1, 9, hash", "1️⃣ 9️⃣ 8️⃣ 4️⃣".
# Single digits in a row say "code" by themselves, so the access word may sit a sentence
# away ("my PIN is 4 digits of pure genius. 2 5 8 0.") or just after ("... code for the bin").
_SPELLED_CODE_RE = re.compile(
    r"(?<![\w.,:/])(?:(?:star|hash|[#*])[ ,]+)?\d(?:,?[ ]\d){2,7}(?:,?[ ]+(?:star|hash|[#*]))?"
    r"(?![\w.,:/]\d|\w)"
    r"|(?:\d\ufe0f?\u20e3[ ]*){3,8}"
)
# Each spelled-out code looks for its access word around it; past this many it is a list.
_MAX_SPELLED_CODES = 16
_GIVES_CODE_RE = re.compile(
    r"(?:\bwith|\btype|\benter|\bpress|\bpunch\s+in|\bkey\s+in|\bis|\bwas|:|['’]s|\bset)\s*\Z"
)
_SPELLED_ANCHOR_RE = re.compile(
    keywords(*f"{_STRONG_ANCHORS}|{_WEAK_ANCHORS}|{_CODE_KW}".split("|")) + r"\b"
)
# A sticky note's layout: a place on one line, nothing but a code on the next ("Side door" /
# "2084X", "Comms room" / "1120"). The layout is the "is": a clock time is still a code here.
_LINE_RE = re.compile(
    rf"(?P<anchor>{_STRONG_ANCHORS}|{_WEAK_ANCHORS})\b[^\n\d]{{0,25}}\n[ \t]*"
    rf"(?P<value>{_CODE})[ \t]*(?=\n|$)"
)
_ACCESS_WORDS_RE = re.compile(
    keywords(
        *f"{_STRONG_ANCHORS}|{_WEAK_ANCHORS}".split("|"),
        r"get\s+in",
        r"let\s+yourself\s+in",
        "open",
    )
    + r"\b"
)


class DoorCodeRecogniser(ScanRecogniser):
    """Door, alarm, key-safe, padlock, gate, locker and keypad codes."""

    kind = "door-code"
    label = "Door or access code"

    def scan(self, scan: Scan) -> list[Match]:
        """Find access codes."""
        if scan.digits < 2 or not scan.has_any(_DOOR_HINTS):
            return []  # two digits: the shortest code is a digit, a letter, a digit ("2B4")
        lower = scan.lower
        out: list[Match] = []
        taken: set[int] = set()

        def add(m: re.Match[str], score: float, reason: str) -> None:
            taken.add(m.start("value"))
            out.append(self.match(*m.span("value"), score, reason))

        # "the key safe is 4321", "padlock combo 1234"
        for i in scan.keyword_hits(_STRONG_WORDS):
            m = _STRONG_RE.match(lower, i)
            if m is None or m.start("value") in taken:
                continue
            if not _not_access(lower, i, m.start("value")):
                anchor = " ".join(m.group("anchor").split())
                add(m, 0.9, f"An access code given for the {anchor}.")
        # "door code 1234#", "code for the flats is 14*2580"
        for i in scan.keyword_hits(_CODE_KW_WORDS):
            m = _KW_VALUE_RE.match(lower, i) or _CODE_FIRST_RE.match(lower, i)
            if m is None or m.start("value") in taken:
                continue
            if _not_access(lower, max(0, i - 25), m.start("value")):
                continue  # "discount code", "area code", "code for the discount"
            near = _ANCHOR_RE.findall(lower, max(0, i - 40), i)
            if near and _not_access(lower, lower.rfind(near[-1], 0, i), i):
                continue  # "the door ... discount code 1234"
            filler = m.groupdict().get("filler") or ""
            if near:
                add(m, 0.9, f"An access code given for the {' '.join(near[-1].split())}.")
            elif _ACCESS_WORDS_RE.search(filler):
                add(m, 0.9, f"An access code given for {' '.join(filler.split())}.")
            elif after := _ANCHOR_RE.search(lower, m.end(), min(len(lower), m.end() + 25)):
                # "the code's 4471 for the side gate"
                add(m, 0.85, f"An access code given for the {' '.join(after.group().split())}.")
            elif not _FULL_CODE_RE.match(m.group("value")) or _counted(lower, m):
                continue  # "code 82QX4L" is a locker's only beside the locker
            elif m.group("kw") != "pin" and (
                m.groupdict().get("sep") or filler or "pass" in m.group("kw")
            ):
                # "the code is 4590": probably a door, but say so less surely. A bare
                # "Code 238" with no "is"/":" is more often a rule or product number.
                add(m, 0.6, f"A numeric {m.group('kw')} given out in the post.")
            elif (
                m.group("kw") == "code"
                and _GIVE_THE_CODE_RE.search(lower, max(0, i - 40), i)
                and _looks_like_code(m.group("value"))
            ):
                add(m, 0.6, "A code to give or key in, given out in the post.")
        # "the alarm is 9 1 3 7": a weak anchor needs a value that can't be a time or year.
        for i in scan.keyword_hits(_BARE_WEAK_WORDS):
            m = _BARE_WEAK_RE.match(lower, i)
            if m is None or m.start("value") in taken or not _bare_code_ok(m):
                continue
            if not _not_access(lower, i, m.start("value")):
                add(m, 0.85, f"An access code given for the {m.group('anchor')}.")
        # "Back door 7931 if the front is locked": a named door and a code, like a note.
        for i in scan.keyword_hits(_SIDE_WORDS):
            m = _SIDE_DOOR_RE.match(lower, i)
            if m is None or m.start("value") in taken or not _looks_like_code(m.group("value")):
                continue
            if not _not_access(lower, i, m.start("value")):
                add(m, 0.8, f"A code given for the {' '.join(m.group('anchor').split())}.")
        for m in itertools.islice(_SPELLED_CODE_RE.finditer(lower), _MAX_SPELLED_CODES):
            if m.start() not in taken and (word := _spelled_code_anchor(lower, m)):
                taken.add(m.start())
                reason = f"A code spelled out digit by digit near '{word}'."
                out.append(self.match(*_strip_span(scan.text, *m.span()), 0.8, reason))
        out.extend(self._keyed_codes(scan, taken))
        if "\n" in lower:
            for m in _LINE_RE.finditer(lower):
                if m.start("value") not in taken and not _not_access(
                    lower, m.start(), m.start("value")
                ):
                    anchor = " ".join(m.group("anchor").split())
                    add(m, 0.8, f"A code written under '{anchor}', as on a note by a door.")
        return out

    def _keyed_codes(self, scan: Scan, taken: set[int]) -> list[Match]:
        """Codes set, keyed in or given a little after the code word ("set the code to 1111",
        "type 1-5-9-7", "the combination hasn't changed, it's 17-42-08")."""
        lower = scan.lower
        out: list[Match] = []
        found: list[tuple[re.Match[str], float, str]] = []
        for i in scan.keyword_hits(_SET_WORDS) if " to " in lower else ():
            m = _SET_CODE_RE.match(lower, i)
            if m is None or _AMOUNT_AFTER_RE.match(lower, m.end()):
                continue
            anchor = _anchor_near(lower, m.start("kw"), m.end())
            if m.group("kw") != "it":
                if anchor or _looks_like_code(m.group("value")):
                    found.append((m, 0.85 if anchor else 0.6, "A new access code set."))
            elif anchor and _looks_like_code(m.group("value")):
                found.append((m, 0.8, f"A new code set for the {anchor}."))
        for i in scan.keyword_hits(_TYPE_WORDS):
            m = _TYPE_CODE_RE.match(lower, i)
            if (
                m is not None
                and not _is_year(m.group("value"))
                and (anchor := _anchor_near(lower, i, m.end(), code_word=True))
            ):
                found.append((m, 0.8, f"A code keyed in at the {anchor}."))
        for i in (*scan.keyword_hits(_CODE_KW_WORDS), *scan.keyword_hits(_STRONG_WORDS)):
            m = _CODE_LATER_RE.match(lower, i)
            if m is None or not _looks_like_code(m.group("value")):
                continue
            # A lock or a combination is its own access word; "code" needs one near.
            kw = m.group("kw")
            if (
                kw not in _CODE_KW_WORDS
                or kw in ("combination", "combo")
                or (_anchor_near(lower, i, m.end()))
            ):
                found.append((m, 0.8, f"An access code given after '{m.group('kw')}'."))
        for m, score, reason in found:
            start = m.start("value")
            if start in taken or _not_access(lower, max(0, m.start() - 40), start):
                continue
            taken.add(start)
            out.append(self.match(start, m.end("value"), score, reason))
        return out


def _counted(lower: str, m: re.Match[str]) -> bool:
    """True when the value reads as a count or a year ("the code is 300 lines", "2019 vintage")."""
    value = m.group("value")
    end = m.end("value")
    return bool(_NOT_PIN_AFTER_RE.match(lower, end)) or (
        _is_year(value) and not _CLAUSE_END_RE.match(lower, end)
    )


def _anchor_near(lower: str, start: int, end: int, code_word: bool = False) -> str | None:
    """The access word within 80 characters before ``start`` (same paragraph) or 30 after
    ``end``, or None. With ``code_word``, "code" or "PIN" before counts too ("Bike store
    code? just key in 3-8-1-6")."""
    lo = max(0, start - 80)
    blank = lower.rfind("\n\n", lo, start)
    pattern = _SPELLED_ANCHOR_RE if code_word else _ANCHOR_RE
    before = pattern.findall(lower, blank + 2 if blank != -1 else lo, start)
    if before:
        return " ".join(before[-1].split())
    after = _ANCHOR_RE.search(lower, end, min(len(lower), end + 30))
    return " ".join(after.group().split()) if after else None


def _spelled_code_anchor(lower: str, m: re.Match[str]) -> str | None:
    """The access word near a spelled-out code (60 characters before, 30 after), or None.

    Three digits ("4 5 6") need a word that gives a code ("opens with", "type", "is"):
    "the door, 2 3 4 people came in" is a count.
    """
    digits = sum(c.isdigit() for c in m.group())
    if digits < 4 and not _GIVES_CODE_RE.search(lower, max(0, m.start() - 15), m.start()):
        return None
    lo = max(0, m.start() - 60)
    blank = lower.rfind("\n\n", lo, m.start())
    before = _SPELLED_ANCHOR_RE.findall(lower, blank + 2 if blank != -1 else lo, m.start())
    after = _SPELLED_ANCHOR_RE.search(lower, m.end(), min(len(lower), m.end() + 30))
    anchor = before[-1] if before else after.group() if after else None
    if anchor is None or _not_access(lower, max(0, m.start() - 60), m.start()):
        return None  # "area code 0 1 6 1", "the wifi ... 1 2 3 4"
    return " ".join(anchor.split())


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without trailing spaces and emoji variation marks."""
    while end > start and text[end - 1] in " \ufe0f":
        end -= 1
    return start, end


def _bare_code_ok(m: re.Match[str]) -> bool:
    """Whether a weak anchor's value can be a code rather than a time or year.

    "The staff door is 1357" reads as a code: nobody says a door "is" a clock time.
    An alarm is also a clock and gates and shutters keep hours, so for them, and
    after a bare ":", a value that reads as a time is one.
    """
    value = m.group("value")
    if _AMOUNT_AFTER_RE.match(m.string, m.end()):
        return False  # "the door was 1200 quid", "gate is 0800 to 1800"
    if _looks_like_code(value):
        return True
    if not value.isdigit() or _is_year(value):
        return False
    said_is = m.group("sep") is not None and _VERB_SEP_RE.search(m.group("sep"))
    return m.group("anchor") in _ENTRY_ANCHORS and bool(said_is)


def _looks_like_code(value: str) -> bool:
    """False for values that read as a clock time ("0630") or a year ("2019")."""
    if not value.isdigit():
        return True  # "9 1 3 7", "1234#", "c1234x"
    if len(value) == 4:
        hh, mm = int(value[:2]), int(value[2:])
        if (hh <= 23 and mm <= 59) or _is_year(value):
            return False
    return True


# --------------------------------------------------------------------------
# Building passes and staff numbers
# --------------------------------------------------------------------------

_PASS_RE = re.compile(
    r"(?P<what>pass|badge|lanyard|fob|swipe\s?card|id\s+card|access\s+card"
    r"|staff|payroll|employee|personnel|emp|works)"
    r"\s*(?:number|no\.?|num|#|id|ref)(?:\s*(?:is|was|=|:|-|–)\s*|\s*)"
    r"(?P<value>[a-z]{0,3}\d{3,10}[a-z]?)(?!\w)"
)
# "pass 🎉 number on the back is 7743 2219 09": words between, a spaced value; an
# exclamation may close the first part ("New building pass! No. 558213").
_PASS_LOOSE_RE = re.compile(
    r"(?P<what>pass|badge|lanyard|fob)\b[^.?\n]{0,30}?\b(?:number|no|num|id)\b\.?"
    rf"[^.!?\n\d]{{0,25}}?(?:{_SEP}|(?<=[\s#])|\s+)(?P<value>[a-z]{{0,3}}\d[\d ]{{2,14}}\d)(?![\w])"
)
_PASS_WORDS = phrases(
    "pass|badge|lanyard|fob|swipe|id card|access card|staff|payroll|employee|personnel|emp|works"
)
# "Anyone else's pass stopped working? Mine's 55102938": the reader's own one, by number.
_PASS_MINE_RE = re.compile(
    r"(?P<what>pass|badge|lanyard|fob)\b[^\n]{0,60}?\bmine(?:['’]s|\s+is)\s+"
    r"(?P<value>[a-z]{0,3}\d{5,10}[a-z]?)(?![\w])"
)
# "Badge 880412" printed on a pass in a photo: a badge word and five digits or more.
_BADGE_BARE_RE = re.compile(r"(?P<what>badge)\s*(?P<value>\d{5,10})(?![\w])")
_OWNER_RE = re.compile(r"\b(?:my|his|her|their|your|[a-z]+['’]s)\s+[\w\s]{0,20}\Z")


class PassNumberRecogniser(ScanRecogniser):
    """Building/security pass numbers and staff, payroll or employee numbers."""

    kind = "pass-number"
    label = "Building pass or staff number"

    def scan(self, scan: Scan) -> list[Match]:
        """Find pass and staff numbers."""
        if scan.digits < 3 or not scan.has_any(_PASS_WORDS):
            return []
        lower = scan.lower
        out: list[Match] = []
        for i in scan.keyword_hits(_PASS_WORDS):
            m = _PASS_RE.match(lower, i)
            score = 0.8
            if m is None:
                m = (
                    _PASS_LOOSE_RE.match(lower, i)
                    or _PASS_MINE_RE.match(lower, i)
                    or _BADGE_BARE_RE.match(lower, i)
                )
                score = 0.75
                if m is None:
                    continue
            what = " ".join(m.group("what").split())
            if _OWNER_RE.search(lower, max(0, i - 30), m.start("value")):
                score += 0.05  # "my pass number", "Gary's badge no."
            out.append(self.match(*m.span("value"), score, f"A {what} number given out."))
        return out


# --------------------------------------------------------------------------
# Travel booking references
# --------------------------------------------------------------------------

# With the surname on a boarding pass, a booking reference opens the booking: seats,
# passport details, cancelling.
_BOOKING_RE = re.compile(
    r"(?:booking|confirmation|reservation)\s+(?:ref(?:erence)?|code|number|no)\b\.?"
    r"\s*(?:is|was|:|-|–|#)?\s*(?P<value>[a-z0-9]{5,8})(?![\w])"
)
_BOOKING_WORDS = ("booking", "confirmation", "reservation")
_TRAVEL_RE = re.compile(
    keywords("boarding", "flight", "flights", "airport", "airline", r"check-?in", "e-ticket")
    + r"|✈"
)


class BookingReferenceRecogniser(ScanRecogniser):
    """Flight booking references, which let anyone with the surname manage the booking."""

    kind = "booking-reference"
    label = "Travel booking reference"

    def scan(self, scan: Scan) -> list[Match]:
        """Find booking references in posts about a flight."""
        if not scan.has_any(_BOOKING_WORDS) or not _TRAVEL_RE.search(scan.lower):
            return []
        out: list[Match] = []
        for i in scan.keyword_hits(_BOOKING_WORDS):
            m = _BOOKING_RE.match(scan.lower, i)
            if m is None:
                continue
            value = scan.text[m.start("value") : m.end("value")]
            # Airline references are written in capitals, usually with a digit or two.
            if value.isupper() and not value.isdigit():
                reason = "A booking reference in a post about a flight."
                out.append(self.match(*m.span("value"), 0.75, reason))
        return out


# --------------------------------------------------------------------------
# Passwords and logins
# --------------------------------------------------------------------------

# Common misspellings included: people type these in a hurry.
_PW_KW = (
    r"password|passwd|passcode|passphrase|pass\s?word|pasword|passwrd|passowrd|pword|pwd|pw|p/w"
    r"|pass"
)
# "password still 'password1'", "password's still Welcome1".
_STILL = r"(?:(?:\bis|\bwas|['’]s)\s+)?\bstill\b"
_PASSWORD_RE = re.compile(
    rf"(?P<kw>(?:{_PW_KW})s?|vpn)\b"
    + _FOR_FILLER
    + rf"(?:(?P<sep>[ \t]*(?:{_CHANGED}|\bis\s+now\b|{_STILL}|\bis\b|\bwas\b|\bare\b|"
    r"\bset\s+to\b|=|:|–|-(?!\w)|['’]s)|\s+(?P<to>to)\b)|(?P<bare>[ \t]+))\s*"
    r"(?:(?<=are )(?:all|both)\s+)?"
    rf"(?P<value>{_VALUE})"
)
# "passwords" too: "our passwords are all Summer1, Summer2...".
_PW_KW_RE = re.compile(rf"(?:{_PW_KW})s?\b")
# Keywords that name a password outright, so a chosen-looking value may follow with no
# "is" or ":" ("passcode Dt9xQ2"); "pass" and "vpn" are too loose for that.
_STRONG_PW_KW = word_set(
    "password passwd passcode passphrase pasword passwrd passowrd pword pwd pw p/w"
    " passwords passcodes pwds pws"
)
# The value further on: "password is on a post-it: Team4Rocks", "my password's my dog's
# name, Buster1986", "...still the one on the sticker? Mine's SKY1234X9QP", "(it's Kettle#25)".
# "they are Summer1, Summer2", and "... plus 123. So Bramble123." (a recipe, then its result).
_LATER_VALUE_RE = re.compile(
    r"(?P<gap>[^\n]{0,60}?)(?P<intro>(?:[,(]\s*)?(?<![a-z'’])(?:it['’]?s|it\s+is|mine['’]?s"
    r"|mine\s+is|they['’]re|they\s+are)\b|:|,|\(|[.!?…](?=\s)(?:\s+so\b)?)\s*"
    r"(?:(?:literally|just|still|actually|now|currently)\s+)?"
    rf"(?P<value>{_VALUE})"
)
# After a word that gave no value ("password, it's the team name + year + ! so Phoenix2025!"),
# one more spoken intro may still give it; a comma or colon may not (too loose that far on).
_RETRY_VALUE_RE = re.compile(
    r"(?P<gap>[^\n]{0,60}?)(?P<intro>(?<![a-z'’])(?:it['’]?s|it\s+is|mine['’]?s|mine\s+is"
    r"|they['’]re|they\s+are|so)\b|\()\s*(?:(?:literally|just|still|actually|now|currently)\s+)?"
    rf"(?P<value>{_VALUE})"
)
_RETRY_INTROS = frozenset({",", "it's", "it’s", "its", "it is"})
# After "login" only a spelled-out value counts: "login: jbloggs1" is a username.
_LOGIN_LATER_INTROS = frozenset({"(", "it's", "it’s", "its", "it is"})
_EMAIL_LIKE_RE = re.compile(r"@[\w\-]+\.[a-z]")
_SENTENCE_ENDS = frozenset(".!?…")
_ALONE_RE = re.compile(r"(?<=[.!?…])|\s*(?:$|\n)")
_LOGIN_LATER_RE = re.compile(r"log-?\s?in\b")
# "login is in the shared doc, it's 10488321 and then Foodbank!24": a username (often a
# number) and then the password, after "it's" or a bracket.
# After a plain "is" the two must be joined by "and"/"then" ("login is 40912277 and then
# Wigan!2025"): "login is jsmith, Winter2024" could be a list.
_LOGIN_USER = r"[^\s,;/|()]{3,64}"
_LOGIN_LATER_PAIR_RE = re.compile(
    r"[^\n]{0,60}?(?:(?<![a-z'’])(?:it['’]?s|it\s+is)\b|\("
    rf"|(?:\bis\b|:)(?=\s*{_LOGIN_USER}[\s,;/|]+(?:and|then|&)\s))\s*"
    rf"(?P<user>{_LOGIN_USER})[\s,;/|]+(?:and\s+)?(?:then\s+)?"
    rf"(?:(?:the\s+)?(?:{_PW_KW})\s*(?:\bis\b|:)?\s*)?(?P<value>{_VALUE})"
)
_COLON = frozenset({":"})
_PASSWORD_WORDS = ("pass", "pasw", "pw", "p/w", "pword", "vpn")
# "IT reset it to Harbour!223", "reset my password to Tiger@231"; "reset the router to
# factory settings" has no chosen-looking value.
_RESET_TO_RE = re.compile(
    r"(?:re-?set|set|changed?)\s+(?:it|mine|(?:my|his|her|their|the|your)\s+[\w\-]+)\s+to\s+"
    rf"(?P<value>{_VALUE})"
)
# Two-factor backup or recovery codes and BitLocker keys: groups of digits or letters and
# digits. A list of groups says enough by itself, so the "are"/":" may be any short verb
# ("IT gave me 412236-550077-...", "the key starts 412093-558810").
_BACKUP_WORDS = phrases("backup|back-up|back up|recovery|2fa|mfa|one-time|one time|bitlocker")
_BACKUP_CODES_RE = re.compile(
    r"(?:backup|back-?\s?up|recovery|2fa|mfa|one-?\s?time|bitlocker)\s+(?:[\w\-]+\s+)?"
    r"(?:codes?|keys?)\b[^.!?\n\d]{0,60}?(?:\bare\b|\bis\b|:|=|-|–|(?<=\s))\s*"
    r"(?P<value>(?=[a-z]*\d)[a-z0-9]{4,12}(?:[ ,\-]+(?=[a-z]*\d)[a-z0-9]{4,12})+)(?![\w])"
)
# "8fk2-9qpl, 3mzx-77rt, 1cvb-04hw. They're my recovery codes": the list first, then what it
# is. Three codes or more, each with a digit, ending a little before the keyword.
_CODES_BEFORE_RE = re.compile(
    r"(?P<value>(?=[a-z]*\d)[a-z0-9]{3,8}(?:-[a-z0-9]{3,8})?"
    r"(?:[ ,;]+(?=[a-z\-]*\d)[a-z0-9]{3,8}(?:-[a-z0-9]{3,8})?){2,})(?![\w\-])[^\n\d]{0,50}\Z"
)
_CODES_WORD_RE = re.compile(r"(?:backup|back-?\s?up|recovery|2fa|mfa)\s+(?:[\w\-]+\s+)?codes\b")
# A PIN read out in words: "one-nine-nine-two".
_WORD_DIGIT = r"(?:zero|one|two|three|four|five|six|seven|eight|nine)"
_WORD_DIGITS = rf"{_WORD_DIGIT}(?:[\s,\-]+{_WORD_DIGIT}){{3,7}}(?![a-z])"
# "PIN is 1234", "Printer PIN at work is literally 0000", "PUK from the EE account is ...".
_PIN_RE = re.compile(
    r"(?:pin|puk)(?:\s+(?:number|code|no\.?))?"
    r"(?:\s+(?:for|fur|fer|to|on|of|in|at|from|with)\s+[^.!?\n\d]{1,45}?)?"
    rf"\s*(?:{_CHANGED}|\bis\s+now\b|\bis\b|\bwas\b|=|:|-|–|['’]s)?\s*"
    r"(?:(?:still|literally|just|only|always|currently|actually)\s+)?"
    rf"(?P<value>\d{{4,8}}|{_WORD_DIGITS})(?!\w)"
)
# The PIN a little further on: "the PIN's written on the back, 739104", "the PIN's your
# birthday backwards (2040)", "what's my pin again" ... replied "1708 like always". The gap
# has no digit, so the value is the first number after the word.
_PIN_LATER_RE = re.compile(
    r"(?:pin|puk)(?:['’]s)?\b(?P<gap>[^\n\d]{1,50}?)"
    r"(?P<intro>,|:|\(|(?<![a-z])(?:it['’]?s|it\s+is|replied|said|says|so)\b|…)\s*[\"“‘']?"
    r"(?P<value>\d{4,8})(?![\w%£$€]|[.,:/\-]\d)"
)
# What a number after a PIN word can be instead: an amount, a time, a count, a year.
_NOT_PIN_AFTER_RE = re.compile(
    r"\s*(?:%|(?:am|pm|hrs?|hours?|mins?|minutes|secs?|seconds|days?|weeks?|months?|years?"
    r"|times|people|quid|pounds?|p|x|k|miles?|points?|pts|followers|likes|views|members|lines?"
    r"|words?|characters?|digits?|steps?)\b)"
)
_PIN_GAP_STOP_RE = re.compile(r"[.!?](?=\s)|\b(?:in|since|from|until|till|by|before|after|of)\s*\Z")
# A phone's or banking's own passcode: "my husband's phone code is 696969", "telephone
# banking code (86214)". "phone" alone keeps the door recogniser off ("phone code" may be
# a dialling code), so a dialling code's leading 0 and words like "area" rule one out.
_DEVICE_CODE_RE = re.compile(
    r"(?P<what>(?:tele)?phone|mobile|iphone|ipad|tablet|laptop|lock\s?screen|banking)"
    r"\s+(?:unlock\s+|security\s+|lock\s+)?(?:code|passcode|pass\s?code|pass\s?number)\b"
    rf"\s*(?:{_CHANGED}|\bis\s+now\b|\bis\b|\bwas\b|=|:|–|['’]s|\()?\s*"
    r"(?:(?:still|literally|just|only|always|currently|actually)\s+)?"
    r"(?P<value>\d{4,8})(?![\w%£$€]|[.,:/\-]\d)"
)
_DEVICE_WORDS = phrases(
    "phone|telephone|mobile|iphone|ipad|tablet|laptop|lock screen|lockscreen|banking"
)
_DIALLING_RE = re.compile(r"\b(?:area|dialling|dialing|dial|country|international|std)\b")
# "postgres://admin:Wh1teRose!@db-main...": a connection string with its password inside.
_DSN_RE = re.compile(
    r"://(?P<user>[^\s:/@]{1,64}):(?P<value>[^\s@/]{1,128})@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*"
)
_LOGIN_RE = re.compile(
    r"(?:login|log-?in|log\s+in|username|user\s?name|user(?:\s?id)?|userid|uid|account)\b"
    r"\s*(?:\bis\b|:|=|-|–)?\s*(?P<user>[^\s,;/|]{2,64})[\s,;/|]+(?:and\s+|&\s+)?"
    rf"(?:(?:the|my|his|her)\s+)?(?:{_PW_KW})\b"
    r"\s*(?:\bis\b|:|=|-|–)?\s*"
    rf"(?P<pw>{_VALUE})"
)
_LOGIN_WORDS = ("log", "user", "uid", "account")
# "Router admin: admin / admin123", "Netflix login is jo@example.com / Popcorn2024".
# "Logged into the shared inbox with Admin / Summer25": the pair follows "logged in ... with".
_PAIR_RE = re.compile(
    r"(?:login|log-?in|admin|router|account|credentials|creds|details"
    r"|(?:logged|logging|signed|signing)\s+(?:in|on)(?:to)?\b[^.!?\n/|]{0,40}?"
    r"\b(?P<with>with|using|as))"
    + _FOR_FILLER
    + r"(?:\s*(?P<sep>\bis\b|:|=|-|–|['’]s\b)\s*|\s+)(?P<user>[^\s/|]{2,64})\s*[/|]\s*"
    r"(?P<pw>[^\s\"“”‘’`]{3,100})"
)
# "jo.bloggs@example.com / Biscuit2019", "jo@x.com pass: Tr0ub4dor": an email, then a
# slash, pipe or password word, then a password-looking value. Starts at the "@" so
# the engine can jump to it; the local part is found by looking back in code.
_EMAIL_PAIR_RE = re.compile(
    r"@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+\s*(?:[/|]|,?\s+(?:and\s+)?(?:the\s+)?"
    rf"(?:{_PW_KW})\b\s*(?:\bis\b|:|=|-|–)?)\s*(?P<pw>[^\s\"“”‘’`]{{3,100}})"
)
_EMAIL_LOCAL_RE = re.compile(r"[a-z0-9._%+\-]+\Z")
# "paypal login is sam@example.com Samuel#1990": after a login word a space is enough.
_EMAIL_SPACE_PW_RE = re.compile(
    r"@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+[ \t]+(?:and\s+)?(?P<pw>[^\s\"“”‘’`]{4,64})"
)
# "user / password" anywhere; _cued_pairs decides whether the context makes it a login.
_CUED_PAIR_RE = re.compile(
    r"(?<![\w.@\-/:])(?P<user>[a-z0-9][\w.@\-]{1,63})[ \t]*[/|+][ \t]*"
    r"(?P<pw>[^\s\"“”‘’`/|]{3,100})"
)
# Accounts that come with a device and often keep their default password.
_DEFAULT_USERS = word_set("admin administrator root pi guest user")
# A post needs one of these before "user / password" pairs are looked for at all.
_PAIR_CUES = (
    *("log", "sign", "ssh", "username", "user name", "userid", "user id", "admin", "cred"),
    *("account", "password", "root", "pi ", "guest", "user/", "user /"),
)
# Not "@user", the stand-in for a handle in scraped posts.
_LOGIN_CUE_RE = re.compile(
    r"(?<!@)"
    + keywords(
        "log",
        "login",
        r"sign(?:ed|ing)?\s+in",
        "ssh",
        r"user\s?name",
        r"user\s?id",
        "admin",
        "creds",
        "credentials",
        "account",
        "password",
    )
)
# Words after "login"/"account" that name a screen, not a user ("login page / Help2").
_NOT_USERS = word_set("page screen button link form details issue issues problem problems help")
_PAIR_WORDS = phrases(
    "login|log-in|log in|admin|router|account|credentials|creds|details|logged|logging|signed|"
    "signing"
)


class PasswordRecogniser(ScanRecogniser):
    """Passwords, PINs and username/password pairs given out with a value."""

    kind = "password"
    label = "Password or login"

    def scan(self, scan: Scan) -> list[Match]:
        """Find passwords and logins."""
        text, lower = scan.text, scan.lower
        out: list[Match] = []
        if "/" in text or "|" in text:
            for i in scan.keyword_hits(_PAIR_WORDS):
                m = _PAIR_RE.match(lower, i)
                if m is None:
                    continue
                # A username may be an ordinary word or an email ("admin", "jo@x.com"):
                # only the password half has to look like a secret.
                name = _value_span(text, m.start("user"), m.end("user"))
                pw = _clean_value(text, m, "pw")
                if (
                    m.group("sep") is None
                    and m.group("with") is None
                    and (is_common_word(m.group("user")) or m.group("user") in _NOT_USERS)
                ):
                    continue  # "login page / Help2" needs "login: <user>" to be read so
                if name is not None and pw is not None and _looks_secret(pw[2]):
                    out.append(
                        self.match(name[0], pw[1], 0.9, "A login given as 'user / password'.")
                    )
        if ("/" in text or "|" in text or "+" in text) and scan.has_any(_PAIR_CUES):
            out.extend(self._cued_pairs(scan))
        if "@" in text:
            out.extend(self._email_pairs(scan))
            if "://" in text:
                out.extend(self._connection_strings(scan))
        if "set" in lower or "chang" in lower:
            out.extend(self._reset_to(scan))
        if ("code" in lower or "key" in lower) and scan.digits >= 8:
            out.extend(self._backup_codes(scan))
        for i in scan.keyword_hits(("log",)):
            if (m := _LOGIN_LATER_RE.match(lower, i)) is None:
                continue
            said = text[m.start() : m.end()]
            if pw := _later_value(text, lower, m.end(), _LOGIN_LATER_INTROS):
                out.append(self.match(pw[0], pw[1], 0.8, f"A value given after '{said}'."))
            elif (
                (pair := _LOGIN_LATER_PAIR_RE.match(lower, m.end()))
                and not is_common_word(pair.group("user"))
                and (pw := _chosen_value(text, pair))
            ):
                reason = f"A username and then a password given after '{said}'."
                out.append(self.match(pair.start("user"), pw[1], 0.8, reason))
            elif pw := _recipe_value(text, lower, m.end()):
                out.append(self.match(pw[0], pw[1], 0.75, f"How the {said} is made up."))
        if (
            scan.digits >= 4
            and ("code" in lower or "pass" in lower)
            and scan.has_any(_DEVICE_WORDS)
        ):
            out.extend(self._device_codes(scan))
        if not scan.has_any((*_PASSWORD_WORDS, "pin", "puk")):
            return out
        for i in scan.keyword_hits(_LOGIN_WORDS):
            m = _LOGIN_RE.match(lower, i)
            if m is None:
                continue
            user = _clean_value(text, m, "user")
            pw = _clean_value(text, m, "pw")
            if user is not None and pw is not None:
                out.append(
                    self.match(user[0], pw[1], 0.95, "A username given together with a password.")
                )
        for i in scan.keyword_hits(_PASSWORD_WORDS):
            if (
                _in_url(text, i)
                and (kw := _PW_KW_RE.match(lower, i))
                and (lower[kw.end() : kw.end() + 2].lstrip(">]}").startswith("@"))
            ):
                continue  # "postgres://user:password@localhost": the word is the stand-in
            if (found := self._after_keyword(scan, i)) is not None:
                out.append(found)
        for i in scan.keyword_hits(("pin", "puk")):
            m = _PIN_RE.match(lower, i)
            if m is not None:
                out.append(self.match(*m.span("value"), 0.85, "A PIN given out."))
            elif scan.digits >= 4 and (later := _pin_later(lower, i)) is not None:
                out.append(self.match(*later, 0.8, "A PIN given a little after the word 'PIN'."))
        return out

    def _device_codes(self, scan: Scan) -> list[Match]:
        """ "my phone code is 696969", "telephone banking code (86214)": a device's passcode."""
        lower = scan.lower
        out: list[Match] = []
        for i in scan.keyword_hits(_DEVICE_WORDS):
            m = _DEVICE_CODE_RE.match(lower, i)
            if m is None or _DIALLING_RE.search(lower, max(0, i - 30), m.start("value")):
                continue
            value, what = m.group("value"), " ".join(m.group("what").split())
            if what.endswith("phone") and value.startswith("0") and len(value) <= 6:
                continue  # "the phone code for Leeds is 0113": a dialling code
            if _NOT_PIN_AFTER_RE.match(lower, m.end()) or (
                _is_year(value) and not _CLAUSE_END_RE.match(lower, m.end())
            ):
                continue  # "my laptop code is 2019 vintage"
            out.append(self.match(*m.span("value"), 0.8, f"A {what} passcode given out."))
        return out

    def _connection_strings(self, scan: Scan) -> list[Match]:
        """ "postgres://admin:Wh1teRose!@db-main:5432": a password inside a URL."""
        out: list[Match] = []
        for m in _DSN_RE.finditer(scan.lower):
            value = scan.text[m.start("value") : m.end("value")]
            if _filtered(value, _QUOTED_FILTERS) or value.lower() in ("pass", "pwd", "pw"):
                continue  # "postgres://user:password@host", "://me:${DB_PASS}@db"
            reason = "A connection string with the password in it."
            out.append(self.match(m.start("user"), m.end("value"), 0.9, reason))
        return out

    def _after_keyword(self, scan: Scan, i: int) -> Match | None:
        """The password given after the password word at ``i``, if any."""
        text, lower = scan.text, scan.lower
        m = _PASSWORD_RE.match(lower, i)
        if m is None:
            # "Password... hang on... it's Lashes4Ever2025": no value right after the word.
            kw_only = _PW_KW_RE.match(lower, i)
            if kw_only is None or kw_only.group() in ("pass", "vpn"):
                return None
            pw = _later_value(text, lower, kw_only.end())
            said = text[kw_only.start() : kw_only.end()]
            return self.match(pw[0], pw[1], 0.8, f"A value given after '{said}'.") if pw else None
        said = text[m.start() : m.end("kw")]
        kw = " ".join(m.group("kw").split())
        pw = _clean_value(text, m, "value")
        if pw is not None and m.group("bare") is not None:
            # No "is" or ":": only a password word with a value that looks chosen.
            if not (kw in _STRONG_PW_KW and _bare_value_ok(kw, pw[2], _quoted(text, pw[:2]))):
                pw = None
        # Loose keywords need a value that looks chosen: "Pass: 85%", "bus pass -
        # free", "a password to access the portal" are not passwords.
        elif (
            pw is not None
            and (kw in ("pass", "vpn") or m.group("to"))
            and not (_looks_secret(pw[2]) or _quoted(text, pw[:2]))
        ):
            return None
        if pw is None:
            # "password is on a post-it: Team4Rocks"; a loose "pass" needs the colon.
            intros = _COLON if kw in ("pass", "vpn") else None
            pw = _later_value(text, lower, m.start("value"), intros)
            if pw is None and kw not in ("pass", "vpn"):
                pw = _recipe_value(text, lower, m.start("value"))
            return self.match(pw[0], pw[1], 0.8, f"A value given after '{said}'.") if pw else None
        return self.match(pw[0], pw[1], 0.85, f"A value given after '{said}'.")

    def _cued_pairs(self, scan: Scan) -> list[Match]:
        """ "Log in as me while I'm off: sarah.k / Blossom#99": a pair after a login word.

        A default account ("admin/12345", "pi / raspberry99") is its own cue; any other
        pair needs a login word in the 60 characters before it.
        """
        text, lower = scan.text, scan.lower
        out: list[Match] = []
        for m in _CUED_PAIR_RE.finditer(lower):
            user, pw = m.group("user"), _clean_value(text, m, "pw")
            if pw is None or looks_like_url(m.group()) or user.isdigit() or user in _NOT_USERS:
                continue  # "login page / Help2" names a screen, not a user
            if user in _DEFAULT_USERS:
                ok = _looks_chosen(pw[2]) or (pw[2].isdigit() and len(pw[2]) >= 4)
            else:
                ok = (
                    not is_common_word(user)
                    and _looks_chosen(pw[2])
                    and _LOGIN_CUE_RE.search(lower, max(0, m.start() - 60), m.start()) is not None
                )
            if ok:
                reason = "A username and password given as a pair."
                out.append(self.match(m.start(), pw[1], 0.85, reason))
        return out

    def _reset_to(self, scan: Scan) -> list[Match]:
        """ "IT reset it to Harbour!223", "set it to Tigger2019": a new password, unnamed."""
        out: list[Match] = []
        for i in scan.keyword_hits(("reset", "re-set", "set", "change")):
            m = _RESET_TO_RE.match(scan.lower, i)
            if m is None:
                continue
            value = _clean_value(scan.text, m, "value")
            # "changed it to 10am", "set mine to iOS17": a password is longer and wordier.
            if value is not None and _looks_password_like(value[2]):
                out.append(self.match(value[0], value[1], 0.8, "A password-like value set."))
        return out

    def _backup_codes(self, scan: Scan) -> list[Match]:
        """ "2FA backup codes ...: 40192 77311 50029": one-time codes that open an account."""
        out: list[Match] = []
        lower = scan.lower
        for i in scan.keyword_hits(_BACKUP_WORDS):
            m = _BACKUP_CODES_RE.match(lower, i)
            if m is not None:
                reason = "Backup or recovery codes given out."
                out.append(self.match(*m.span("value"), 0.85, reason))
            elif _CODES_WORD_RE.match(lower, i) and (
                before := _CODES_BEFORE_RE.search(lower, max(0, i - 160), i)
            ):
                reason = "A list of codes named as backup or recovery codes."
                out.append(self.match(*before.span("value"), 0.85, reason))
        return out

    def _email_pairs(self, scan: Scan) -> list[Match]:
        """ "jo@example.com / Biscuit2019": an email address given with a password."""
        text, lower = scan.text, scan.lower
        out: list[Match] = []
        for m in _EMAIL_PAIR_RE.finditer(lower):
            local = _EMAIL_LOCAL_RE.search(lower, max(0, m.start() - 64), m.start())
            if local is None:
                continue
            pw = _clean_value(text, m, "pw")
            if pw is not None and _looks_secret(pw[2]) and not looks_like_url(pw[2]):
                reason = "An email address given together with a password."
                out.append(self.match(local.start(), pw[1], 0.9, reason))
        for m in _EMAIL_SPACE_PW_RE.finditer(lower):
            local = _EMAIL_LOCAL_RE.search(lower, max(0, m.start() - 64), m.start())
            if (
                local is None
                or _LOGIN_CUE_RE.search(lower, max(0, local.start() - 40), local.start()) is None
            ):
                continue
            pw = _clean_value(text, m, "pw")
            if pw is not None and _looks_chosen(pw[2]) and not looks_like_url(pw[2]):
                reason = "An email address given as a login, followed by its password."
                out.append(self.match(local.start(), pw[1], 0.85, reason))
        return out


def _later_value(
    text: str, lower: str, pos: int, intros: frozenset[str] | None = None
) -> tuple[int, int, str] | None:
    """A chosen-looking value introduced a little after ``pos`` (see _LATER_VALUE_RE).

    ``intros`` limits the words that may introduce it. A colon or comma only counts within
    the same sentence ("Password reset today. Meeting at 10: Room4B" gives nothing away);
    "it's", "mine's" and a bracket may follow a sentence on.
    """
    later = _LATER_VALUE_RE.match(lower, pos)
    crossed = False  # whether the search went past the end of a sentence
    # After a full stop the value must be a sentence of its own ("tbh. Summer2025."); if
    # it is not, that full stop introduced nothing and the search goes on past it.
    while (
        later is not None
        and later.group("intro") in _SENTENCE_ENDS
        and not _ALONE_RE.match(lower, later.end("value"))
    ):
        crossed = True
        later = _LATER_VALUE_RE.match(lower, later.end("intro"), pos + 80)
    if later is None:
        return None
    intro = " ".join(later.group("intro").lstrip(",(").split()) or later.group("intro")
    if intros is not None and intro not in intros:
        return None
    if intro in (",", ":") and (crossed or any(c in later.group("gap") for c in ".!?")):
        return None
    value = _chosen_value(text, later)
    if value is None and intros is None and intro in _RETRY_INTROS:
        value = _chosen_value(text, _RETRY_VALUE_RE.match(lower, later.end("intro"), pos + 100))
    return value


# "login is your staff number plus the word 'dragon'": a recipe with its fixed part quoted.
_RECIPE_RE = re.compile(
    r"[^.!?\n]{0,60}?(?:\bplus\b|\bfollowed\s+by\b|\band\s+then\b|\+)\s*"
    r"(?:the\s+(?:word|letters|number|digits)\s+)?"
    r"(?P<value>\"[^\"\n]{2,30}\"|'[^'\n]{2,30}'|“[^”\n]{2,30}”|‘[^’\n]{2,30}’)"
)


def _recipe_value(text: str, lower: str, pos: int) -> tuple[int, int, str] | None:
    """The quoted fixed part of a password recipe a little after ``pos``, or None."""
    m = _RECIPE_RE.match(lower, pos)
    return _clean_value(text, m, "value") if m is not None else None


def _chosen_value(text: str, m: re.Match[str] | None) -> tuple[int, int, str] | None:
    """The value of ``m`` when it looks chosen and is not an email address."""
    value = _clean_value(text, m, "value") if m is not None else None
    if value is None or _EMAIL_LIKE_RE.search(value[2]) or not _looks_chosen(value[2]):
        return None  # an email after "login" is the username, not the password
    return value


def _pin_later(lower: str, i: int) -> tuple[int, int] | None:
    """Span of a PIN given a little after the PIN word at ``i`` (see _PIN_LATER_RE), or None.

    The gap may not close a sentence or end on "in"/"since" ("PIN expired in 2024"), and
    the number may not be an amount, a time or a count ("PIN, 2500 members").
    """
    m = _PIN_LATER_RE.match(lower, i)
    if m is None or _PIN_GAP_STOP_RE.search(m.group("gap")):
        return None
    value = m.group("value")
    if _NOT_PIN_AFTER_RE.match(lower, m.end()):
        return None
    if m.group("intro") in (",", ":", "…") and _is_year(value):
        return None  # "my PIN expired, 2024 was the year": a bare comma and a year
    return m.span("value")


def _is_year(value: str) -> bool:
    return len(value) == 4 and value.isdigit() and 1900 <= int(value) <= 2099


_CLAUSE_END_RE = re.compile(r"\s*(?:$|[\n.,;:!?)\"”'’]|(?:and|but|so|if|because|lol)\b)")


def _bare_value_ok(kw: str, value: str, quoted: bool) -> bool:
    """Whether a value straight after a password word, with no "is" or ":", is its value.

    It must look chosen ("passcode Dt9xQ2"), be quoted, or be the digits of a passcode
    ("bank app passcode 461937"), which may not be a year ("passcode 2024 rules").
    """
    if quoted or _looks_chosen(value):
        return True
    return kw == "passcode" and value.isdigit() and 4 <= len(value) <= 8 and _looks_like_code(value)


def _looks_password_like(value: str) -> bool:
    """Stricter than _looks_chosen, for a value with no password word beside it:
    six characters or more, three letters or more, and a digit ("Tigger2019")."""
    letters = sum(c.isalpha() for c in value)
    return (
        len(value) >= 6 and letters >= 3 and _has_digit(value) and not looks_like_url(value)
    ) or _random_case(value)


def _looks_chosen(value: str) -> bool:
    """A password someone picked: letters with digits ("Buster1986") or random case."""
    return (_looks_secret(value) and _has_digit(value)) or _random_case(value)


def _random_case(value: str) -> bool:
    """Letters whose case flips inside the word, as generated passwords do ("JjRcurRP")."""
    if len(value) < 8 or not value.isalpha():
        return False
    flips = sum(a.isupper() != b.isupper() for a, b in itertools.pairwise(value[1:]))
    return flips >= 3


def _looks_secret(value: str) -> bool:
    """Mixed letters and digits or symbols: how chosen passwords look."""
    has_alpha = any(c.isalpha() for c in value)
    has_symbol = any(not c.isalnum() for c in value)
    return len(value) >= 4 and has_alpha and (_has_digit(value) or has_symbol) and "%" not in value


# --------------------------------------------------------------------------
# One-time and verification codes
# --------------------------------------------------------------------------

# A code someone was sent to prove it is them: "the code they sent you is 668 201", "my bank
# just sent me a code 483 920", "Steam says the code is K7N2Q". Six digits (maybe split in
# two), four to eight digits, or capitals with digits.
_OTP_RE = re.compile(
    r"code\b(?P<gap>[^.!?\n\d]{0,45}?)"
    r"(?:(?P<sep>\bis\b|\bwas\b|:|['’]s|\bit\s+was\b|\bit['’]?s\b)\s*|(?<=\s))[\"“‘']?"
    r"(?P<value>\d{3}[ \-]\d{3}|\d{4,8}|(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{5,8})"
    r"(?![\w\-]|[ \-]\d)"
)
# Who sent it, or what it is for. With no "is"/":" the sending must come just before
# ("sent me a code 483 920"): "Got 2FA code 482913 on my phone, weird" says nothing of use.
_OTP_SENT_RE = re.compile(
    keywords(
        "sent", "send", "texted", "emailed", "messaged", "says", "said", "gave", r"came\s+through"
    )
    + r"\b"
)
_OTP_CUE_RE = re.compile(
    keywords(
        "sent",
        "send",
        "texted",
        "emailed",
        "messaged",
        "says",
        "said",
        "gave",
        "verif",
        r"one[\s\-]time",
        "otp",
        "2fa",
        r"log\s?(?:ged\s+)?in",
        r"sign(?:ed)?\s+in",
        "account",
    )
)
# Codes that are no one's key: "discount code", "tracking code". Not "bank" or "2fa": those
# are who sends one-time codes.
_NOT_OTP_WORDS = _NOT_ACCESS_WORDS - word_set(
    "authentication verification otp 2fa mfa card bank phone sim"
)


class OneTimeCodeRecogniser(ScanRecogniser):
    """One-time passcodes and verification codes that were sent to someone."""

    kind = "one-time-code"
    label = "One-time or verification code"

    def scan(self, scan: Scan) -> list[Match]:
        """Find one-time codes given out."""
        if not scan.digits or "code" not in scan.lower:
            return []
        text, lower = scan.text, scan.lower
        out: list[Match] = []
        for i in scan.keyword_hits(("code",)):
            m = _OTP_RE.match(lower, i)
            if m is None or not self._is_otp(text, lower, m):
                continue
            reason = "A one-time or verification code given out."
            out.append(self.match(*m.span("value"), 0.85, reason))
        return out

    @staticmethod
    def _is_otp(text: str, lower: str, m: re.Match[str]) -> bool:
        i, (start, end) = m.start(), m.span("value")
        value = m.group("value")
        if not any(c.isdigit() for c in value) or _is_year(value):
            return False
        if value.isalnum() and not value.isdigit() and not text[start:end].isupper():
            return False  # "code abc123": a letters-and-digits code is printed in capitals
        if _NOT_PIN_AFTER_RE.match(lower, end):
            return False  # "the code was 4000 lines"
        if m.group("sep") is None:
            if m.group("gap").strip():
                return False  # "Text the code to 81010"
            if _OTP_SENT_RE.search(lower, max(0, i - 30), i) is None:
                return False
        elif _OTP_CUE_RE.search(lower, max(0, i - 40), min(len(lower), end + 60)) is None:
            return False  # "the code is 4590" is a door's, if anything's
        # Not a door code, nor "the discount code they sent is ...".
        lo = max(0, i - 40)
        return not (_ANCHOR_RE.search(lower, lo, start) or _not_otp(lower, lo, start))


def _not_otp(lower: str, lo: int, hi: int) -> bool:
    return not _NOT_OTP_WORDS.isdisjoint(_WORD_RE.findall(lower, lo, hi))


# --------------------------------------------------------------------------
# Answers to security questions
# --------------------------------------------------------------------------

# Banks ask these to let someone in, so an answer is as good as a password: "online banking
# memorable word is Blackpool", "Mother's maiden name Jones, first pet Biscuit". The weak
# questions are ordinary talk ("my first pet was a hamster") unless the post is about
# security or an account.
_ANSWER_RE = re.compile(
    r"(?:(?P<strong>memorable\s+(?:word|name|place|date|info(?:rmation)?|answer)|security\s+answer"
    r"|(?:mother|mum)['’]?s\s+maiden\s+name)"
    r"|(?P<weak>maiden\s+name|first\s+(?:pet|school|car|teacher|street|job)(?:['’]s\s+name)?"
    r"|favourite\s+(?:teacher|film|book|food|colour|team)|place\s+of\s+birth"
    r"|childhood\s+(?:friend|street|hero|nickname)))"
    r"(?:\s+(?:is|was)\b|\s*[:=\-–]|['’]s)?\s*(?:(?:still|just|literally|always)\s+)?"
    r"(?P<value>[\"“‘']?[a-z][\w'’\-]{1,30}(?:[ \t]+[a-z][\w'’\-]{1,30}){0,3})"
)
_ANSWER_WORDS = phrases(
    "memorable|security answer|mother|mum|maiden|first|favourite|place of|childhood"
)
_WEAK_ANSWER_HINTS = ("maiden", "first ", "favourite", "place of birth", "childhood")
_SECURITY_CUE_RE = re.compile(
    keywords("security", "bank", "password", "account", "memorable", "verif", "login", r"log\s+in")
)
_CAPITALISED_RE = re.compile(r"[A-Z][\w'’\-]*")


class SecurityAnswerRecogniser(ScanRecogniser):
    """Answers to banks' security questions: memorable words, maiden names, first pets."""

    kind = "security-answer"
    label = "Security question answer"

    def scan(self, scan: Scan) -> list[Match]:
        """Find security answers given out."""
        text, lower = scan.text, scan.lower
        strong = scan.has_any(("memorable", "maiden", "security answer"))
        weak = scan.has_any(_WEAK_ANSWER_HINTS) and _SECURITY_CUE_RE.search(lower) is not None
        if not (strong or weak):
            return []
        out: list[Match] = []
        for i in scan.keyword_hits(_ANSWER_WORDS):
            m = _ANSWER_RE.match(lower, i)
            if m is None or (m.group("weak") is not None and not weak):
                continue
            span = _answer_span(text, m.start("value"), m.end("value"), text == lower)
            if span is None:
                continue
            key = "strong" if m.group("strong") is not None else "weak"
            question = " ".join(text[m.start(key) : m.end(key)].split())
            score = 0.85 if m.group("strong") is not None else 0.75
            reason = f"An answer to a security question ('{question}')."
            out.append(self.match(span[0], span[1], score, reason))
        return out


def _answer_span(text: str, start: int, end: int, no_capitals: bool) -> tuple[int, int] | None:
    """The answer's span: quoted, or the run of capitalised words (any word in a post with no
    capitals at all); None when it is an ordinary word ("was a hamster", "to anyone")."""
    if text[start] in "\"“‘'":
        closer = {'"': '"', "“": "”", "‘": "’", "'": "'"}[text[start]]
        close = text.find(closer, start + 1, end + 2)
        return (start + 1, close) if close > start + 1 else None
    words = [w for w in re.finditer(r"\S+", text[start:end])]
    kept = end
    for n, w in enumerate(words):
        if n and not _CAPITALISED_RE.match(w.group()):
            kept = start + words[n - 1].end()
            break
    value = text[start:kept].rstrip(".,;:!?)")
    first = value.split()[0] if value else ""
    if not first or is_common_word(first) or first.lower() in _NOT_ANSWERS:
        return None
    if not (no_capitals or _CAPITALISED_RE.match(first)):
        return None
    return start, start + len(value)


# Capitalised words that start a sentence rather than an answer.
_NOT_ANSWERS = word_set("what whats what's why how who never don't dont do does did can")


# --------------------------------------------------------------------------
# API keys and tokens
# --------------------------------------------------------------------------

# (what it is, pattern, literal substrings one of which must be present)
_KEY_FORMATS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "an AWS access key ID",
        r"(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b",
        ("AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA"),
    ),
    (
        "a GitHub token",
        r"gh[pousr]_[A-Za-z0-9]{20,255}\b",
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
    ),
    ("a GitHub fine-grained token", r"github_pat_[A-Za-z0-9_]{22,255}\b", ("github_pat_",)),
    ("a GitLab token", r"glpat-[A-Za-z0-9_\-]{20,}", ("glpat-",)),
    ("a Slack token", r"xox[abposr]-[A-Za-z0-9\-]{10,}", ("xox",)),
    ("a Google API key", r"AIza[0-9A-Za-z_\-]{35}(?![0-9A-Za-z_\-])", ("AIza",)),
    ("a Stripe live key", r"(?:sk|rk)_live_[0-9A-Za-z]{16,}", ("_live_",)),
    ("a Stripe test key", r"(?:sk|rk)_test_[0-9A-Za-z]{16,}", ("_test_",)),
    ("an OpenAI-style secret key", r"sk-(?:proj-)?[A-Za-z0-9_\-]{32,}", ("sk-",)),
    ("a SendGrid key", r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}", ("SG.",)),
    ("an npm token", r"npm_[A-Za-z0-9]{36}\b", ("npm_",)),
    (
        "a JSON Web Token",
        r"eyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*",
        ("eyJ",),
    ),
    (
        "a private key",
        r"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----"
        r"(?:[\s\S]{0,8000}?-----END \1PRIVATE KEY(?: BLOCK)?-----)?",
        ("-----BEGIN",),
    ),
)
# Literal prefixes first, so the engine can jump to them; the word-start check
# is done in code.
_KEY_RES = tuple((name, re.compile(pat)) for name, pat, _ in _KEY_FORMATS)
# (literal, index into _KEY_RES): one flat list of substring tests decides which
# format regexes are worth running at all.
_KEY_HINTS = tuple((h, i) for i, (_, _, hints) in enumerate(_KEY_FORMATS) for h in hints)
_TOKEN_WORDS = phrases("token|key|secret|apikey|api|access|client|bearer|auth|credential|refresh")
_TOKEN_RE = re.compile(
    r"(?P<ctx>api[\s_\-]?key|apikey|access[\s_\-]?key|secret(?:[\s_\-]?key)?"
    r"|client[\s_\-]?secret|(?:access|auth|bearer|refresh|api)[\s_\-]?token|token|bearer"
    r"|authorization|auth|credentials?|key)\b"
    r"[^\n]{0,50}?(?:\bis\b|:|=|-|\s)\s*[\"'`“‘]?"
    r"(?<![#@/\w.])(?P<value>[A-Za-z0-9+/_\-.]{16,}={0,2})(?![\w+/=\-])"
)
_HEX_RE = re.compile(r"[0-9a-fA-F]+")
_STRONG_TOKEN_CTX_RE = re.compile(r"secret|token|api|credential|bearer")


class ApiKeyRecogniser(ScanRecogniser):
    """Well-known key/token formats, and long random strings after a key word."""

    kind = "api-key"
    label = "API key or token"

    def scan(self, scan: Scan) -> list[Match]:
        """Find API keys and tokens."""
        text = scan.text
        out: list[Match] = []
        taken: list[tuple[int, int]] = []
        active = {idx for hint, idx in _KEY_HINTS if hint in text}
        for idx in sorted(active):
            name, rx = _KEY_RES[idx]
            for m in rx.finditer(text):
                if m.start() and text[m.start() - 1].isalnum():
                    continue  # in the middle of a longer word
                taken.append(m.span())
                out.append(self.match(*m.span(), 0.95, f"Matches the format of {name}."))
        if len(text) < 16 or not scan.has_any(_TOKEN_WORDS):
            return out
        for i in scan.keyword_hits(_TOKEN_WORDS):
            # Matched on the lower-cased text; the value is read back from the original.
            tm = _TOKEN_RE.match(scan.lower, i)
            if tm is None:
                continue
            s, e = tm.span("value")
            if any(not (e <= a or s >= b) for a, b in taken):
                continue
            value = text[s:e].rstrip(".")
            if _in_url(text, s):
                continue
            said = text[i : tm.end("ctx")]
            if _high_entropy(value):
                reason = f"A long random-looking string after '{said}'."
                score = 0.75
            elif looks_like_uuid(value) and _STRONG_TOKEN_CTX_RE.search(said.lower()):
                # A UUID is only a secret when it is labelled as one ("client_secret: <uuid>").
                reason = f"A UUID given as '{said}'."
                score = 0.7
            else:
                continue
            taken.append((s, s + len(value)))
            out.append(self.match(s, s + len(value), score, reason))
        return out


def _high_entropy(value: str) -> bool:
    if _filtered(value, TOKEN_FILTERS):
        return False
    if not (_has_digit(value) and any(c.isalpha() for c in value)):
        return False
    # Words with a number on the end ("documentation2024") switch character
    # class once or twice; random strings switch constantly.
    classes = [_char_class(c) for c in value]
    switches = sum(a != b for a, b in itertools.pairwise(classes))
    if switches < 4:
        return False
    # Hex carries at most 4 bits a character, base64 about 6, and a short
    # string cannot reach either: scale the bar with length.
    cap = 3.0 if _HEX_RE.fullmatch(value) else 3.5
    return shannon_entropy(value) >= min(cap, 0.75 * math.log2(len(value)))


def _char_class(c: str) -> int:
    if c.isdigit():
        return 0
    if c.islower():
        return 1
    return 2 if c.isupper() else 3


def _in_url(text: str, start: int) -> bool:
    """True when ``start`` lies inside a URL-looking whitespace-delimited token."""
    tok_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token = text[tok_start:start]
    return "://" in token or token.startswith("www.") or "/" in token


# --------------------------------------------------------------------------

RECOGNISERS: tuple[ScanRecogniser, ...] = (
    WifiCredentialsRecogniser(),
    DoorCodeRecogniser(),
    PassNumberRecogniser(),
    BookingReferenceRecogniser(),
    PasswordRecogniser(),
    OneTimeCodeRecogniser(),
    SecurityAnswerRecogniser(),
    ApiKeyRecogniser(),
)


def find_all(text: str) -> list[Match]:
    """Run every secure-data recogniser; non-overlapping matches sorted by start."""
    scan = Scan(text)
    return resolve_overlaps(m for r in RECOGNISERS for m in r.scan(scan))
