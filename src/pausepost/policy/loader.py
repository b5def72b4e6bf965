"""Policy packs and topic packs: rules, wording, citations and word lists as YAML data."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pausepost.errors import ConfigError, UnknownRuleError
from pausepost.model import LEVELS, Citation, Level
from pausepost.policy.cues import Cues, cues_of
from pausepost.yamlio import check_keys, line_of, load_yaml

# The one table of stable rule ids (BRIEF §2). Tests, reports and configs use exactly these.
RULE_IDS: tuple[str, ...] = (
    "conduct.swearing",
    "conduct.name-calling",
    "conduct.offensive",
    "conduct.threat",
    "conduct.harassment",
    "legal.defamation",
    "political.partisan",
    "political.own-department",
    "disclosure.official",
    "disclosure.personal-data",
    "security.secure-data",
    "image.people",
    "image.location",
    "info.trade-union",
)
TEXT_RULE_IDS: tuple[str, ...] = tuple(r for r in RULE_IDS if not r.startswith("image."))
POLITICAL_GROUPS: tuple[str, ...] = ("restricted", "intermediate", "unspecified", "free")
LEXICON_NAMES: frozenset[str] = frozenset(
    {
        "swear_strong", "swear_mild", "swear_safe", "insults", "insults_weak",
        "insults_for_groups", "slurs", "groups",
        "group_smears", "non_people", "violence_verbs", "evaluative", "parties", "party_people",
        "union_words", "union_safe", "characteristics", "characteristics_safe",
        "mockery_cues", "mockery_emoji",
        "supportive_cues",
    }
)

_PACK_KEYS = {"id", "name", "description", "extends", "rules", "lexicons", "political_levels",
              "default_department", "fragments", "patterns", "innocent_senses", "rewrites"}
_PATTERN_KEYS = {"id", "match", "confidence", "label", "unless", "requires", "source"}
_PLACEHOLDER = re.compile(r"\{(lex:[a-z_]+|[A-Z_]+)\}")
_RULE_KEYS = {"title", "level", "message", "advice", "why", "example", "instead", "citations"}
_CITATION_KEYS = {"source", "ref", "summary"}
_REWRITE_KEYS = {"words", "default"}
_TOPIC_PACK_KEYS = {"id", "department", "aliases", "ministers", "reviewed", "topics"}
_TOPIC_KEYS = {"id", "label", "why", "terms", "acronyms", "ambiguous"}


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A rule as a policy pack words it (what `pausepost explain` prints)."""

    id: str
    title: str
    level: Level
    message: str
    advice: str
    why: str
    example: str
    instead: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class PhrasePattern:
    """A regex a pack declares for a rule, with what cancels or must accompany it."""

    id: str
    rule: str
    match: re.Pattern[str]
    confidence: float
    label: str
    unless: re.Pattern[str] | None  # searched in the sentence: a hit there cancels the match
    requires: re.Pattern[str] | None  # searched in the sentence: must be found too
    on_original: bool  # match the original text (case matters) instead of the normalised one
    # The words a match must start with (read off `match`): None when it could start anywhere.
    cues: Cues | None = None


@dataclass(frozen=True, slots=True)
class Topic:
    """A controversial matter in one department's remit."""

    id: str
    label: str
    why: str
    terms: tuple[str, ...]
    acronyms: tuple[str, ...]
    ambiguous: tuple[str, ...] = ()  # count only where the sentence is not about foreign affairs


@dataclass(frozen=True, slots=True)
class TopicPack:
    """The controversial matters that one department's ministers answer for."""

    id: str
    department: str
    aliases: tuple[str, ...]
    ministers: tuple[str, ...]
    topics: tuple[Topic, ...]


