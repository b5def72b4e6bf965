"""Who a remark is aimed at, where a reply's words begin, and mockery of who people are."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pausepost.detectors.mocking_characteristic import MockingCharacteristic
from pausepost.policy.loader import load_policy
from pausepost.profile import Profile
from pausepost.text.document import Document
from pausepost.text.targets import target_of

HANDLE = st.from_regex(r"@[A-Za-z0-9_]{1,15}", fullmatch=True)
WORDS = st.text(alphabet=st.sampled_from("abcdefghij ABC.!?"), max_size=40)


@given(st.lists(HANDLE, max_size=4), WORDS)
def test_words_start_after_the_opening_handles_and_never_past_the_offset(handles, rest) -> None:
    text = " ".join([*handles, rest])
    doc = Document(text)
    for offset in range(len(text)):
        begin = doc.words_start(offset)
        assert doc.sentence_of(offset)[0] <= begin <= offset
        assert begin == offset or not text[begin:].startswith("@")  # no opening handle left


def test_a_capital_after_a_reply_handle_is_not_a_name() -> None:
    doc = Document("@Jane_b Idiots, all of you")
    start = doc.text.index("Idiots")
    assert doc.words_start(start) == start
    assert not doc.in_proper_name(start, start + len("Idiots"))
    title = Document("@sam loved The Thick of It")  # a real title after a handle still is one
    start = title.text.index("Thick")
    assert title.in_proper_name(start, start + len("Thick"))


@pytest.mark.parametrize(("text", "sentences"), [
    ("Philip K. Dick wrote it. Then I read it.", ["Philip K. Dick wrote it.", "Then I read it."]),
    ("Saw Mr. Khan today. Nice man!", ["Saw Mr. Khan today.", "Nice man!"]),
    ("Did I? Yes.", ["Did I?", "Yes."]),
])
def test_initials_and_titles_end_no_sentence(text: str, sentences: list[str]) -> None:
    doc = Document(text)
    assert [text[a:b].strip() for a, b in doc.sentences] == sentences


def _target(text: str, word: str) -> tuple[str, str]:
    doc = Document(text)
    index = next(t.position for t in doc.tokens if t.text == word)
    non_people = frozenset(load_policy("civil-service").lexicon("non_people"))
    found = target_of(doc, index, index, non_people)
    return found.kind, found.label


@pytest.mark.parametrize(("text", "word", "kind"), [
    ("The scary thing is that plenty of these councillors are clueless", "clueless", "group"),
    ("Honestly I reckon the referee is a muppet", "muppet", "person"),
    ("Dog rolled in fox poo again. He is a disgrace", "disgrace", "thing"),
    ("The cat is asleep and my husband? He is an idiot", "idiot", "person"),
    ("Locked myself out again. Peak me. What a muppet.", "muppet", "self"),
    # An exclamation with no subject is about whoever the sentence before opens with.
    ("Evri driver chucked my parcel in a puddle. Absolute knobhead", "knobhead", "person"),
    ("My boss cancelled my leave again. Absolute clown.", "clown", "person"),
    ("The printer jammed again. What an idiot.", "idiot", "thing"),
    # A demonstrative makes the insult the name for someone, unless after "to be".
    ("That gobshite on the radio is wrong again", "gobshite", "person"),
    ("That ref's a blind coward", "coward", "person"),
    # "I've ever met" is not the author: "I" is not read as the start of "I am".
    ("Kyle from the gym is the most self-obsessed moron I've ever met", "moron", "person"),
    # "the" + insult + where they are names someone; so does a sentence opening with it.
    ("Big shout to the muppet in the white Audi who undertook me", "muppet", "person"),
    ("Cheers to the absolute weapon who nicked my lunch", "weapon", "person"),
    ("The little scrotes from the flats kicked a ball at my window", "scrotes", "group"),
    ("Little toerag on the bus kept kicking my seat", "toerag", "person"),
    # A role right after the insult, or "of a …" a role.
    ("Idiot driver in the BMW just cut me up", "idiot", "person"),
    ("Had an arsehole of a customer on the tills today", "arsehole", "person"),
    # "the lot of them" after the insult.
    ("Utterly clueless, the lot of them.", "clueless", "group"),
    ("Fucking clowns, the lot of you.", "clowns", "you"),
    # "Bus driver …" opens the sentence before: a driver, not a bus.
    ("Bus driver took off before the old woman sat down. Absolute bampot", "bampot", "person"),
])
def test_the_subject_of_the_clause_is_the_target(text: str, word: str, kind: str) -> None:
    assert _target(text, word)[0] == kind


@pytest.mark.parametrize(("text", "word"), [
    ("I'm that idiot who forgot his keys", "idiot"),  # "that" after "to be": still the author
    ("Claimant checks should be tougher. Nobody looks at the forms.", "nobody"),  # a full clause
    ("I'm the idiot in the group chat who never replies", "idiot"),  # "to be": the subject
    ("Fat lad eating a Big Mac on the bench", "fat"),  # a description, not "idiot driver"
])
def test_not_aimed_at_a_person(text: str, word: str) -> None:
    assert _target(text, word)[0] != "person"


def test_a_pronoun_is_labelled_a_person_not_your_he() -> None:
    assert _target("My boss. He is a disgrace", "disgrace") == ("person", "a person")


@pytest.mark.parametrize(("text", "word", "label"), [
    ("My manager is a clown", "clown", "your manager"),  # the post's "my" is the reader's "your"
    ("His boss is a moron", "moron", "his boss"),
    ("Honestly that lady at the bus stop is an idiot", "idiot", "the lady"),
    ("Manager is a total muppet", "muppet", "the manager"),
])
def test_a_role_is_named_with_the_posts_own_determiner(text: str, word: str, label: str) -> None:
    assert _target(text, word) == ("person", label)


@pytest.fixture(scope="module")
def mockery() -> MockingCharacteristic:
    return MockingCharacteristic(load_policy("civil-service"), Profile())


@pytest.mark.parametrize("text", [
    "Woman driver in front of me on the ring road, no wonder we were doing 20 🙄",
    "Apparently the new lad is non-binary. Sure mate.",
    "Saw a bloke on a mobility scooter try the drive-thru. Better entertainment than telly",
])
def test_a_characteristic_in_a_mocking_post_is_offensive(mockery, text: str) -> None:
    hits = list(mockery.detect(Document(text)))
    assert [h.rule for h in hits] == ["conduct.offensive"]
    assert hits[0].confidence < 0.65  # a warning, never an error on its own


@pytest.mark.parametrize("text", [
    "Woman driver took me home after the match, lovely chat",  # no mockery
    "Did the mental health first aid course today, everyone should",  # 'mental' is the topic
    "So proud of my autistic son, he told the headteacher her tie was wonky 😂",  # supportive
    "Parked in the disabled bay by mistake, felt awful 😬",  # a parking space, not people
    "He called her a 'dyke' and laughed 😂 – reported him",  # quoted and reported
])
def test_without_mockery_of_people_it_stays_quiet(mockery, text: str) -> None:
    assert list(mockery.detect(Document(text))) == []


def test_a_profile_can_allow_a_characteristic_word() -> None:
    doc = "Woman driver in front of me on the ring road, no wonder we were doing 20 🙄"
    policy = load_policy("civil-service")
    allowing = MockingCharacteristic(policy, Profile(allow_words=frozenset({"woman driver"})))
    assert list(MockingCharacteristic(policy, Profile()).detect(Document(doc)))
    assert list(allowing.detect(Document(doc))) == []
