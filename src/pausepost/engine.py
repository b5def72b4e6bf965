"""The checking engine: detectors' hits become explained, levelled findings in a report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pausepost import guards
from pausepost.detectors.base import Hit
from pausepost.detectors.registry import build_detectors
from pausepost.errors import InputError
from pausepost.model import AUDIENCES, LEVELS, Finding, Level, Report, Where
from pausepost.policy.loader import Policy, load_policy
from pausepost.profile import Profile, resolve_profile
from pausepost.text.document import Document
from pausepost.text.spans import DisjointSpans

# Longer than any platform allows for one post (Facebook: about 63,000 characters).
MAX_TEXT_CHARS = 100_000
# Below this a finding is only a note: worth knowing, not a reason to pause.
NOTE_BELOW = 0.5
# Below this an error-level rule is softened to a warning: pause and review.
WARNING_BELOW = 0.65

_MESSAGE_DEFAULTS = {"target": "someone", "topic": "a controversial matter", "detail": ""}


@dataclass(frozen=True, slots=True)
class Post:
    """A draft post: its text, what it replies to or reshares, and who will see it."""

    text: str
    quote: str | None = None
    audience: str = "public"
    id: str | None = None
    images: tuple[str | Path, ...] = ()  # photo files
    videos: tuple[str | Path, ...] = ()  # video files


def validate_text(text: Any, what: str = "post") -> str:
    """Reject input that cannot be checked, with a message a person can act on."""
    if not isinstance(text, str):
        raise InputError(f"the {what} must be text, not {type(text).__name__}")
    if not text.strip():
        raise InputError(f"the {what} is empty: nothing to check")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"the {what} is {len(text):,} characters; pausepost checks posts of up "
                         f"to {MAX_TEXT_CHARS:,} characters")
    if "\x00" in text or sum(1 for c in text[:2000] if c < " " and c not in "\t\n\r") > 20:
        raise InputError(f"the {what} looks like binary data, not text")
    return text


def _bump(level: Level) -> Level:
    return LEVELS[min(LEVELS.index(level) + 1, len(LEVELS) - 1)]


def _level(hit: Hit, policy: Policy, profile: Profile, part: str) -> Level:
    level: Level = hit.level or policy.rule(hit.rule).level
    if hit.rule.startswith("political."):
        level = policy.political_levels.get(hit.rule, {}).get(profile.political_group, level)
        if profile.in_pre_election() and level != "note":
            level = _bump(level)
    if hit.confidence < NOTE_BELOW:
        level = "note"
    elif hit.confidence < WARNING_BELOW and level == "error":
        level = "warning"
    if part == "quote" and level == "error":
        level = "warning"  # the words are someone else's; sharing them still needs a pause
    return level


def _finding(hit: Hit, policy: Policy, profile: Profile, doc: Document) -> Finding:
    return explain(hit, policy, profile, Where(doc.part, hit.start, hit.end),
                   doc.text[hit.start:hit.end])


def explain(hit: Hit, policy: Policy, profile: Profile, where: Where,
            evidence: str) -> Finding:
    """A detector's hit as a finding: levelled for this profile, worded from the pack."""
    spec = policy.rule(hit.rule)
    values = dict(_MESSAGE_DEFAULTS, label=hit.label or spec.title)
    values.update({k: v for k, v in (("target", hit.target), ("topic", hit.topic),
                                      ("detail", hit.detail)) if v})
    message = spec.message.format_map(values)
    if where.part == "quote":
        message = f"In the post you are replying to or sharing: {message[0].lower()}{message[1:]}"
    return Finding(
        rule=hit.rule, level=_level(hit, policy, profile, where.part),
        confidence=round(min(max(hit.confidence, 0.0), 1.0), 2),
        where=where, evidence=evidence,
        message=message, advice=spec.advice, citations=spec.citations, reason=hit.reason,
        suggestion=_suggestion(hit, policy, where, evidence),
    )


def _suggestion(hit: Hit, policy: Policy, where: Where, evidence: str) -> str | None:
    """A rewrite of the author's own words: the detector's, else the pack's for the rule."""
    if hit.suggestion is not None or where.part != "text":
        return hit.suggestion  # a quoted post is someone else's words: not ours to rewrite
    return policy.rewrite(hit.rule, hit.label or "", evidence)


def _resolve_overlaps(hits: list[Hit]) -> list[Hit]:
    """One hit per rule per stretch of text: a word list's or pattern's exact words win over a
    model's whole sentence, then the most confident."""
    kept: list[Hit] = []
    taken: dict[str, DisjointSpans] = {}
    for hit in sorted(hits, key=lambda h: (h.reason.startswith("model:"), -h.confidence,
                                           h.start)):
        if taken.setdefault(hit.rule, DisjointSpans()).add(hit.start, hit.end):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.rule))


