"""Generate a labelled set of posts with secure data, for benchmarks/secrets.py.

    python eval/secrets/generate.py OUT.jsonl [--seed 13] [--per-kind 40] [--clean 240]

Each post is {"id", "text", "kind", "secret"}: `kind` names what the post gives away (or
"clean"), `secret` is the value a reader could use (empty for a clean post). The same seed
always gives the same posts.

Kinds: Wi-Fi names and passwords written in free text; Wi-Fi QR payloads
(`WIFI:T:WPA;S:...;P:...;;`, fields in any order, as a phone's "share network" gives them);
door, key-safe, alarm and gate codes; passwords and logins; API keys and tokens in the shapes
their issuers use (AWS access key ids, GitHub personal access tokens, Slack bot tokens, JSON web
tokens, Stripe secret keys, Google API keys), all random, none real. Clean posts talk about the
same things without giving one away ("the wifi is down again", "door code changed, ask
reception") or carry harmless look-alikes (commit hashes, UUIDs, tracking numbers, discount
codes, long hashtags).
"""

from __future__ import annotations

import base64
import json
import random
import string
import sys
from collections.abc import Callable

SSIDS = ["DWP-Guest", "LeedsHub-Staff", "HMRC-Visitor", "Quarry-House-WiFi", "BXL-Floor3",
         "CO-Guest-5G", "Caxton-Events", "JCP-Office", "BTHub6-7F2K", "VM2213409",
         "TheCrown_Guest", "Office 5G"]
WORDS = ["Sunflower", "Welcome", "Purple", "Kettle", "Octopus", "Rainbow", "Pennine",
         "Tiger", "Harbour", "Meadow", "Falcon", "Biscuit", "Lantern", "Thistle"]
ALNUM = string.ascii_letters + string.digits


def _password(rng: random.Random) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"{rng.choice(WORDS)}{rng.choice('#!$@')}{rng.randrange(10, 2030)}"
    if style == 1:
        return f"{rng.choice(WORDS).lower()}{rng.randrange(10, 999)}"
    if style == 2:
        return "".join(rng.choice(ALNUM) for _ in range(rng.randrange(8, 14)))
    return f"{rng.choice(WORDS)}-{rng.randrange(10, 99)}-{rng.choice(WORDS)}"


