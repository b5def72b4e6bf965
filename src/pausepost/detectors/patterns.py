"""Phrase patterns declared in the policy pack (threats, harassment, official information)."""

from __future__ import annotations

from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.policy.cues import Literals, literals_of, text_words
from pausepost.policy.loader import Policy
from pausepost.profile import Profile
from pausepost.text.document import Document


class PackPatterns(Detector):
    """Runs every regex the pack declares under `patterns:`, for whichever rule it names."""

    name = "pack-patterns"
    rules = ("conduct.offensive", "conduct.threat", "conduct.harassment", "disclosure.official")

    # Literal gates (`cues.literals_of`) cost about 0.1-0.3 s to read off the pack's regexes and
    # save about 50 µs a post: worth it for a batch or a running app, not for one check from the
    # command line, which keeps its start-up time. None: never build them.
    literal_gates_after: int | None = 100

    def __init__(self, policy: Policy, profile: Profile) -> None:
        super().__init__(policy, profile)
        self._checked = 0
        self._literals: tuple[Literals | None, ...] | None = None  # None: not built yet
        self._gate_words: frozenset[str] = frozenset()

    def _build_literal_gates(self) -> None:
        self._literals = tuple(None if p.on_original else literals_of(p.match)
                               for p in self.policy.patterns)
        # Every word some gate looks for: a post's words are cut down to these once, so each
        # gate then tests the few (mostly none) left instead of all of them.
        self._gate_words = frozenset[str]().union(
            *(gate.words for gate in self._literals if gate is not None))

    def detect(self, doc: Document) -> Iterator[Hit]:
        if self._literals is None and self.literal_gates_after is not None:
            self._checked += 1
            if self._checked > self.literal_gates_after:
                self._build_literal_gates()
        norm = doc.norm
        words = doc.memo(text_words, text_words, norm.text)
        gate_words = self._gate_words & words
        for index, pattern in enumerate(self.policy.patterns):
            literals = self._literals[index] if self._literals else None
            if literals is not None and not literals.present(norm.text, gate_words):
                continue  # none of the words or strings every match holds
            if pattern.cues is not None and not pattern.cues.present(words):
                continue  # none of the words a match must start with
            haystack = doc.text if pattern.on_original else norm.text
            for m in pattern.match.finditer(haystack):
                if m.end() <= m.start():
                    continue
                if pattern.on_original:
                    start, end = m.span()
                else:
                    start, end = norm.to_original(m.start(), m.end())
                if pattern.rule.startswith("conduct.") and doc.in_quotes(start, end):
                    continue  # "got sent 'I know where you live'": someone else's words
                sent_a, sent_b = doc.sentence_of(start)
                sentence = (doc.text[sent_a:sent_b] if pattern.on_original
                            else doc.normalised(sent_a, sent_b))
                if pattern.unless is not None and pattern.unless.search(sentence):
                    continue
                if pattern.requires is not None and not (
                    pattern.requires.search(sentence)
                    or pattern.requires.search(doc.text[sent_a:sent_b])
                ):
                    continue
                yield Hit(
                    rule=pattern.rule, start=start, end=end, confidence=pattern.confidence,
                    reason=f"pattern {pattern.id!r}: {pattern.label or 'phrase'}",
                    label=pattern.label, detail=f": {pattern.label}" if pattern.label else "",
                )
