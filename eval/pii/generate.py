"""Generate a labelled set of posts with UK personal identifiers, for benchmarks/pii.py.

    python eval/pii/generate.py OUT.jsonl [--seed 11] [--per-kind 60] [--clean 360]

Each post is {"id", "text", "spans": [{"start", "end", "kind"}], "style", "clean_kind"?}.
`spans` marks every identifier in the text (Python string offsets); a clean post has none but
carries look-alikes (order numbers, scores, times, event dates, public helplines ...), named in
`clean_kind`. The same seed always gives the same posts.

The formats come from the issuing rules, not from any tool's patterns:

- National Insurance numbers: valid prefixes (never D F I Q U V first, never D F I O Q U V
  second, none of BG GB KN NK NT TN ZZ), suffix A-D; spaced in pairs, solid, lower case,
  with hyphens;
- NHS numbers with a valid modulus-11 check digit, as 3-3-4, solid or hyphenated;
- phone numbers only in Ofcom's ranges reserved for drama (07700 900xxx mobiles, 0113 496 0xxx
  and the other geographic ones, 020 7946 0xxx, 01632 960xxx), in national, +44, +44 (0) and
  0044 forms;
- e-mail addresses at the usual UK consumer domains;
- postcodes in the Royal Mail shape (outward code of a real area, inward digit and two letters
  from the permitted set), upper case, lower case and unspaced; home addresses (number, street,
  town, usually a postcode);
- sort codes (with hyphens, spaces or none) with 8-digit account numbers;
- passport numbers in both shapes in use: nine digits, and two letters with seven digits;
- GB driving licence numbers built to the DVLA layout (surname, decade, month (+5 for women),
  day, year, initials, check characters), solid or spaced;
- dates of birth in numeric, ISO and written forms.

Styles, recorded in `style`: "labelled" ("NI: ..."), "sentence" (context words in a
sentence), "bare" (no context word: the format alone must say what it is; only for formats
that do). The author's own contact details ("ring me on ...") are left out on purpose: whether
they count as a disclosure is a policy choice, not a detection question.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable

FIRST = ["Sarah", "James", "Priya", "Tom", "Aisha", "David", "Emma", "Kwame", "Rachel", "Owen",
         "Fatima", "Liam", "Hannah", "Marek", "Grace", "Ian", "Chloe", "Darren", "Megan", "Sunil"]
LAST = ["Thompson", "Patel", "Clarke", "Okafor", "Davies", "Nowak", "Hughes", "Khan",
        "Robertson", "Evans", "Campbell", "Ahmed", "Wright", "Murphy", "Walsh", "Bennett",
        "Morgan", "Jones", "Singh", "Taylor"]
STREETS = ["Meadow Lane", "Acacia Avenue", "Church Street", "Victoria Road", "Mill Close",
           "Station Road", "Park Terrace", "Hawthorn Drive", "Queen's Crescent", "Beech Grove",
           "Orchard Way", "Kings Road"]
TOWNS = [("Leeds", "LS6"), ("Manchester", "M14"), ("Sheffield", "S11"), ("Cardiff", "CF24"),
         ("Newcastle", "NE6"), ("Birmingham", "B29"), ("Glasgow", "G12"), ("Bristol", "BS7"),
         ("Norwich", "NR2"), ("Belfast", "BT9"), ("Swansea", "SA1"), ("Preston", "PR1"),
         ("London", "SE15"), ("London", "N7"), ("Edinburgh", "EH6"), ("Hull", "HU5")]
EMAIL_DOMAINS = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com",
                 "icloud.com", "live.co.uk", "sky.com"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
# Ofcom's numbers for drama: never allocated to a real line.
DRAMA_LANDLINES = ["0113 496 0{:03d}", "0114 496 0{:03d}", "0115 496 0{:03d}",
                   "0116 496 0{:03d}", "0117 496 0{:03d}", "0118 496 0{:03d}",
                   "0121 496 0{:03d}", "0131 496 0{:03d}", "0141 496 0{:03d}",
                   "0151 496 0{:03d}", "0161 496 0{:03d}", "020 7946 0{:03d}",
                   "029 2018 0{:03d}", "01632 960{:03d}"]

# ---------------------------------------------------------------- identifier values


def nino(rng: random.Random) -> str:
    first, second = "ABCEGHJKLMNOPRSTWXYZ", "ABCEGHJKLMNPRSTWXYZ"
    while (prefix := rng.choice(first) + rng.choice(second)) in {
            "BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
        pass
    d = "".join(rng.choice("0123456789") for _ in range(6))
    suffix = rng.choice("ABCD")
    return rng.choice([f"{prefix} {d[:2]} {d[2:4]} {d[4:]} {suffix}", f"{prefix}{d}{suffix}",
                       f"{prefix}{d}{suffix}".lower(), f"{prefix} {d} {suffix}",
                       f"{prefix}-{d[:2]}-{d[2:4]}-{d[4:]}-{suffix}"])


def nhs_number(rng: random.Random) -> str:
    while True:
        body = rng.choice("4679") + "".join(rng.choice("0123456789") for _ in range(8))
        check = 11 - sum(int(c) * w for c, w in zip(body, range(10, 1, -1), strict=True)) % 11
        if check == 10:
            continue  # no valid number has this body
        digits = body + str(0 if check == 11 else check)
        return rng.choice([f"{digits[:3]} {digits[3:6]} {digits[6:]}", digits,
                           f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"])


def phone(rng: random.Random) -> str:
    n = rng.randrange(1000)
    if rng.random() < 0.6:  # mobile
        return rng.choice([f"07700 900{n:03d}", f"07700900{n:03d}", f"+44 7700 900{n:03d}",
                           f"+447700900{n:03d}", f"+44 (0)7700 900{n:03d}",
                           f"0044 7700 900{n:03d}", f"07700 900 {n:03d}"])
    number = rng.choice(DRAMA_LANDLINES).format(n)
    if rng.random() < 0.25:
        number = "+44 " + number[1:]
    return number


def email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST).lower(), rng.choice(LAST).lower()
    user = rng.choice([f"{first}.{last}", f"{first}{last}{rng.randrange(10, 99)}",
                       f"{first[0]}{last}", f"{first}_{last}", f"{last}.{first}{rng.randrange(9)}"])
    return f"{user}@{rng.choice(EMAIL_DOMAINS)}"


def postcode(rng: random.Random, outward: str | None = None) -> str:
    outward = outward or rng.choice(TOWNS)[1]
    inward = f"{rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
             f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    style = rng.random()
    if style < 0.15:
        return f"{outward}{inward}"
    if style < 0.3:
        return f"{outward} {inward}".lower()
    return f"{outward} {inward}"


def address(rng: random.Random) -> str:
    town, outward = rng.choice(TOWNS)
    street = f"{rng.randrange(2, 180)} {rng.choice(STREETS)}"
    if rng.random() < 0.2:
        return f"{street}, {town}"
    return f"{street}, {town} {postcode(rng, outward)}"


def sort_code(rng: random.Random) -> str:
    a, b, c = (rng.randrange(100) for _ in range(3))
    return rng.choice([f"{a:02d}-{b:02d}-{c:02d}", f"{a:02d} {b:02d} {c:02d}",
                       f"{a:02d}{b:02d}{c:02d}"])


def account(rng: random.Random) -> str:
    return f"{rng.randrange(10_000_000, 100_000_000)}"


def passport(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.randrange(100_000_000, 1_000_000_000)}"
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
    return f"{letters}{rng.randrange(1_000_000, 10_000_000)}"


def driving_licence(rng: random.Random) -> str:
    surname = rng.choice(LAST).upper()[:5].ljust(5, "9")
    year = rng.randrange(1950, 2005)
    month = rng.randrange(1, 13) + (50 if rng.random() < 0.5 else 0)
    day = rng.randrange(1, 29)
    initials = rng.choice(FIRST)[0] + rng.choice(["9", *"ABCDEFGHJKLMNPRSTW"])
    tail = f"{rng.randrange(10)}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}" \
           f"{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}"
    number = f"{surname}{str(year)[2]}{month:02d}{day:02d}{str(year)[3]}{initials}{tail}"
    return number if rng.random() < 0.7 else f"{number[:5]} {number[5:11]} {number[11:]}"


def date_of_birth(rng: random.Random) -> str:
    year, month, day = rng.randrange(1940, 2006), rng.randrange(1, 13), rng.randrange(1, 29)
    return rng.choice([f"{day:02d}/{month:02d}/{year}", f"{day}/{month}/{year}",
                       f"{year}-{month:02d}-{day:02d}", f"{day} {MONTHS[month - 1]} {year}",
                       f"{day:02d}.{month:02d}.{str(year)[2:]}",
                       f"{MONTHS[month - 1]} {day}, {year}"])


VALUES: dict[str, Callable[[random.Random], str]] = {
    "nino": nino, "nhs": nhs_number, "phone": phone, "email": email, "postcode": postcode,
    "address": address, "sort-code": sort_code, "bank-account": account, "passport": passport,
    "driving-licence": driving_licence, "date-of-birth": date_of_birth,
}

# ---------------------------------------------------------------- templates
# {kind} is an identifier (marked as a span); {name} a person's name (not marked: a name alone
# is not what these tools are compared on).

TEMPLATES: dict[str, list[tuple[str, str]]] = {
    "nino": [
        ("labelled", "NI: {nino}"),
        ("labelled", "{name} - NI no {nino} - still waiting on the transfer"),
        ("sentence", "Customer's national insurance number is {nino}, can anyone in the team "
                     "check why the claim bounced?"),
        ("sentence", "Found a payslip in the canteen with {name}'s NI number on it: {nino}"),
        ("sentence", "his nino {nino} keeps failing validation on the new system"),
        ("bare", "{nino} - this one has been stuck for three weeks, no idea why"),
        ("bare", "Anyone know why {nino} shows twice in the queue?? {name} is fuming"),
    ],
    "nhs": [
        ("labelled", "NHS no: {nhs}"),
        ("sentence", "Mum's NHS number is {nhs} if the surgery asks again"),
        ("sentence", "The letter for {name} had the wrong nhs number ({nhs}) on it, again"),
        ("labelled", "patient {name}, NHS {nhs}, discharged this morning"),
        ("bare", "{nhs} that's the one on the form {name} handed in"),
    ],
    "phone": [
        ("sentence", "{name}'s mobile is {phone} if anyone needs to chase her"),
        ("labelled", "Lost dog found near the park, owner {name}, tel {phone}"),
        ("sentence", "The claimant kept ringing from {phone} all afternoon"),
        ("sentence", "His number is {phone}, give him a call about the five-a-side"),
        ("bare", "{name} {phone} - knows about the leak in the flat upstairs"),
        ("bare", "can someone text {phone} and tell Dave the meeting moved"),
    ],
    "email": [
        ("sentence", "{name}'s personal email is {email}, she said to pass it on"),
        ("labelled", "Contact for the complaint: {email}"),
        ("bare", "{email} keeps sending the same abusive messages to the office"),
        ("sentence", "Send the photos to {name} at {email} before Friday"),
    ],
    "postcode": [
        ("sentence", "{name} lives in {postcode}, two doors down from the jobcentre"),
        ("labelled", "Postcode: {postcode}"),
        ("sentence", "The claimant's postcode is {postcode} so it's the Leeds office that deals"),
        ("bare", "spotted our team leader's car outside a house in {postcode} again lol"),
    ],
    "address": [
        ("sentence", "{name} has moved to {address}, send the card there"),
        ("labelled", "Address on the form: {address}"),
        ("sentence", "The man from {address} was in again shouting about his sanction"),
        ("bare", "{address} - that's where the party is, bring a bottle"),
    ],
    "bank": [
        ("labelled", "Sort code {sort-code} account {bank-account} for the leaving collection"),
        ("sentence", "Pay the deposit into {name}'s account, sort code {sort-code}, "
                     "account number {bank-account}"),
        ("labelled", "s/c {sort-code} a/c {bank-account}"),
        ("sentence", "Her bank details are {sort-code} and {bank-account}, she asked me to post "
                     "them for the whip-round"),
    ],
    "passport": [
        ("sentence", "Found a passport on the 42 bus, number {passport}, name {name}"),
        ("labelled", "Passport no. {passport} - please return to reception"),
        ("sentence", "Her passport number is {passport} and it expires next month"),
    ],
    "driving-licence": [
        ("labelled", "Driving licence number {driving-licence}"),
        ("sentence", "Copied his licence for the hire van: {driving-licence}"),
        ("bare", "{driving-licence} is the one they scanned at the desk"),
    ],
    "date-of-birth": [
        ("labelled", "{name}, DOB {date-of-birth}"),
        ("sentence", "Her date of birth is {date-of-birth} so she's due the pension soon"),
        ("sentence", "{name} was born on {date-of-birth}, put it on the card"),
        ("labelled", "d.o.b. {date-of-birth}, claim ref pending"),
    ],
}
# Groups of templates; a "bank" post holds two identifiers (sort code, account number).
KIND_GROUPS = list(TEMPLATES)

# Clean posts: look-alike numbers, and nothing that identifies a person.
CLEAN: dict[str, list[str]] = {
    "order-number": ["Order #{n9} still hasn't arrived, three weeks now",
                     "Amazon order {n3}-{n7}-{n7} finally turned up",
                     "Ticket INC{n7} raised for the broken printer"],
    "score": ["Leeds won {d}-{d}, what a game", "Final score {n2}-{n2}, we'll get them next time",
              "Quiz night: our team scored {n2} out of {n2}"],
    "time": ["Stand-up moved to {hh}:{mm}-{hh}:{mm} from Monday",
             "The {hh}:{mm} from Leeds was cancelled again", "Gym at {hh}:{mm}, who's in?"],
    "event-date": ["Training on {dd}/{mo}/2025 in room {d}.{n2}",
                   "Deadline for the survey is {dd}/{mo}/2026", "Office closed on {dd} {month}"],
    "money": ["£{n4}.{n2} raised for the hospice, thank you all",
              "Budget for the away day is £{n3}, per head £{n2}"],
    "public-number": ["Call NHS 111 if it's not an emergency",
                      "Universal Credit helpline: 0800 328 5644",
                      "Samaritans are there 24/7 on 116 123",
                      "Dial 999 in an emergency, 101 for everything else"],
    "reference": ["Case ref {n4}/{n5} closed today", "ISBN 978-0-14-{n6}-{d}, great read",
                  "Version {d}.{n2}.{d} of the app is out", "Room {d}.{n2} is booked all week",
                  "Tracking number JD{n9}{n9}"],
    "count": ["{n1},{n3},{n3} claims processed this year", "Since {year} we've run the fun run",
              "Lottery numbers {n2} {n2} {n2} {n2} {n2} {n2}, not a single one"],
    "road-code": ["Stuck on the M{n2} again, junction {n2}", "The A{n2} is closed near {town}",
                  "Bus {n2} and the {n3} are on diversion"],
}


def _number(rng: random.Random, digits: int) -> str:
    return str(rng.randrange(10 ** (digits - 1), 10 ** digits))


def _fill_clean(rng: random.Random, template: str) -> str:
    def value(m: re.Match[str]) -> str:
        key = m.group(1)
        if key.startswith("n") and key[1:].isdigit():
            return _number(rng, int(key[1:]))
        return {"d": str(rng.randrange(10)), "hh": f"{rng.randrange(7, 20):02d}",
                "mm": rng.choice(["00", "15", "30", "45"]),
                "dd": f"{rng.randrange(1, 29):02d}", "mo": f"{rng.randrange(1, 13):02d}",
                "month": rng.choice(MONTHS), "year": str(rng.randrange(1980, 2020)),
                "town": rng.choice(TOWNS)[0]}[key]

    return re.sub(r"\{([a-z0-9]+)\}", value, template)


def _fill(rng: random.Random, template: str, offset: int = 0
          ) -> tuple[str, list[dict[str, object]]]:
    """The text and the spans of the identifiers filled in (offsets start at `offset`)."""
    out: list[str] = []
    spans: list[dict[str, object]] = []
    last, length = 0, offset
    for m in re.finditer(r"\{([a-z-]+)\}", template):
        literal = template[last:m.start()]
        out.append(literal)
        length += len(literal)
        key = m.group(1)
        if key == "name":
            value = f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() < 0.5 \
                else rng.choice(FIRST)
        else:
            value = VALUES[key](rng)
            spans.append({"start": length, "end": length + len(value), "kind": key})
        out.append(value)
        length += len(value)
        last = m.end()
    out.append(template[last:])
    return "".join(out), spans


CHATTER = ["", "", "", "Honestly. ", "Morning all. ", "Quick one: ", "Ugh. ",
           "Not again... ", "PSA: ", "Friday feeling. "]
TAILS = ["", "", "", " Cheers!", " #mondaymotivation", " 🙄", " Thanks in advance.",
         " Can't make this up.", " x"]


def build(seed: int = 11, per_kind: int = 60, clean: int = 360) -> list[dict[str, object]]:
    """`per_kind` posts for each identifier group (a fifth with a second identifier from
    another group), and `clean` posts with look-alikes only; shuffled with the seed."""
    rng = random.Random(seed)
    posts: list[dict[str, object]] = []
    for group in KIND_GROUPS:
        for i in range(per_kind):
            style, template = TEMPLATES[group][i % len(TEMPLATES[group])]
            if i % 5 == 4:  # a second identifier, of another kind, in the same post
                other = rng.choice([g for g in KIND_GROUPS if g != group])
                template = f"{template}. Also {TEMPLATES[other][0][1]}"
            prefix, tail = rng.choice(CHATTER), rng.choice(TAILS)
            text, spans = _fill(rng, template, len(prefix))
            posts.append({"text": prefix + text + tail, "spans": spans, "style": style,
                          "group": group})
    kinds = sorted(CLEAN)
    for i in range(clean):
        kind = kinds[i % len(kinds)]
        template = CLEAN[kind][(i // len(kinds)) % len(CLEAN[kind])]
        text = rng.choice(CHATTER) + _fill_clean(rng, template) + rng.choice(TAILS)
        posts.append({"text": text, "spans": [], "style": "clean", "clean_kind": kind})
    rng.shuffle(posts)
    for n, post in enumerate(posts):
        post["id"] = f"pii-{n:04d}"
    return posts


def main(argv: list[str] | None = None) -> int:
    from pausepost.evaluation import generate_cli

    return generate_cli(build, __doc__.splitlines()[0], seed=11, per_kind=60, clean=360,
                        argv=argv)


if __name__ == "__main__":
    sys.exit(main())
