"""The apology checker: is this apology unqualified, and if not, what would be?

The union's advice on alleged misconduct asks whether an unqualified apology was given. The
ways an apology stops being unqualified (a conditional "if", a "but", "I didn't mean", blaming
others, the passive "mistakes were made", "just a joke" ...) are declared as data in
`act/data/apology.yaml`; this module runs them and words a suggestion.

    >>> report = check_apology("Sorry if anyone was offended, it was just banter.")
    >>> report.verdict, [i.kind for i in report.issues]
    ('qualified', ['conditional', 'minimising'])
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pausepost.act import load_data
from pausepost.engine import validate_text
from pausepost.errors import ConfigError
from pausepost.model import Citation
from pausepost.yamlio import check_keys, line_of, load_yaml

ApologyVerdict = Literal["ok", "qualified"]

_KIND_KEYS = {"title", "reason", "fix", "passes"}
_PATTERN_KEYS = {"kind", "pattern", "flags", "reason", "unless_before", "unless_after",
                 "after_apology"}
# A sentence ends at . ! ? … or a line break; apologies are short, so this is enough.
_SENTENCE_END = re.compile(r"[.!?…]+|\n+")
# Curly apostrophes become straight ones (same length, so spans stay true to the original).
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
# A negation right before an apology word means it is no apology ("I'm not sorry").
_NEGATED = re.compile(r"\b(?:not|never|n't|no)\s+(?:\w+\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ApologyIssue:
    """One thing that qualifies the apology, with the words that do it."""

    kind: str
    title: str
    start: int
    end: int
    evidence: str
    reason: str
    fix: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "title": self.title, "start": self.start, "end": self.end,
                "evidence": self.evidence, "reason": self.reason, "fix": self.fix}


@dataclass(frozen=True, slots=True)
class ApologyReport:
    """The verdict on an apology, its issues, and an unqualified wording to start from."""

    text: str
    issues: tuple[ApologyIssue, ...]
    suggestion: str | None  # None when the apology is already unqualified
    tips: tuple[str, ...]  # parts of a full apology it lacks (advice, not issues)
    citation: Citation

    @property
    def verdict(self) -> ApologyVerdict:
        return "qualified" if self.issues else "ok"

    @property
    def kinds(self) -> list[str]:
        """The kinds raised, in order of first appearance, each once."""
        return list(dict.fromkeys(issue.kind for issue in self.issues))

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "issues": [i.to_dict() for i in self.issues],
                "suggestion": self.suggestion, "tips": list(self.tips),
                "citation": self.citation.to_dict()}


@dataclass(frozen=True, slots=True)
class ApologyKind:
    """A way an apology stops being unqualified, as the data file declares it."""

    name: str
    title: str
    reason: str
    fix: str
    passes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ApologyPattern:
    """A declared pattern: the words that raise a kind, and the words that excuse them."""

    kind: str
    regex: re.Pattern[str]
    flags: tuple[str, ...]
    reason: str | None = None
    unless_before: re.Pattern[str] | None = None
    unless_after: re.Pattern[str] | None = None
    after_apology: bool = False


@dataclass(frozen=True, slots=True)
class ApologyRules:
    """Everything `apology.yaml` declares, compiled."""

    kinds: dict[str, ApologyKind]
    patterns: tuple[ApologyPattern, ...]
    apology_words: re.Pattern[str]
    citation: Citation
    # owning the act without a "sorry" ("I take full responsibility"): a "but" after it hedges
    ownership_words: re.Pattern[str] | None = None


def _compile(source: Any, path: Path, line: int | None, admission: str = "") -> re.Pattern[str]:
    if not isinstance(source, str) or not source.strip():
        raise ConfigError(f"{path}:{line}: a pattern must be a non-empty regular expression")
    try:
        return re.compile(source.strip().replace("{admission}", admission), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"{path}:{line}: invalid regular expression ({exc})") from None


def _texts(value: Any, path: Path, line: int | None, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{path}:{line}: {what} must be a list of text")
    return tuple(value)


def load_apology_rules(path: str | Path | None = None) -> ApologyRules:
    """Read and strictly validate the apology rules (default: the packaged file)."""
    if path is None:
        file, data = load_data("apology.yaml")
    else:
        file = Path(path)
        data = load_yaml(file)
    check_keys(data, {"citation", "apology_words", "ownership_words", "admission", "kinds",
                      "patterns"},
               {"citation", "apology_words", "kinds", "patterns"}, "the apology rules", file)
    check_keys(data["citation"], {"source", "ref", "summary"}, {"source", "ref", "summary"},
               "the citation", file)
    citation = Citation(**{k: str(v) for k, v in data["citation"].items()})
    admission = str(data.get("admission") or "").strip()
    if admission:
        _compile(admission, file, line_of(data, "admission"))
    kinds: dict[str, ApologyKind] = {}
    if not isinstance(data["kinds"], dict):
        raise ConfigError(f"{file}:{line_of(data, 'kinds')}: kinds must be a mapping")
    for name, spec in data["kinds"].items():
        check_keys(spec, _KIND_KEYS, {"title", "reason", "fix"}, f"kind {name!r}", file)
        kinds[name] = ApologyKind(name, str(spec["title"]), " ".join(str(spec["reason"]).split()),
                                  str(spec["fix"]),
                                  _texts(spec.get("passes", []), file, line_of(spec, "passes"),
                                         "passes"))
    patterns = []
    if not isinstance(data["patterns"], list):
        raise ConfigError(f"{file}:{line_of(data, 'patterns')}: patterns must be a list")
    for spec in data["patterns"]:
        check_keys(spec, _PATTERN_KEYS, {"kind", "pattern", "flags"}, "a pattern", file)
        if spec["kind"] not in kinds:
            raise ConfigError(f"{file}:{line_of(spec, 'kind')}: unknown kind {spec['kind']!r} "
                              f"(known: {', '.join(kinds)})")
        optional = {key: _compile(spec[key], file, line_of(spec, key), admission)
                    for key in ("unless_before", "unless_after") if key in spec}
        reason = spec.get("reason")
        patterns.append(ApologyPattern(
            kind=spec["kind"], regex=_compile(spec["pattern"], file, line_of(spec, "pattern")),
            flags=_texts(spec["flags"], file, line_of(spec, "flags"), "flags"),
            reason=" ".join(str(reason).split()) if reason else None,
            after_apology=bool(spec.get("after_apology", False)), **optional))
    ownership = data.get("ownership_words")
    return ApologyRules(kinds, tuple(patterns),
                        _compile(data["apology_words"], file, line_of(data, "apology_words")),
                        citation,
                        _compile(ownership, file, line_of(data, "ownership_words"))
                        if ownership else None)


@functools.lru_cache(maxsize=1)
def default_rules() -> ApologyRules:
    """The packaged rules, loaded once."""
    return load_apology_rules()


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, last = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[last:m.end()].strip():
            spans.append((last, m.end()))
        last = m.end()
    if text[last:].strip():
        spans.append((last, len(text)))
    return spans or [(0, len(text))]


def _sentence_index(spans: list[tuple[int, int]], offset: int) -> int:
    for i, (start, end) in enumerate(spans):
        if start <= offset < end:
            return i
    return len(spans) - 1


def _apology_spans(text: str, rules: ApologyRules) -> list[tuple[int, int]]:
    """Apology words that really apologise: "I'm not sorry" is no apology."""
    return [m.span() for m in rules.apology_words.finditer(text)
            if not _NEGATED.search(text[max(0, m.start() - 20):m.start()])]


def _matches(text: str, pattern: ApologyPattern, sentences: list[tuple[int, int]],
             apologies: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found = []
    for m in pattern.regex.finditer(text):
        if m.end() == m.start():
            continue
        index = _sentence_index(sentences, m.start())
        sentence_start = sentences[index][0]
        before = text[sentence_start:m.start()]
        # the rest of this sentence and the next: "It was just banter. It wasn't." owns it
        after_end = sentences[min(index + 1, len(sentences) - 1)][1]
        after = text[m.end():after_end]
        if pattern.unless_before and pattern.unless_before.search(before):
            continue
        if pattern.unless_after and pattern.unless_after.search(after):
            continue
        if pattern.after_apology:
            earliest = sentences[max(index - 1, 0)][0]
            if not any(earliest <= start and end <= m.start() for start, end in apologies):
                continue
        found.append(m.span())
    return found


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and trailing punctuation from a span, so the evidence reads cleanly."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:–—-"):
        end -= 1
    return start, end


def find_issues(text: str, rules: ApologyRules | None = None) -> list[ApologyIssue]:
    """Every qualifier in `text`, in order; one issue per kind per stretch of words."""
    rules = rules or default_rules()
    plain = text.translate(_APOSTROPHES)
    sentences = _sentences(plain)
    apologies = _apology_spans(plain, rules)
    owning = apologies + ([m.span() for m in rules.ownership_words.finditer(plain)]
                          if rules.ownership_words else [])
    issues: list[ApologyIssue] = []
    for pattern in rules.patterns:
        kind = rules.kinds[pattern.kind]
        for start, end in _matches(plain, pattern, sentences, owning):
            start, end = _strip_span(text, start, end)
            if any(i.kind == kind.name and i.start < end and start < i.end for i in issues):
                continue
            issues.append(ApologyIssue(kind.name, kind.title, start, end, text[start:end],
                                       pattern.reason or kind.reason, kind.fix))
    if not apologies and not any(i.kind == "no-apology" for i in issues):
        kind = rules.kinds["no-apology"]
        start, end = _strip_span(text, 0, len(text))
        issues.append(ApologyIssue(kind.name, kind.title, start, end, text[start:end],
                                   kind.reason, kind.fix))
    return sorted(issues, key=lambda i: (i.start, i.end))


# What a full apology has, beyond having no qualifier: the person's own act, the harm named,
# and a promise. Missing ones are tips, not issues: "I'm sorry, I was wrong." is unqualified.
_OWNS_ACT = re.compile(r"\b(?:(?:sorry|apologi[sz]e) for \w+ing|"
                       r"i(?:'ve| have)? (?:posted|wrote|written|said|shared|called|made|"
                       r"mocked|named|swore|put|tweeted|commented|left)|my (?:post|tweet|comment"
                       r"|comments|words|remarks?|message|photo|meme)|what i (?:said|wrote|"
                       r"posted|shared)|i was wrong)\b", re.IGNORECASE)
_NAMES_HARM = re.compile(r"\b(?:hurt\w*|harm\w*|offensive|cruel|unkind|unfair|untrue|false|rude|"
                         r"nasty|wrong|upset\w*|humiliat\w*|disrespect\w*|spiteful|vile|racist|"
                         r"sexist|insult\w*|out of (?:order|line)|risk|abuse)\b", re.IGNORECASE)
_COMMITS = re.compile(r"\b(?:won'?t|will not|never) (?:happen|do (?:it|that|this|anything like)|"
                      r"repeat)|\bnever again\b|\b(?:do|be) better\b|\bmore careful\b|"
                      r"\blesson(?:s)? learn[te]d?\b|\bi(?:'ll| will) (?:think|make sure)\b",
                      re.IGNORECASE)
_TAKEN_DOWN = re.compile(r"\b(?:deleted|removed|taken (?:it )?down|taken down|took (?:it )?down"
                         r"|it'?s (?:gone|down))\b", re.IGNORECASE)


def _tips(text: str) -> tuple[str, ...]:
    plain = text.translate(_APOSTROPHES)
    tips = []
    if not _OWNS_ACT.search(plain):
        tips.append('Say what you did, in the first person: "I posted ...".')
    if not _NAMES_HARM.search(plain):
        tips.append("Name the harm: who it hurt, or what was wrong with it.")
    if not _TAKEN_DOWN.search(plain):
        tips.append("Say that you have deleted it (once you have).")
    if not _COMMITS.search(plain):
        tips.append("Say it will not happen again.")
    return tuple(tips)


_ACT = re.compile(r"\b(?:sorry|apologi[sz]e|apologies|apology|regret)\s+(?:for|about)\s+"
                  r"(?P<act>[^.!?,;:]{3,80})", re.IGNORECASE)
_POST_NOUN = re.compile(r"\bmy (?:post|tweet|comment|comments|words|remarks?|message|photo|"
                        r"meme|video|reply)(?:\s+(?:about|on|of|to|under)\s+[^.!?,;:]{2,50})?",
                        re.IGNORECASE)
_ADDRESSEE = re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\s+to\s+(?P<who>@?\w+(?:\s+\w+)?)",
                        re.IGNORECASE)
_VAGUE_WHO = frozenset({"anyone", "anybody", "those", "people", "everyone", "all", "any",
                        "whoever", "the"})


# Where the act's words end and the hedge or the harm begins: "my tweet | upset anyone".
_ACT_ENDS = re.compile(r"\s+(?:upset|offended|hurt|caused|was|were|is|are|has|had|have|came|"
                       r"may|might|could|if|but|however|though|although|which|because|as|"
                       r"and)\b.*$", re.IGNORECASE | re.DOTALL)


def _act(text: str, issues: list[ApologyIssue]) -> str | None:
    """What the apology is for, in the person's words, when they said it plainly."""
    found = _act_phrase(text, issues)
    return _ACT_ENDS.sub("", found).strip() or None if found else None