# eq=False: a policy is compared and hashed by identity (loaded once, cached).
@dataclass(frozen=True, slots=True, eq=False)
class Policy:
    """A resolved policy pack: its own data merged over the packs it extends."""

    id: str
    name: str
    description: str
    rules: dict[str, RuleSpec]
    lexicons: dict[str, tuple[str, ...]]
    political_levels: dict[str, dict[str, Level]]
    default_department: str
    chain: tuple[str, ...]
    fragments: dict[str, str]
    patterns: tuple[PhrasePattern, ...]
    innocent_senses: dict[str, tuple[str, ...]]
    # rule id -> {"words": {word: replacement}, "default": replacement}: the rewrite offered
    # for a finding's words ("" means remove them)
    rewrites: dict[str, dict[str, Any]] = field(default_factory=dict)

    def rule(self, rule_id: str) -> RuleSpec:
        """The rule with this id; UnknownRuleError if no pack defines it."""
        try:
            return self.rules[rule_id]
        except KeyError:
            raise UnknownRuleError(
                f"unknown rule {rule_id!r} (known: {', '.join(self.rules)})"
            ) from None

    def select(self, prefix: str) -> list[RuleSpec]:
        """Rules whose dotted id equals or starts with `prefix` (`conduct` selects the group)."""
        return [r for rid, r in self.rules.items() if rid == prefix or rid.startswith(prefix + ".")]

    def rewrite(self, rule_id: str, *words: str) -> str | None:
        """The replacement the pack offers for a finding's words, if it has one."""
        entry = self.rewrites.get(rule_id)
        if entry is None:
            return None
        table = entry.get("words", {})
        for word in words:
            key = word.strip().lower().rstrip("*")
            if key in table:
                return str(table[key])
        default = entry.get("default")
        return None if default is None else str(default)

    def lexicon(self, name: str) -> tuple[str, ...]:
        return self.lexicons.get(name, ())

    def patterns_for(self, rule_id: str) -> tuple[PhrasePattern, ...]:
        return tuple(p for p in self.patterns if p.rule == rule_id)

    def expand(self, template: str) -> str:
        """Replace {FRAGMENT} and {lex:NAME} in a regex template (see `expand_template`)."""
        return expand_template(template, self.fragments, self.lexicons)


def expand_template(template: str, fragments: dict[str, str],
                    lexicons: dict[str, tuple[str, ...]], depth: int = 0) -> str:
    """Expand a regex template: {NAME} is a fragment, {lex:NAME} a word list as an alternation."""
    if depth > 5:
        raise ConfigError("pattern fragments refer to each other too deeply")

    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if key.startswith("lex:"):
            words = lexicons.get(key[4:])
            if words is None:
                raise ConfigError(f"pattern uses unknown word list {key[4:]!r}")
            escaped = sorted((re.escape(w) for w in words), key=len, reverse=True)
            return "(?:" + "|".join(escaped) + ")"
        if key not in fragments:
            raise ConfigError(f"pattern uses unknown fragment {{{key}}}")
        return expand_template(fragments[key], fragments, lexicons, depth + 1)

    return _PLACEHOLDER.sub(sub, template)


def _packaged(folder: str) -> Path:
    return Path(str(resources.files("pausepost.policy") / folder))


def available_packs() -> list[str]:
    """Names of the policy packs shipped with pausepost."""
    return sorted(p.stem for p in _packaged("packs").glob("*.yaml"))


def available_departments() -> list[str]:
    """Ids of the shipped department topic packs."""
    return sorted(p.stem for p in _packaged("topics").glob("*.yaml"))


def _resolve_pack_path(spec: str | Path, relative_to: Path | None = None) -> Path:
    text = str(spec)
    if isinstance(spec, Path) or "/" in text or text.endswith((".yaml", ".yml")):
        path = Path(text).expanduser()
        if not path.is_absolute() and relative_to is not None:
            path = relative_to.parent / path
        return path
    path = _packaged("packs") / f"{text}.yaml"
    if not path.exists():
        raise ConfigError(f"unknown policy pack {text!r} (shipped: {', '.join(available_packs())})")
    return path


def _strings(value: Any, what: str, path: Path, line: int | None) -> tuple[str, ...]:
    at = f":{line}" if line else ""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{path}{at}: {what} must be a list of non-empty strings")
    return tuple(value)


