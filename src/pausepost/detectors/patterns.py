"""Phrase patterns declared in the policy pack (threats, harassment, official information)."""

from __future__ import annotations

from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.policy.cues import text_words
from pausepost.text.document import Document


class PackPatterns(Detector):
    """Runs every regex the pack declares under `patterns:`, for whichever rule it names."""

    name = "pack-patterns"
    rules = ("conduct.offensive", "conduct.threat", "conduct.harassment", "disclosure.official")

    def detect(self, doc: Document) -> Iterator[Hit]:
        norm = doc.norm
        words = doc.cache.get(text_words)
        if words is None:
            words = doc.cache[text_words] = text_words(norm.text)
        for pattern in self.policy.patterns:
            if pattern.cues is not None and not pattern.cues.present(words):  # type: ignore[arg-type]
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