class Checker:
    """A policy and profile, resolved once, ready to check many posts."""

    def __init__(self, policy: Policy | str | Path | None = None,
                 profile: Profile | str | Path | Mapping[str, Any] | None = None) -> None:
        self.profile = resolve_profile(dict(profile) if isinstance(profile, Mapping) else profile)
        self.policy = policy if isinstance(policy, Policy) else load_policy(
            policy or self.profile.policy)
        self.detectors = build_detectors(self.policy, self.profile)

    def text_hits(self, doc: Document) -> list[Hit]:
        """Every text rule's hits on one document, after guards and overlap resolution."""
        hits = [hit for detector in self.detectors for hit in detector.detect(doc)]
        return _resolve_overlaps(guards.apply(hits, doc, self.profile))

    def check(self, text: str, *, quote: str | None = None, audience: str = "public",
              id: str | None = None, images: Sequence[str | Path] = (),
              videos: Sequence[str | Path] = ()) -> Report:
        """Check one post; see `pausepost.check`."""
        # a photo or video may be posted with no words at all
        if not (images or videos) or not isinstance(text, str) or text.strip():
            validate_text(text)
        if quote is not None and quote.strip():
            validate_text(quote, "quoted post")
        if audience not in AUDIENCES:
            raise InputError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
        findings: list[Finding] = []
        for part, body in (("text", text), ("quote", quote)):
            if body is None or not body.strip():
                continue
            doc = Document(body, part)
            findings.extend(_finding(h, self.policy, self.profile, doc)
                            for h in self.text_hits(doc))
        problems: list[str] = []
        if images or videos:
            from pausepost.media.post import check_media

            media_findings, problems = check_media(self, images, videos)
            findings.extend(media_findings)
        return Report(findings=tuple(findings), text=text, quote=quote, audience=audience, id=id,
                      reminders=guards.audience_reminders(audience, findings),
                      problems=tuple(problems))

    def check_many(self, posts: Iterable[str | Post | Mapping[str, Any]]) -> Iterator[Report]:
        """Check posts one after another, reusing the compiled detectors."""
        for post in posts:
            if isinstance(post, str):
                yield self.check(post)
            elif isinstance(post, Post):
                yield self.check(post.text, quote=post.quote, audience=post.audience, id=post.id,
                                 images=post.images, videos=post.videos)
            else:
                yield self.check(post.get("text", ""), quote=post.get("quote"),
                                 audience=post.get("audience", "public"), id=post.get("id"),
                                 images=post.get("images", ()), videos=post.get("videos", ()))


def check(text: str, *, images: Sequence[Any] = (), videos: Sequence[Any] = (),
          quote: str | None = None, audience: str = "public",
          policy: Policy | str | Path | None = None,
          profile: Profile | str | Path | Mapping[str, Any] | None = None) -> Report:
    """Check a draft post against the rules that apply to its author.

    `quote` is the post it replies to or reshares; `policy` a pack name or path (default: the
    profile's, else `dwp`); `profile` a Profile, a path to a profile YAML file or a mapping.
    `images` and `videos` are file paths: text read from them, codes, passes, faces and
    metadata are checked too. A file that cannot be read is listed in `Report.problems` and the
    rest of the post is still checked.
    """
    return _checker(policy, profile).check(text, quote=quote, audience=audience,
                                           images=tuple(images), videos=tuple(videos))


def check_many(posts: Iterable[str | Post | Mapping[str, Any]], *,
               policy: Policy | str | Path | None = None,
               profile: Profile | str | Path | Mapping[str, Any] | None = None
               ) -> Iterator[Report]:
    """Check many posts (strings, Posts or mappings with "text", "quote", "audience", "id")."""
    return _checker(policy, profile).check_many(posts)


_CHECKERS: dict[tuple[Any, Any], Checker] = {}


def _checker(policy: Any, profile: Any) -> Checker:
    """Reuse a Checker for the same policy and profile (building one compiles word lists)."""
    def version(spec: Any) -> Any:
        # a file's modification time is part of the key, so an edited profile is re-read
        if isinstance(spec, (str, Path)):
            try:
                return str(spec), Path(spec).expanduser().stat().st_mtime
            except OSError:
                return str(spec), None
        return spec if isinstance(spec, (Profile, type(None))) else id(spec)

    key = (policy if not isinstance(policy, Path) else str(policy), version(profile))
    checker = _CHECKERS.get(key)
    if checker is None:
        checker = Checker(policy, profile)
        if len(_CHECKERS) < 16 and not isinstance(profile, Mapping):
            _CHECKERS[key] = checker
    return checker