def _text(value: Any, what: str, path: Path, line: int | None) -> str:
    if not isinstance(value, str) or not value.strip():
        at = f":{line}" if line else ""
        raise ConfigError(f"{path}{at}: {what} must be non-empty text")
    return value.strip()


def _citations(value: Any, path: Path, line: int | None) -> list[Citation]:
    if not isinstance(value, list):
        raise ConfigError(f"{path}:{line}: citations must be a list")
    out = []
    for item in value:
        check_keys(item, _CITATION_KEYS, _CITATION_KEYS, "a citation", path)
        out.append(Citation(*(_text(item[k], f"citation {k}", path, line_of(item, k))
                              for k in ("source", "ref", "summary"))))
    return out


def _read_pack(path: Path) -> dict[str, Any]:
    data = load_yaml(path)
    check_keys(data, _PACK_KEYS, {"id", "name"}, "a policy pack", path)
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError(f"{path}:{line_of(data, 'rules')}: rules must be a mapping")
    for rule_id, body in rules.items():
        if rule_id not in RULE_IDS:
            raise ConfigError(f"{path}:{line_of(rules, rule_id)}: unknown rule id {rule_id!r}")
        check_keys(body, _RULE_KEYS, set(), f"rule {rule_id}", path)
        if "level" in body and body["level"] not in LEVELS:
            raise ConfigError(f"{path}:{line_of(body, 'level')}: level must be one of "
                              f"{', '.join(LEVELS)}, not {body['level']!r}")
    lexicons = data.get("lexicons") or {}
    if not isinstance(lexicons, dict):
        raise ConfigError(f"{path}:{line_of(data, 'lexicons')}: lexicons must be a mapping")
    for name, words in lexicons.items():
        if name not in LEXICON_NAMES:
            raise ConfigError(f"{path}:{line_of(lexicons, name)}: unknown lexicon {name!r} "
                              f"(known: {', '.join(sorted(LEXICON_NAMES))})")
        _strings(words, f"lexicon {name}", path, line_of(lexicons, name))
    senses = data.get("innocent_senses") or {}
    if not isinstance(senses, dict):
        raise ConfigError(f"{path}:{line_of(data, 'innocent_senses')}: innocent_senses must map "
                          "words to lists of context words")
    for word, contexts in senses.items():
        _strings(contexts, f"innocent_senses.{word}", path, line_of(senses, word))
    fragments = data.get("fragments") or {}
    if not isinstance(fragments, dict):
        raise ConfigError(f"{path}:{line_of(data, 'fragments')}: fragments must be a mapping")
    patterns = data.get("patterns") or {}
    if not isinstance(patterns, dict):
        raise ConfigError(f"{path}:{line_of(data, 'patterns')}: patterns must be a mapping")
    for rule_id, items in patterns.items():
        if rule_id not in RULE_IDS:
            raise ConfigError(f"{path}:{line_of(patterns, rule_id)}: unknown rule id {rule_id!r}")
        if not isinstance(items, list):
            raise ConfigError(f"{path}:{line_of(patterns, rule_id)}: a rule's patterns must be "
                              "a list")
        for item in items:
            check_keys(item, _PATTERN_KEYS, {"id", "match"}, f"a {rule_id} pattern", path)
    rewrites = data.get("rewrites") or {}
    if not isinstance(rewrites, dict):
        raise ConfigError(f"{path}:{line_of(data, 'rewrites')}: rewrites must be a mapping")
    for rule_id, body in rewrites.items():
        if rule_id not in RULE_IDS:
            raise ConfigError(f"{path}:{line_of(rewrites, rule_id)}: unknown rule id {rule_id!r}")
        check_keys(body, _REWRITE_KEYS, set(), f"rewrites.{rule_id}", path)
        words = body.get("words") or {}
        if not isinstance(words, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in words.items()):
            raise ConfigError(f"{path}:{line_of(body, 'words')}: rewrites.{rule_id}.words must "
                              "map words to replacement text")
        if "default" in body and not isinstance(body["default"], str):
            raise ConfigError(f"{path}:{line_of(body, 'default')}: rewrites.{rule_id}.default "
                              "must be text (\"\" removes the words)")
    levels = data.get("political_levels") or {}
    for rule_id, by_group in levels.items():
        if not rule_id.startswith("political."):
            raise ConfigError(f"{path}:{line_of(levels, rule_id)}: political_levels is for "
                              f"political.* rules, not {rule_id!r}")
        check_keys(by_group, set(POLITICAL_GROUPS), set(), f"political_levels.{rule_id}", path)
        for group, level in by_group.items():
            if level not in LEVELS:
                raise ConfigError(f"{path}:{line_of(by_group, group)}: bad level {level!r}")
    return data


