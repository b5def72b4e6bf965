"""Learned per-rule models: catch what the pack's phrase patterns miss (see training/).

They score the whole post; when a rule's probability passes its cross-validated threshold,
the finding points at the sentence that scores highest for that rule. A model-only finding
is less certain than a pattern's, so it starts at the warning line, not above it.
"""

from __future__ import annotations

from collections.abc import Iterator

from pausepost.classifier.rules import RuleModels, default_rule_models, post_tokens
from pausepost.detectors.base import Detector, Hit
from pausepost.detectors.defamation import Defamation
from pausepost.detectors.own_department import OwnDepartment
from pausepost.detectors.partisan import Partisan
from pausepost.policy.loader import Policy
from pausepost.profile import Profile
from pausepost.recognisers import personal
from pausepost.text.benign import benign_reader
from pausepost.text.document import Document

_LABELS = {
    "conduct.name-calling": ("someone", ": an insult the word list does not know"),
    "conduct.offensive": ("", ": the wording as a whole"),
    "conduct.threat": ("", ""),
    "conduct.harassment": ("", ""),
    "legal.defamation": ("someone identifiable", ""),
    "political.partisan": ("", ": support for or attack on a party"),
    "disclosure.official": ("", ": what reads as inside information"),
    "political.own-department": ("", ": a view on your department's policies"),
    "disclosure.personal-data": ("someone identifiable", ": private details about someone"),
}


def model_confidence(probability: float, threshold: float) -> float:
    """0.55 at the threshold, rising to 0.9 at certainty (error rules show as warnings)."""
    return 0.55 + 0.35 * (probability - threshold) / max(1e-9, 1.0 - threshold)


class RuleModelDetector(Detector):
    """Per-rule logistic regressions trained on the project's labelled posts."""

    name = "rule-model"
    rules = tuple(_LABELS)

    def __init__(self, policy: Policy, profile: Profile) -> None:
        super().__init__(policy, profile)
        self._models: RuleModels | None = None
        self.benign = benign_reader(policy)
        # Contexts in which the pack's own patterns call a rule's cues innocent
        # ("the leak's fixed", "happy birthday, you've been warned").
        self.innocent = {rule: [p.unless for p in policy.patterns_for(rule) if p.unless]
                         for rule in _LABELS}
        self.defamation = Defamation(policy, profile)
        self.partisan = Partisan(policy, profile)
        self.own_department = OwnDepartment(policy, profile)
        # What the Apply button puts in place of personal details ("[details removed]").
        self.redacted = policy.rewrite("disclosure.personal-data")

    @property
    def models(self) -> RuleModels:
        """The shipped models, loaded at the first check rather than when detectors are built
        (so the training script can build the other detectors without them)."""
        if self._models is None:
            self._models = default_rule_models()
        return self._models

    def _gated(self, rule: str, doc: Document, start: int, end: int) -> bool:
        """True when the rule's own conditions rule the model's alarm out."""
        sentence = doc.normalised(start, end)
        if any(u.search(sentence) for u in self.innocent[rule]):
            return True
        if rule == "legal.defamation":  # an allegation needs someone identifiable
            return self.defamation.subject_before(doc, start, end) is None
        if rule == "conduct.offensive":  # an offensive remark is made to or about someone
            return not (self.benign.someone_in_view(doc, start, end)
                        or self.benign.has_rude_word(doc, start, end))
        if rule == "political.partisan":  # party politics needs a party
            return ((not self.partisan.party_mentions(doc) and "#" not in doc.text)
                    or self.partisan.about_history(sentence))
        if rule == "disclosure.personal-data":  # private details are about someone
            if self.redacted and self.redacted in doc.text:
                return True  # the details were replaced: the model sees only their context
            if any(start <= m.start < end
                   for m in doc.memo(personal.find_all, personal.find_all, doc.text)):
                # A number, address or email the recognisers have judged, with its context
                # ("my email is …", a shop's number): theirs is the better judgement.
                return True
            return not (self.benign.someone_in_view(doc, start, end)
                        or self.defamation.subject_before(doc, start, end) is not None)
        if rule == "conduct.name-calling":  # an insult is aimed at someone
            return not self.benign.someone_in_view(doc, start, end)
        if rule == "political.own-department":
            # The model learnt views on DWP's matters; the profile's own department's topics
            # decide whether a post is about them at all.
            return (not self.own_department.mentions_topic(doc)
                    or self.own_department.reads_neutral(sentence))
        return False

    def detect(self, doc: Document) -> Iterator[Hit]:
        tokens = post_tokens(doc.text)
        if not any(token[0].isalpha() for token in tokens):
            return  # only emoji, handles or links ("@jo 😂👀"): nothing for a model to read
        scores = self.models.scores(doc.text, tokens=tokens)
        passed = {rule: p for rule, p in scores.items()
                  if p >= self.models.thresholds[rule] and rule in _LABELS}
        if not passed:
            return
        sentences = doc.sentences
        by_sentence = ([self.models.scores(doc.text[a:b], passed) for a, b in sentences]
                       if len(sentences) > 1 else [scores])
        for rule, probability in passed.items():
            best = max(range(len(sentences)), key=lambda i: by_sentence[i][rule])
            start, end = sentences[best]
            if self._gated(rule, doc, start, end):
                continue
            # Re-check without quoted words, names and self-mockery: the best sentence when it
            # carried the alarm on its own. For conduct rules, else the whole post ("Stop
            # calling people 'dole scum'. They're people." is about the quoted words); a quoted
            # memo or allegation is still the post's own disclosure, so other rules skip that.
            line = self.models.thresholds[rule]
            carried = len(sentences) == 1 or by_sentence[best][rule] >= line
            rest = (self.benign.without(doc, start, end) if carried
                    else self.benign.without(doc, 0, len(doc.text))
                    if rule.startswith("conduct.") else None)
            if rest is not None and self.models.scores(rest, (rule,))[rule] < line:
                continue
            while start < end and doc.text[start].isspace():
                start += 1
            while end > start and doc.text[end - 1].isspace():
                end -= 1
            target, detail = _LABELS[rule]
            yield Hit(rule=rule, start=start, end=end,
                      confidence=model_confidence(probability, self.models.thresholds[rule]),
                      reason=f"model: the {rule} model scores this post {probability:.2f}",
                      target=target, detail=detail)
