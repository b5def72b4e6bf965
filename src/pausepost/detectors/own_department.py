"""political.own-department: opinion on controversial matters of the author's own ministers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pausepost.detectors.base import Detector, Hit
from pausepost.policy.loader import Policy, Topic, load_topic_pack
from pausepost.profile import Profile
from pausepost.text.document import Document
from pausepost.text.lexicon import Lexicon
from pausepost.text.senses import innocent_senses

# Posts about doing the job ("my UC training", "drop-in on Tuesday") are neutral.
_NEUTRAL = re.compile(
    r"\b(?:training|trained|course|workshop|webinar|session|module|e-learning|induction|helpline|"
    r"appointment|how to (?:apply|claim)|eligib\w*|drop[- ]in|information|guidance|reminder|"
    r"deadline|payment dates?|opening hours|advice|help(?:ing)? (?:people|customers|claimants)|"
    r"apply|applying|applied|claim(?:ing)? for|first day|exam|qualified|passed|application|"
    r"approved|assessor|explain(?:s|ed|ing)?|how (?:it|the \w+(?: \w+)?) works?|"
    r"(?:does )?anyone know|any(?:one|body) (?:had|got|tried)|helped me|work coach|"
    r"moral support|affects?|question|tips|my (?:mum|dad|nan|gran|brother|sister|friend|mate|"
    r"son|daughter|partner|husband|wife)(?:'s)?|recruiting|vacanc\w*|roles? (?:open|available)|"
    r"jobs? (?:open|available)|can help|could help|worth a look|calculator|gov\.uk|if anyone|"
    r"if you'?re|if you are|eligible|find out more|check (?:if|whether|your))\b")
# Words of a department's topic that also belong to foreign affairs ("sanctions on Russia").
_FOREIGN = re.compile(r"\b(?:russia\w*|iran\w*|china|chinese|north korea\w*|israel\w*|syria\w*|"
                      r"belarus\w*|venezuela\w*|oligarchs?|economic sanctions|trade sanctions|"
                      r"un sanctions|eu sanctions|sanctions list|sanctions on|sanctions against|"
                      r"embargo|putin|kremlin|regime|ofsi|fifa|uefa|points deduction|football)\b")
# Opinion strong enough to count even in an otherwise factual post.
_CRITICAL = re.compile(
    r"\b(?:disgrace\w*|inhumane|cruel\w*|shameful|scandal\w*|evil|heartless|barbaric|vile|"
    r"immoral|despicable|draconian|brutal|punitive|monstrous|callous|scrap\w*|abolish\w*|"
    r"axe|ditch|kill\w*|deaths?|shambles|farce|fiasco|joke|con|robbery|betray\w*|"
    r"about time|long overdue|brilliant|fantastic|well done|diabolical|atrocious|appalling|"
    r"outrageous|broken|fair play|bring (?:it|them) (?:on|back))\b|#scrap\w+|#stop\w+|\U0001F921")
# Punctuation and emoji that carry a view: "?!", "🤔", "🙄", "👏", "💯", "smh".
_OPINION_MARKS = re.compile("[!?]{2,}|[\U0001F914\U0001F644\U0001F44F\U0001F4AF\U0001F621"
                            "\U0001F620\U0001F92C\U0001F44E\U0001F44D]|\\bsmh\\b|\\bffs\\b|"
                            "\\b(?:really|literally|actually|supposed to|designed to|push(?:ing)? "
                            "people|hardship|poverty|debt|hurt|suffer|harm|lose|losing|robbed|"
                            "welcome|works?|pointless|right move|wrong move)\\b", re.IGNORECASE)
_STANCE = re.compile(r"\b(?:i think|i believe|i reckon|i feel|in my (?:view|opinion)|imo|"
                     r"honestly|frankly|let'?s be honest|make no mistake|sign the petition|"
                     r"protest|march against|campaign against|say no to|hands off)\b")


class OwnDepartment(Detector):
    """A topic of the profile's department, with evaluative language in the same sentence."""

    name = "own-department"
    rules = ("political.own-department",)

    def __init__(self, policy: Policy, profile: Profile) -> None:
        super().__init__(policy, profile)
        pack = load_topic_pack(profile.department or policy.default_department)
        self.department = pack.department
        self.topic_of: dict[str, Topic] = {}
        for topic in pack.topics:
            for term in (*topic.terms, *topic.ambiguous):
                self.topic_of[" ".join(term.lstrip("#").split())] = topic
        self.ambiguous = frozenset(t for topic in pack.topics for t in topic.ambiguous)
        self.terms = Lexicon(t.lstrip("#") for t in self.topic_of)
        acronyms = {a: t for t in pack.topics for a in t.acronyms}
        self.acronym_topic = acronyms
        self.acronyms = (re.compile(r"(?<![\w])#?(" + "|".join(map(re.escape, acronyms)) + r")\b")
                         if acronyms else None)
        self.evaluative = Lexicon(policy.lexicon("evaluative"))
        self.senses = innocent_senses(policy)

    def mentions_topic(self, doc: Document) -> bool:
        """True when the post names any topic of the department's pack."""
        return bool(self.terms.find(doc)) or bool(
            self.acronyms is not None and self.acronyms.search(doc.text))

    @staticmethod
    def reads_neutral(sentence: str) -> bool:
        """True for a normalised sentence about doing the job or using a service ("worth a
        look if you're disabled", "we're recruiting"), with no strong view or stance."""
        return bool(_NEUTRAL.search(sentence)) and not (
            _CRITICAL.search(sentence) or _STANCE.search(sentence))

    def detect(self, doc: Document) -> Iterator[Hit]:
        found: list[tuple[int, int, Topic]] = []
        for hit in self.terms.find(doc):
            topic = self.topic_of.get(hit.term)
            if hit.term in self.ambiguous and _FOREIGN.search(
                    doc.normalised(*doc.sentence_of(hit.start))):
                continue
            if topic is not None:
                found.append((hit.start, hit.end, topic))
        if self.acronyms is not None:
            for m in self.acronyms.finditer(doc.text):
                found.append((m.start(1), m.end(1), self.acronym_topic[m.group(1)]))
        if not found:
            return
        evaluative = [e for e in self.evaluative.find(doc)
                      if not self.senses.innocent(doc, e.term, e.start)]  # "keep an eye out"
        reported: set[tuple[int, int]] = set()
        for start, end, topic in sorted(found, key=lambda f: f[0]):
            sent_a, sent_b = doc.sentence_of(start)
            if (sent_a, sent_b) in reported:
                continue
            sentence = doc.normalised(sent_a, sent_b)
            # A strong view in the two sentences after it, up to the next topic, counts too
            # ("Bedroom tax on nan's flat. Pay for grief now, have we? Diabolical.")
            following = []
            for later in [s for s in doc.sentences if s[0] >= sent_b][:2]:
                if any(later[0] <= f[0] < later[1] for f in found):
                    break
                following.append(later)
            after = " ".join(doc.normalised(*later) for later in following)
            critical = _CRITICAL.search(sentence) or _CRITICAL.search(after)
            stance = _STANCE.search(sentence) or _STANCE.search(after)
            # Milder evaluative words count only in the topic's own sentence: in the next
            # ones they are often about something else ("… my PIP award. I can finally …").
            words = [e.term for e in evaluative if sent_a <= e.start < sent_b]
            if critical:
                signal = critical.group()
            elif _NEUTRAL.search(sentence) and not stance:
                continue
            elif stance or words:
                signal = stance.group() if stance else words[0]
            elif _OPINION_MARKS.search(doc.text[sent_a:sent_b]):
                signal = "the tone of the sentence"
            else:
                continue
            reported.add((sent_a, sent_b))
            yield Hit(
                rule="political.own-department", start=start, end=end,
                confidence=0.85 if critical or stance else 0.7,
                reason=f"{topic.label} ({self.department}) with '{signal}'",
                topic=topic.label,
            )