@functools.cache
def _load_policy_cached(path: Path, mtime: float) -> Policy:
    chain: list[tuple[Path, dict[str, Any]]] = []
    seen: set[Path] = set()
    current: Path | None = path
    while current is not None:
        resolved = current.resolve()
        if resolved in seen:
            raise ConfigError(f"{current}: policy packs extend each other in a loop")
        seen.add(resolved)
        data = _read_pack(current)
        chain.append((current, data))
        parent = data.get("extends")
        current = _resolve_pack_path(parent, current) if parent else None
    chain.reverse()  # base first, so children override

    merged_rules: dict[str, dict[str, Any]] = {}
    lexicons: dict[str, list[str]] = {}
    levels: dict[str, dict[str, Level]] = {}
    fragments: dict[str, str] = {}
    senses: dict[str, list[str]] = {}
    raw_patterns: dict[str, tuple[Path, str, Any]] = {}  # "rule/id" -> (file, rule, body)
    default_department = "dwp"
    rewrites: dict[str, dict[str, Any]] = {}
    for pack_path, data in chain:
        for rule_id, body in (data.get("rewrites") or {}).items():
            entry = rewrites.setdefault(rule_id, {"words": {}})
            entry["words"].update({k.lower(): v for k, v in (body.get("words") or {}).items()})
            if "default" in body:
                entry["default"] = body["default"]
        for word, contexts in (data.get("innocent_senses") or {}).items():
            senses.setdefault(str(word).lower(), []).extend(c.lower() for c in contexts)
        for name, value in (data.get("fragments") or {}).items():
            fragments[name] = _text(value, f"fragment {name}", pack_path, None)
        for rule_id, items in (data.get("patterns") or {}).items():
            for item in items:
                raw_patterns[f"{rule_id}/{item['id']}"] = (pack_path, rule_id, item)
        for rule_id, body in (data.get("rules") or {}).items():
            target = merged_rules.setdefault(rule_id, {"citations": []})
            for key, value in body.items():
                if key == "citations":
                    # A child pack's citations are more specific: they come first.
                    target["citations"] = (_citations(value, pack_path, line_of(body, key))
                                           + target["citations"])
                else:
                    target[key] = _text(value, f"{rule_id}.{key}", pack_path, line_of(body, key))
        for name, words in (data.get("lexicons") or {}).items():
            lexicons.setdefault(name, []).extend(w.strip().lower() for w in words)
        for rule_id, by_group in (data.get("political_levels") or {}).items():
            levels.setdefault(rule_id, {}).update(by_group)
        default_department = data.get("default_department", default_department)

    rules: dict[str, RuleSpec] = {}
    for rule_id in RULE_IDS:
        body = merged_rules.get(rule_id)
        missing = [k for k in _RULE_KEYS if k != "citations" and k not in (body or {})]
        if body is None or missing:
            raise ConfigError(f"{path}: rule {rule_id} is incomplete once merged "
                              f"(missing {', '.join(missing) or 'everything'})")
        rules[rule_id] = RuleSpec(id=rule_id, citations=tuple(body["citations"]),
                                  **{k: body[k] for k in _RULE_KEYS if k != "citations"})
    frozen_lexicons = {k: tuple(dict.fromkeys(v)) for k, v in lexicons.items()}
    patterns = tuple(_compile_pattern(file, rule_id, item, fragments, frozen_lexicons)
                     for file, rule_id, item in raw_patterns.values())
    top = chain[-1][1]
    return Policy(
        id=str(top["id"]), name=str(top["name"]), description=str(top.get("description", "")),
        rules=rules,
        lexicons=frozen_lexicons,
        political_levels=levels, default_department=str(default_department),
        chain=tuple(str(d["id"]) for _, d in chain),
        fragments=fragments, patterns=patterns,
        innocent_senses={w: tuple(dict.fromkeys(c)) for w, c in senses.items()},
        rewrites=rewrites,
    )