def _act_phrase(text: str, issues: list[ApologyIssue]) -> str | None:
    qualified_spans = [(i.start, i.end) for i in issues if i.kind != "no-apology"]

    def clean(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in qualified_spans)

    for found in _ACT.finditer(text):
        act = found.group("act").strip()
        if not clean(found.start("act"), found.end("act")):
            continue
        # "for any offence" or "for the misunderstanding" is vague; "for the post I shared" is not
        if not re.match(r"(?:any|the|whatever|all)\b", act, re.IGNORECASE) or re.match(
                r"the (?:post|tweet|comment|comments|photo|meme|message)\b", act,
                re.IGNORECASE):
            return act
    # "my post about X" names the act even inside a hedge ("sorry if my post upset anyone")
    noun = _POST_NOUN.search(text)
    return noun.group().strip() if noun else None


def _addressee(text: str) -> str | None:
    """Who the apology is addressed to ("sorry to Jess"), unless it is everyone or anyone."""
    m = _ADDRESSEE.search(text)
    if not m or m.group("who").split()[0].lower() in _VAGUE_WHO:
        return None
    return m.group("who")


def suggest_apology(text: str, issues: list[ApologyIssue] | None = None) -> str:
    """An unqualified wording that owns the act, names the harm and says it will not happen
    again; [brackets] mark what only the person can fill in."""
    issues = find_issues(text) if issues is None else issues
    act = _act(text, issues) or "[what I posted, and when]"
    who = _addressee(text)
    harm = f"it hurt {who}" if who else "it hurt [who it hurt, and how]"
    return (f"I am sorry for {act}. It was wrong, and {harm}. I have deleted it, and it will "
            "not happen again.")


def check_apology(text: str, *, rules: ApologyRules | None = None) -> ApologyReport:
    """Judge an apology: `ok` when unqualified, `qualified` with each issue explained, and a
    suggested unqualified wording."""
    text = validate_text(text, "apology")
    rules = rules or default_rules()
    issues = find_issues(text, rules)
    return ApologyReport(text=text, issues=tuple(issues),
                         suggestion=suggest_apology(text, issues) if issues else None,
                         tips=_tips(text), citation=rules.citation)