def _rand(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _jwt(rng: random.Random) -> str:
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64url(json.dumps({"sub": str(rng.randrange(10**9)), "name": "Staff User",
                                  "iat": 1_700_000_000 + rng.randrange(10**7)}).encode())
    signature = _b64url(bytes(rng.randrange(256) for _ in range(32)))
    return f"{header}.{payload}.{signature}"


TOKENS: dict[str, Callable[[random.Random], str]] = {
    "aws-access-key": lambda r: "AKIA" + _rand(r, string.ascii_uppercase + "234567", 16),
    "github-token": lambda r: "ghp_" + _rand(r, ALNUM, 36),
    "slack-token": lambda r: f"xoxb-{_rand(r, string.digits, 12)}-{_rand(r, string.digits, 13)}"
                             f"-{_rand(r, ALNUM, 24)}",
    "jwt": _jwt,
    "stripe-key": lambda r: "sk_live_" + _rand(r, ALNUM, 24),
    "google-api-key": lambda r: "AIza" + _rand(r, ALNUM + "-_", 35),
}


def wifi_text(rng: random.Random) -> tuple[str, str]:
    ssid, pw = rng.choice(SSIDS), _password(rng)
    template = rng.choice([
        "Office wifi is {ssid} and the password is {pw}, enjoy",
        "wifi password: {pw}",
        "Guest WiFi {ssid} / pw {pw} - you're welcome",
        "For anyone at the away day: network {ssid}, key {pw}",
        "the wifi code's on the board but it's {pw} if you can't see it",
        "WiFi: {ssid}\nPassword: {pw}",
        "Finally got the new router set up. {ssid}, password {pw} 🎉",
    ])
    return template.format(ssid=ssid, pw=pw), pw


def _qr_escape(value: str) -> str:
    return "".join("\\" + c if c in '\\;,":' else c for c in value)


def wifi_qr(rng: random.Random) -> tuple[str, str]:
    ssid, pw = rng.choice(SSIDS), _password(rng)
    fields = [f"T:{rng.choice(['WPA', 'WPA', 'WEP'])}", f"S:{_qr_escape(ssid)}",
              f"P:{_qr_escape(pw)}"]
    rng.shuffle(fields)
    if rng.random() < 0.3:
        fields.append("H:false")
    payload = "WIFI:" + ";".join(fields) + ";;"
    template = rng.choice(["Scan this to join the office network: {p}",
                           "{p}", "QR from the meeting room card decoded: {p} lol",
                           "New guest network - {p}"])
    return template.format(p=payload), pw


def door_code(rng: random.Random) -> tuple[str, str]:
    code = rng.choice([f"{rng.randrange(1000, 10000)}", f"{rng.randrange(1000, 10000)}#",
                       f"C{rng.randrange(1000, 10000)}", f"{rng.randrange(100000, 1000000)}"])
    template = rng.choice([
        "Door code for the side entrance is {c}, don't tell facilities",
        "key safe: {c}", "Alarm code {c} - last out sets it please",
        "The gate code changed to {c} today", "Back door {c} if the front is locked",
        "code for the bike shed is {c}",
    ])
    return template.format(c=code), code


def password(rng: random.Random) -> tuple[str, str]:
    pw, user = _password(rng), rng.choice(["jsmith", "admin", "t.okafor", "dwp_team",
                                           "reception1"])
    template = rng.choice([
        "my password is {pw} and I still got locked out",
        "login: {user} / pass: {pw}", "Shared mailbox password is {pw}, don't change it",
        "username {user} password {pw} for the training site",
        "IT reset it to {pw} - apparently that's 'secure'",
    ])
    return template.format(pw=pw, user=user), pw


def token(rng: random.Random, kind: str) -> tuple[str, str]:
    value = TOKENS[kind](rng)
    template = rng.choice([
        "Why does the deploy keep failing? key is {t}",
        "{t}", "token: {t}", "pasting this here so I don't lose it {t}",
        "export API_KEY={t}",
    ])
    return template.format(t=value), value


def clean(rng: random.Random, i: int) -> tuple[str, str]:
    looks = [
        "The wifi is down again, third time this week",
        "Password reset emails are going to spam, check there",
        "Door code changed, ask reception for the new one",
        "Does anyone know the wifi password? Message me, not here!",
        "Never share your password, even with IT - great session today",
        "Key safe installed at mum's, so much easier for the carers",
        f"Fixed in commit {_rand(rng, '0123456789abcdef', 40)}",
        f"Session id {_rand(rng, '0123456789abcdef', 8)}-{_rand(rng, '0123456789abcdef', 4)}-"
        f"4{_rand(rng, '0123456789abcdef', 3)}-a{_rand(rng, '0123456789abcdef', 3)}-"
        f"{_rand(rng, '0123456789abcdef', 12)} in the error log",
        f"Tracking number JD{rng.randrange(10**17, 10**18)} - still not here",
        f"Use code SAVE{rng.randrange(10, 60)} for money off at the canteen",
        "#NoMorePasswordsOnPostIts #CyberAwarenessMonth",
        f"Room {rng.randrange(1, 9)}.{rng.randrange(10, 99)} booked for the security briefing",
        f"Our team won the quiz {rng.randrange(20, 60)}-{rng.randrange(10, 40)}!",
        "The new building passes arrive Monday, collect from reception",
        f"Bus {rng.randrange(1, 99)} at {rng.randrange(7, 19):02d}:{rng.choice(['05', '35'])}",
        "Change your password every 90 days? NCSC says don't bother",
        "git push --force is never the answer",
        "The conference wifi was so slow I gave up and used 4G",
    ]
    return looks[i % len(looks)], ""


def _token_of(kind: str) -> Callable[[random.Random], tuple[str, str]]:
    return lambda rng: token(rng, kind)


KINDS: dict[str, Callable[[random.Random], tuple[str, str]]] = {
    "wifi-text": wifi_text, "wifi-qr": wifi_qr, "door-code": door_code, "password": password,
    **{kind: _token_of(kind) for kind in TOKENS},
}


def build(seed: int = 13, per_kind: int = 40, clean_posts: int = 240) -> list[dict[str, str]]:
    """`per_kind` posts of each kind and `clean_posts` clean ones, shuffled with the seed."""
    rng = random.Random(seed)
    posts = []
    for kind, make in KINDS.items():
        for _ in range(per_kind):
            text, secret = make(rng)
            posts.append({"text": text, "kind": kind, "secret": secret})
    for i in range(clean_posts):
        text, _ = clean(rng, i)
        posts.append({"text": text, "kind": "clean", "secret": ""})
    rng.shuffle(posts)
    for n, post in enumerate(posts):
        post["id"] = f"sec-{n:04d}"
    return posts


def main(argv: list[str] | None = None) -> int:
    from pausepost.evaluation import generate_cli

    return generate_cli(build, __doc__.splitlines()[0], seed=13, per_kind=40, clean=240,
                        argv=argv)


if __name__ == "__main__":
    sys.exit(main())