def _compile_pattern(path: Path, rule_id: str, item: Any, fragments: dict[str, str],
                     lexicons: dict[str, tuple[str, ...]]) -> PhrasePattern:
    line = getattr(item, "line", None)

    def compile_one(key: str) -> re.Pattern[str] | None:
        if not item.get(key):
            return None
        try:
            # ASCII \b and \w: the text they run on is normalised to ASCII letters, and the
            # Unicode versions cost about a quarter more on every post.
            return re.compile(expand_template(str(item[key]), fragments, lexicons), re.ASCII)
        except (re.error, ConfigError) as exc:
            raise ConfigError(f"{path}:{line_of(item, key)}: pattern {item['id']!r} {key}: "
                              f"{exc}") from None

    confidence = item.get("confidence", 0.8)
    if not isinstance(confidence, int | float) or not 0 < confidence <= 1:
        raise ConfigError(f"{path}:{line}: confidence must be a number in (0, 1]")
    source = item.get("source", "normalised")
    if source not in {"normalised", "original"}:
        raise ConfigError(f"{path}:{line_of(item, 'source')}: source must be normalised or "
                          "original")
    match = compile_one("match")
    assert match is not None
    return PhrasePattern(
        id=str(item["id"]), rule=rule_id, match=match, confidence=float(confidence),
        label=str(item.get("label", "")), unless=compile_one("unless"),
        requires=compile_one("requires"), on_original=source == "original",
        cues=None if source == "original" else cues_of(match),
    )


def load_policy(spec: str | Path | None = None) -> Policy:
    """Load a policy pack by shipped name (`dwp`) or path, with the packs it extends."""
    path = _resolve_pack_path(spec or "dwp")
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise ConfigError(f"{path}: policy pack not found") from None
    return _load_policy_cached(path, mtime)


@functools.cache
def load_topic_pack(department: str) -> TopicPack:
    """The topic pack of a department id (`dwp`, `hmrc`, …) or a path to one."""
    if "/" in department or department.endswith((".yaml", ".yml")):
        path = Path(department).expanduser()
    else:
        path = _packaged("topics") / f"{department.lower()}.yaml"
        if not path.exists():
            raise ConfigError(f"unknown department {department!r} "
                              f"(shipped: {', '.join(available_departments())})")
    data = load_yaml(path)
    check_keys(data, _TOPIC_PACK_KEYS, {"id", "department", "topics"}, "a topic pack", path)
    topics = []
    for item in data["topics"] or []:
        check_keys(item, _TOPIC_KEYS, {"id", "label", "terms"}, "a topic", path)
        topics.append(Topic(
            id=_text(item["id"], "topic id", path, line_of(item, "id")),
            label=_text(item["label"], "topic label", path, line_of(item, "label")),
            why=str(item.get("why", "")),
            terms=tuple(t.lower() for t in _strings(item["terms"], "terms", path,
                                                    line_of(item, "terms"))),
            acronyms=_strings(item.get("acronyms", []) or [], "acronyms", path,
                              line_of(item, "acronyms")) if item.get("acronyms") else (),
            ambiguous=tuple(t.lower() for t in _strings(item["ambiguous"], "ambiguous", path,
                                                        line_of(item, "ambiguous")))
            if item.get("ambiguous") else (),
        ))
    return TopicPack(
        id=str(data["id"]), department=str(data["department"]),
        aliases=tuple(data.get("aliases") or ()), ministers=tuple(data.get("ministers") or ()),
        topics=tuple(topics),
    )
