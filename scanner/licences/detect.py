"""Which licence a file holds: exact match, then word-bigram similarity, then notices.

Licensee-style matching over the official SPDX texts (plus the French/English texts SPDX lacks):
the text is normalised per the SPDX matching guidelines (``normalise.py``); an identical text is
found by digest; otherwise rare words vote for candidates (plus their near-duplicates), each scored by
Sørensen–Dice on word bigrams and by *coverage* (share of the licence's bigrams found in the file,
which keeps a licence recognisable under a preamble, a French header or a second licence).
Below :data:`ACCEPT` the answer is ``NOASSERTION`` with the closest candidates, so a rule can ask
for a human review instead of failing on a guess.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import re
import typing as t
from array import array
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import chain, compress, groupby

from scanner.licences import choice, notices
from scanner.licences.index import LicenceIndex, bigram_set, load_index
from scanner.licences.normalise import analyse

#: Coverage (and similarity) a text needs to be called a licence without review.
ACCEPT = 0.85
#: Candidates taken from the rare-word vote (near-duplicates come precomputed with the index).
VOTED = 10
#: Voted candidates scored first; the rest only when the first leader leaves text unexplained.
FIRST_SCORED = 3
#: A file is just its leading licence (nothing else to look for) when that licence's coverage
#: reaches EXPLAINED and fewer than UNEXPLAINED of the file's bigrams are not the licence's.
EXPLAINED = 0.9
UNEXPLAINED = 40
#: Coverage and Dice of a leader that no near-duplicate can beat (see _refine).
NEAR_PERFECT = 0.95
#: Leaders within this score of each other are compared on their own wording.
REFINE_MARGIN = 0.15
#: Below this many words a text is only matched exactly, else read as a notice.
MIN_WORDS = 8
#: From this many words, a text no candidate covers is compared with every reference text.
FULL_SCAN_WORDS = 20
#: A longer text that matches no licence is still read as a notice up to this many words.
NOTICE_MAX_WORDS = 1500
#: The second licence of a file must bring this many bigrams of its own.
SECOND_MIN_BIGRAMS = 30
#: One licence "incorporates" another: both texts in one file mean the first (LGPL = GPL + terms).
INCORPORATES = {"LGPL-3.0": "GPL-3.0"}

NOASSERTION = "NOASSERTION"
_NAME_WORD = re.compile(r"[a-z]+")
#: Bigrams inserted inside a licence's span beyond which it counts as modified: a few are
#: re-wrapping accidents (a copyright line joined to a paragraph), more are changed terms.
ALTERED_MIN = 8
ALTERED_SHARE = 0.04
SPAN_TRIM = 0.03
#: Closest licences below this score are not worth showing as candidates.
MIN_CANDIDATE = 0.4
#: Where a file states that its licences are a choice (see :func:`notices.states_choice`).
CHOICE_HEAD = 500
#: A notice naming one licence: a grant, but no licence text; a standard header is as sure.
NOTICE_CONFIDENCE = HEADER_CONFIDENCE = 0.9
#: A file sharing this many bigrams with a licence text is that text (modified or cut), whose
#: appendix may show the header: no header is looked for in it.
HEADER_MAX_SHARED = 150
#: Licences in wide use: when a text's own wording cannot separate two near-identical licences
#: (Apache-2.0 without its appendix vs Pixar's "Modified Apache"), the common one is meant.
COMMON = frozenset({
    "Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "ISC", "MPL-2.0", "EPL-2.0", "EUPL-1.2",
    "CECILL-2.1", "CECILL-B", "CECILL-C", "GPL-2.0-only", "GPL-3.0-only", "LGPL-2.1-only",
    "LGPL-3.0-only", "AGPL-3.0-only", "Unlicense", "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0",
    "ODbL-1.0", "etalab-2.0", "0BSD", "Zlib", "BSL-1.0", "Artistic-2.0",
})


@dataclass(frozen=True)
class Candidate:
    """A licence the text resembles, with its score (0-1)."""

    spdx: str
    score: float


@dataclass(frozen=True)
class Detection:
    """What one file says, how sure we are and how we know.

    ``method``: ``exact`` (normalised text identical), ``similarity`` (bigram match), ``notice``
    (a short text naming a licence, or holding a licence's standard header: "This Source Code
    Form is subject to the terms of the Mozilla Public License, v. 2.0..."), ``title`` (a long
    unindexed text whose title names a licence), ``reference`` (the file only points
    elsewhere), ``none``.
    ``version_basis`` (GNU licences): ``text`` when ``-only`` comes from the text alone (SPDX
    convention), ``notice`` when the file's own wording says; the collector may override it from
    README, headers or metadata.
    ``choice``: a pointer file says the files it names are a choice ("either of the licenses
    found in LICENSE.APACHE or LICENSE.BSD").
    ``modified`` (method ``modified``): the text says it is a modified licence.
    """

    spdx: str
    confidence: float
    method: str
    candidates: tuple[Candidate, ...] = ()
    licences: tuple[str, ...] = ()
    equivalents: tuple[str, ...] = ()
    version_basis: str | None = None
    extra_text: bool = False
    copyright: bool = False
    references: tuple[str, ...] = field(default_factory=tuple)
    choice: bool = False
    #: The words by which the text says it is a modified licence: then ``spdx`` is NOASSERTION
    #: and the licence it was modified from leads ``candidates``.
    modified: str | None = None
    #: The text is a licence under another name ("Foo Public License" for the MPL's words).
    renamed: bool = False
    #: A file stating a choice, read section by section: (first line, licence or NOASSERTION)
    #: of each section that is a licence text or notice (:mod:`scanner.licences.choice`).
    options: tuple[tuple[int, str], ...] = ()
    #: A file granting one licence, then quoting those of code it includes, under a heading
    #: about third-party code (:func:`choice.appendix`): (first line, licence or NOASSERTION)
    #: of each part quoting a licence. Others' licences, not the file's.
    others: tuple[tuple[int, str], ...] = ()


def _ids(index: LicenceIndex, tokens: list[str]) -> tuple[array, bool]:
    """Word ids of a text, and whether some words are unknown to every reference text.

    Unknown words get ids counted down from 65535 (distinct words, distinct ids), so the whole
    sequence stays 16-bit and :func:`bigram_set` works on it unchanged.
    """
    ids: list[int | None] = list(map(index.vocab.get, tokens))
    if None not in ids:
        return array("H", ids), False
    unknown: dict[str, int] = {}
    top = (1 << 16) - 1
    floor = index.vocabulary_size
    known = [i if i is not None else max(floor, top - unknown.setdefault(w, len(unknown)))
             for i, w in zip(ids, tokens, strict=False)]
    return array("H", known), True


def _exact(index: LicenceIndex, ids: array) -> int | None:
    packed = ids
    if index.swap:
        packed = array("H", ids)
        packed.byteswap()
    return index.exact.get(hashlib.blake2b(packed.tobytes(), digest_size=12).digest())


def _vote(index: LicenceIndex, ids: array) -> list[int]:
    """Entries holding the largest share of their own rarest words in the text, best first.

    Counting runs in C (``Counter`` over chained posting lists): this is the detector's hot loop.
    """
    postings = index.postings
    votes = Counter(chain.from_iterable(map(postings.__getitem__, index.picked.intersection(ids))))
    picks = index.picks
    ranked = [(count / picks[entry], entry) for entry, count in votes.items()]
    return [entry for _, entry in heapq.nlargest(VOTED, ranked)]


def _within_reach(index: LicenceIndex, size: int) -> list[int]:
    """Every reference text that could still score a candidate (coverage or Dice of at least
    MIN_CANDIDATE), judged from sizes alone: a text over (2 - m) / m times larger than the file
    cannot, and its bigram set need not be built (on a cold cache, that is most of the cost)."""
    high = size * (2 - MIN_CANDIDATE) / MIN_CANDIDATE
    return [entry for entry, ref in enumerate(index.sizes) if ref <= high]


def _explained(index: LicenceIndex, bigrams: frozenset[int],
               scored: list[tuple[float, float, float, int]]) -> bool:
    """The leading text covers the licence and nearly all of the file: no second licence can
    hide in what is left, so the other voted candidates need not be scored."""
    if not scored or scored[0][1] < EXPLAINED:
        return False
    return len(bigrams) - scored[0][1] * index.sizes[scored[0][3]] < UNEXPLAINED


def _neighbours(index: LicenceIndex, leader: int, *, common_only: bool = False) -> list[int]:
    """Near-duplicates of the leading text: variants must compete with it (MIT vs its forty
    variants, AGPL vs SSPL, Apache-2.0 vs Pixar)."""
    entries = index.entries
    if common_only:
        return [e for e in entries[leader].neighbours if entries[e].spdx in COMMON]
    return list(entries[leader].neighbours)


def _score(index: LicenceIndex, bigrams: frozenset[int], entries: list[int],
           floor: float = 0.0) -> list[tuple[float, float, float, int]]:
    """(key, coverage, dice, entry), best first. ``key`` = coverage + dice/2: coverage keeps a
    licence recognisable inside a longer file, dice prefers the closest-sized of two texts one
    of which contains the other (X11 contains MIT). Entries whose best possible key, known from
    sizes alone, is under ``floor`` are skipped."""
    scored = []
    size = len(bigrams)
    sizes = index.sizes
    for entry in entries:
        ref_size = sizes[entry]
        if not ref_size:
            continue
        smaller = size if size < ref_size else ref_size
        if floor and min(1.0, size / ref_size) + smaller / (size + ref_size) < floor:
            continue
        shared = len(bigrams & index.bigrams(entry))
        coverage = shared / ref_size
        dice = 2 * shared / (size + ref_size)
        scored.append((coverage + 0.5 * dice, coverage, dice, entry))
    scored.sort(reverse=True)
    return scored


def _refine(index: LicenceIndex, bigrams: frozenset[int],
            scored: list[tuple[float, float, float, int]]) -> list[tuple[float, float, float, int]]:
    """Among near-equal leaders, prefer the text whose *own* wording (what the others lack) is
    present: AGPL vs SSPL, Apache-2.0 vs Pixar, MIT vs its variants differ only there."""
    if len(scored) < 2:
        return scored
    leader = scored[0]
    for other in scored[1:6]:
        if other[0] < leader[0] - REFINE_MARGIN or other[1] < ACCEPT:
            continue
        mine, theirs = index.bigrams(leader[3]), index.bigrams(other[3])
        own_mine, own_theirs = mine - theirs, theirs - mine
        share_mine = len(own_mine & bigrams) / len(own_mine) if own_mine else 1.0
        share_theirs = len(own_theirs & bigrams) / len(own_theirs) if own_theirs else 1.0
        if share_theirs > share_mine + 0.1 or (
                abs(share_theirs - share_mine) <= 0.1 and other[2] > leader[2] + 0.05
                and share_theirs >= share_mine):
            leader = other
        elif (abs(share_theirs - share_mine) <= 0.1 and max(share_mine, share_theirs) < 0.5
              and index.entries[other[3]].spdx in COMMON
              and index.entries[leader[3]].spdx not in COMMON):
            leader = other  # the text cannot tell them apart: the widespread licence it is
    if leader is scored[0]:
        return scored
    return [leader] + [s for s in scored if s is not leader]


def _gnu_family(spdx_id: str) -> str | None:
    base = spdx_id.removesuffix("-only").removesuffix("-or-later")
    return base if base in notices.GNU_FAMILIES else None


def detect(text: str) -> Detection:
    """Detect the licence of one file's text (see the module docstring); a file whose head
    states a choice is also read section by section (:mod:`scanner.licences.choice`)."""
    found = _detect(text)
    if len(found.licences) < 2 and notices.states_choice(text[:CHOICE_HEAD]):
        return _offered(text, found)
    return _granted(text, found)


#: Parts of an appendix whose licences are named (a message holds a few).
MAX_OTHERS = 5


def _granted(text: str, whole: Detection) -> Detection:
    """The licence a file grants before its appendix about others' code, when its own part
    names one (a licence text, or a notice that is not about someone else's work); ``whole``
    otherwise. Read whole, the file is the quoted licence (the MIT text of a bundled library)
    "that differs", or the grant AND the quoted licence: neither is what it says."""
    split = choice.appendix(text)
    if split is None:
        return whole
    head, parts = split
    grant = _detect(head)
    if not grant.licences or grant.method not in ("notice", *_TEXT_METHODS):
        return whole
    if grant.method == "notice" and (notices.others_work(head)
                                     or "LicenseRef-proprietary" in grant.licences):
        return whole
    others: list[tuple[int, str]] = []
    for part in parts:
        quoted = _detect(part.text)
        if quoted.licences:
            others.append((part.line, quoted.spdx))
        elif quoted.method in ("modified", "none") and any(
                c.score >= ACCEPT for c in quoted.candidates):
            others.append((part.line, NOASSERTION))  # a licence text civiscan cannot name
        if len(others) >= MAX_OTHERS:
            break
    return replace(grant, extra_text=True, copyright=grant.copyright or whole.copyright,
                   others=tuple(others))


#: A section is an option of a choice when it is a licence text or a licence's standard notice.
_TEXT_METHODS = frozenset({"exact", "similarity", "title"})


def _option(section: choice.Section) -> tuple[Detection | None, bool]:
    """(the licence a section offers, whether it looks like a licence civiscan cannot name): a
    licence text, a modified one, or a standard notice; a sentence naming a licence is none."""
    found = _detect(section.text)
    if found.method in _TEXT_METHODS and len(found.licences) == 1:
        return found, False
    if found.method == "notice" and notices.standard_header(section.text) is not None:
        return found, False
    unknown = found.method == "modified" or (
        found.method == "none" and any(c.score >= ACCEPT for c in found.candidates))
    return None, unknown


def _offered(text: str, whole: Detection) -> Detection:
    """``A OR B`` when the file's sections offer two licences or more, each identified; the
    file as read whole (``NOASSERTION``) with ``options`` naming what each section offers when
    some option is a licence text civiscan cannot identify; else ``whole`` unchanged."""
    options: list[tuple[choice.Section, Detection | None]] = []
    for section in choice.sections(text):
        found, unknown = _option(section)
        if found is not None or unknown:
            options.append((section, found))
    named = [found for _, found in options if found is not None]
    ids = list(dict.fromkeys(found.licences[0] for found in named))
    if len(options) < 2 or not ids:
        return whole
    if len(named) == len(options) and len(ids) >= 2:
        bases = [f.version_basis for f in named if f.version_basis]
        return Detection(spdx=" OR ".join(sorted(ids)),
                         confidence=min(f.confidence for f in named),
                         method="similarity" if any(f.method in _TEXT_METHODS for f in named)
                         else "notice", candidates=whole.candidates, licences=tuple(sorted(ids)),
                         version_basis=bases[0] if bases else None, extra_text=True,
                         copyright=whole.copyright,
                         options=tuple((s.line, f.licences[0]) for s, f in options if f))
    if whole.spdx != NOASSERTION:
        return whole
    return Detection(spdx=NOASSERTION, confidence=whole.confidence, method=whole.method,
                     candidates=whole.candidates, copyright=whole.copyright,
                     options=tuple((s.line, f.licences[0] if f else NOASSERTION)
                                   for s, f in options))


def _detect(text: str) -> Detection:
    index = load_index()
    tokens, copyright_line = analyse(text)
    ids, unknown = _ids(index, tokens)
    hit = None if unknown else _exact(index, ids)
    if hit is not None:
        return _found(index, hit, 1.0, "exact", (), False, copyright_line, text)
    if len(tokens) < MIN_WORDS:
        modified = notices.modification(text)
        if modified:
            return Detection(spdx=NOASSERTION, confidence=0.0, method="modified",
                             candidates=_named(text), copyright=copyright_line,
                             modified=modified)
        return _notice(text, copyright_line)

    bigrams = bigram_set(ids)
    voted = _vote(index, ids)
    scored = _score(index, bigrams, voted[:FIRST_SCORED])
    if not _explained(index, bigrams, scored):  # room for another licence: score the rest
        scored = sorted(scored + _score(index, bigrams, voted[FIRST_SCORED:]), reverse=True)
    if (not scored or scored[0][1] < ACCEPT) and len(tokens) >= FULL_SCAN_WORDS:
        scored = _score(index, bigrams, _within_reach(index, len(bigrams)))  # the vote missed
    elif scored:
        # A near-perfect leader holds its own wording: only a widespread variant could still
        # take its place (through _refine), so only those are scored.
        perfect = scored[0][1] >= NEAR_PERFECT and scored[0][2] >= NEAR_PERFECT
        seen = {s[3] for s in scored}
        extra = [e for e in _neighbours(index, scored[0][3], common_only=perfect)
                 if e not in seen]
        floor = scored[0][0] - REFINE_MARGIN
        scored = sorted(scored + _score(index, bigrams, extra, floor=floor), reverse=True)
    scored = _refine(index, bigrams, scored)
    candidates = _candidates(index, scored)
    modified = notices.modification(text)
    if modified and scored:
        scored = _published_modification(index, bigrams, scored)
        if not _says_modified(index, scored[0][3]):
            return Detection(spdx=NOASSERTION, confidence=0.0, method="modified",
                             candidates=candidates or _named(text), copyright=copyright_line,
                             modified=modified)
    if scored and scored[0][1] >= ACCEPT:
        renamed = _renamed(index, scored[0][3], tokens)
        if renamed:
            return Detection(spdx=NOASSERTION, confidence=0.0, method="modified",
                             candidates=candidates, copyright=copyright_line, modified=renamed,
                             renamed=True)
    if scored:
        _, coverage, dice, best = scored[0]
        size = len(index.bigrams(best))
        precision = coverage * size / max(len(bigrams), 1)
        if (coverage >= ACCEPT and precision >= 0.2 and (dice >= 0.5 or size >= 40)
                and not _altered(index, ids, index.bigrams(best))):
            explained = len(bigrams) - coverage * size < UNEXPLAINED
            second = None if explained else _second(index, bigrams, best, scored[1:])
            return _found(index, best, round(coverage, 3), "similarity", candidates,
                          precision < 0.8, copyright_line, text, second)
    if modified:
        return Detection(spdx=NOASSERTION, confidence=0.0, method="modified",
                         candidates=candidates or _named(text), copyright=copyright_line,
                         modified=modified)
    title = _title(text, len(tokens))
    if title is not None:
        return Detection(spdx=title[0], confidence=0.9, method="title", candidates=candidates,
                         licences=(title[0],), version_basis=title[1],
                         copyright=copyright_line)
    # A text resembling a licence is read as a notice only if it holds a standard header (a
    # preamble above the MPL-2.0 header shares a few words with some licence text), and not
    # if it is most of a licence text, whose appendix may hold that header.
    looks_like_text = bool(scored) and scored[0][1] >= MIN_CANDIDATE
    shared = scored[0][1] * index.sizes[scored[0][3]] if looks_like_text else 0.0
    if len(tokens) <= NOTICE_MAX_WORDS and shared < HEADER_MAX_SHARED:
        notice = _notice(text, copyright_line, headers_only=looks_like_text)
        if notice.method in ("notice", "reference"):
            return notice
    return Detection(spdx=NOASSERTION, confidence=round(scored[0][1], 3) if scored else 0.0,
                     method="none", candidates=candidates, copyright=copyright_line)


@functools.lru_cache(maxsize=256)
def _says_modified_entry(entry: int) -> bool:
    index = load_index()
    words: dict[int, str] = {}
    for word, word_id in index.vocab.items():  # canonical spellings come first
        words.setdefault(word_id, word)
    return notices.modification(" ".join(words[i] for i in index.entries[entry].tokens)) is not None


def _says_modified(index: LicenceIndex, entry: int) -> bool:
    """The reference text itself is a published modification (CPAL-1.0, Pixar's "Modified
    Apache 2.0 License"): a text saying it is modified may be that licence."""
    return index is load_index() and _says_modified_entry(entry)


#: Words of licence names that do not name anyone ("Mozilla Public License 2.0" -> mozilla).
_GENERIC = frozenset({"license", "licence", "public", "general", "version", "v", "the", "and",
                      "or", "of", "agreement", "free", "software", "open", "source", "only",
                      "later", "lesser", "library", "affero", "common", "attribution", "with"})


@functools.lru_cache(maxsize=256)
def _reference_words(entry: int) -> tuple[str, ...]:
    index = load_index()
    words: dict[int, str] = {}
    for word, word_id in index.vocab.items():  # canonical spellings come first
        words.setdefault(word_id, word)
    return tuple(words[i] for i in index.entries[entry].tokens)


def _renamed(index: LicenceIndex, entry: int, tokens: list[str]) -> str | None:
    """A licence text under another name: the reference names itself ("the Mozilla Public
    License") several times, the file never does, and where the reference has its name the
    file has one the reference never uses ("the Foo Public License"). Returns that name."""
    if index is not load_index():
        return None
    spdx_id = index.entries[entry].spdx
    name = str(index.licences.get(spdx_id, {}).get("name", ""))
    own = {w for w in _NAME_WORD.findall(name.lower()) if w not in _GENERIC}
    ref = _reference_words(entry)
    if not own or any(ref.count(w) < 2 for w in own) or own & set(tokens):
        return None
    pairs = {(ref[i + 1], ref[i + 2]) for i, w in enumerate(ref[:-2]) if w in own}

    def before(words: t.Sequence[str]) -> dict[tuple[str, str], set[str]]:
        found: dict[tuple[str, str], set[str]] = {}
        for i in range(1, len(words) - 1):
            pair = (words[i], words[i + 1])
            if pair in pairs:
                found.setdefault(pair, set()).add(words[i - 1])
        return found

    theirs = before(ref)
    for pair, names in before(tokens).items():
        new = sorted(names - theirs.get(pair, set()) - _GENERIC)
        if new:
            return " ".join((new[0], *pair))
    return None


def _published_modification(
        index: LicenceIndex, bigrams: frozenset[int], scored: list[tuple[float, float, float, int]],
) -> list[tuple[float, float, float, int]]:
    """A text that says it is modified is the published modification among its close matches
    (Pixar, not the Apache-2.0 it differs from by a few words) when it holds that
    modification's own wording, not only its title: wrk's "Modified Apache 2.0 License" is
    Apache-2.0 with a clause of its own, not Pixar's."""
    leader = index.bigrams(scored[0][3])
    for item in scored[:6]:
        if item[1] < ACCEPT or not _says_modified(index, item[3]):
            continue
        own = index.bigrams(item[3]) - leader if item is not scored[0] else frozenset()
        if not own or len(own & bigrams) / len(own) >= 0.5:
            return [item] + [s for s in scored if s is not item]
    return scored


def _named(text: str) -> tuple[Candidate, ...]:
    """The licences a short text names (what a modified licence says it comes from)."""
    head = text[:notices.MODIFICATION_HEAD]
    found = dict.fromkeys(notices.resolve(m)[0] for m in notices.mentions(head, need_keyword=False))
    return tuple(Candidate(spdx_id, 0.0) for spdx_id in list(found)[:3])


def _altered(index: LicenceIndex, ids: array, ref: frozenset[int]) -> bool:
    """Words inserted *inside* the licence's own span: a modified licence (an added restriction),
    unlike a preamble or a second licence, which stand before or after it. The span runs from
    the first to the last few percent of the matched bigrams (licences share common phrases), and
    inserted runs naming a copyright holder (lines that re-wrapping joined) do not count."""
    raw = ids.tobytes()
    even, odd = array("I"), array("I")
    even.frombytes(raw[:len(raw) // 4 * 4])
    odd.frombytes(raw[2:2 + (len(raw) - 2) // 4 * 4])
    flags: list[bool] = [False] * (len(even) + len(odd))
    flags[0::2] = map(ref.__contains__, even)
    flags[1::2] = map(ref.__contains__, odd)
    matched = list(compress(range(len(flags)), flags))
    if not matched:
        return False
    trim = int(len(matched) * SPAN_TRIM)
    first, last = matched[trim], matched[-1 - trim]
    span = flags[first:last + 1]
    inserted = span.count(False)
    limit = max(ALTERED_MIN, ALTERED_SHARE * len(span))
    if inserted <= limit:
        return False
    holder = index.vocab.get("copyright")
    position = first
    for flag, run in groupby(span):
        size = len(list(run))
        if not flag and holder in ids[position:position + size + 1]:
            inserted -= size
        position += size
    return inserted > limit


def _candidates(index: LicenceIndex,
                scored: list[tuple[float, float, float, int]]) -> tuple[Candidate, ...]:
    seen: dict[str, float] = {}
    for _, coverage, dice, entry in scored:
        spdx_id = index.entries[entry].spdx
        if spdx_id not in seen and max(coverage, dice) >= MIN_CANDIDATE:
            seen[spdx_id] = round(max(coverage, dice), 3)
    return tuple(Candidate(k, v) for k, v in list(seen.items())[:3])


def _second(index: LicenceIndex, bigrams: frozenset[int], best: int,
            others: list[tuple[float, float, float, int]]) -> int | None:
    """A second, different licence in the same file: its own bigrams must be there too."""
    first = index.bigrams(best)
    first_id = index.entries[best].spdx
    for _, coverage, _, entry in others:
        if coverage < ACCEPT or index.entries[entry].spdx == first_id:
            continue
        own = index.bigrams(entry) - first
        if len(own) >= SECOND_MIN_BIGRAMS and len(own & bigrams) / len(own) >= ACCEPT:
            return entry
    return None


def _found(index: LicenceIndex, entry: int, confidence: float, method: str,
           candidates: tuple[Candidate, ...], extra: bool, copyright_line: bool, text: str,
           second: int | None = None) -> Detection:
    chosen = [entry] if second is None else [entry, second]
    ids = [index.entries[e].spdx for e in chosen]
    families = {_gnu_family(i): i for i in ids}
    for outer, inner in INCORPORATES.items():  # LGPL text + GPL text = the LGPL
        if outer in families and inner in families and len(ids) == 2:
            ids = [families[outer]]
    basis = None
    resolved = []
    for spdx_id in ids:
        family = _gnu_family(spdx_id)
        if family:
            later = notices.later_clause(notices.preamble_before_gnu_title(text), family)
            basis = "notice" if later is not None else "text"
            spdx_id = f"{family}-or-later" if later else f"{family}-only"
        resolved.append(spdx_id)
    expression = resolved[0] if len(resolved) == 1 else _join(resolved, text)
    equivalents = tuple(i for i in index.entries[entry].ids if i not in resolved)
    return Detection(spdx=expression, confidence=confidence, method=method,
                     candidates=candidates, licences=tuple(resolved), equivalents=equivalents,
                     version_basis=basis, extra_text=extra or len(resolved) > 1,
                     copyright=copyright_line)


def _join(ids: list[str], text: str) -> str:
    """Two licences in one file: a choice stated up front ("dual licensed", "au choix") is OR,
    otherwise AND. Only the head is read: licence bodies say "either" and "at your option"."""
    choice = notices.states_choice(text[:CHOICE_HEAD])
    return f" {'OR' if choice else 'AND'} ".join(sorted(set(ids)))


def _title(text: str, length: int) -> tuple[str, str | None] | None:
    """A long text we hold no copy of (e.g. the French EUPL) whose title names one licence."""
    if length < 400:
        return None
    head = "\n".join(text.strip().splitlines()[:4])
    found = {notices.resolve(m) for m in notices.mentions(head, need_keyword=False)}
    if len(found) == 1:
        spdx_id, basis = next(iter(found))
        if basis == "unstated":  # a whole GNU text: the SPDX convention for texts applies
            return f"{spdx_id}-only", "text"
        return spdx_id, basis
    return None


def _one_version_basis(found: set[tuple[str, str | None]]) -> set[tuple[str, str | None]]:
    """One GNU licence named twice ("## AGPL-3.0" over "the default license is
    AGPL-3.0-or-later") is one licence: "or later" said anywhere wins, as in
    :func:`notices.later_clause`, and a suffix the text wrote wins over the SPDX convention."""
    by_family: dict[str, list[tuple[str, str | None]]] = {}
    for spdx_id, basis in found:
        family = _gnu_family(spdx_id)
        if family:
            by_family.setdefault(family, []).append((spdx_id, basis))
    for named in by_family.values():
        if len(named) < 2:
            continue
        later = [n for n in named if n[0].endswith("-or-later")]
        written = [n for n in named if n[1] == "notice"]
        keep = (later or written or named)[0]
        found = (found - set(named)) | {keep}
    return found


def _notice(text: str, copyright_line: bool, *, headers_only: bool = False) -> Detection:
    """A standard licence header (the notice each licence asks to put in files), else the
    licences a short text names, else the files it points to."""
    header = notices.standard_header(text)
    if header is not None:
        return Detection(spdx=header[0], confidence=HEADER_CONFIDENCE, method="notice",
                         licences=(header[0],), version_basis=header[1],
                         copyright=copyright_line)
    if headers_only:
        return Detection(spdx=NOASSERTION, confidence=0.0, method="none",
                         copyright=copyright_line)
    found = {notices.resolve(m) for m in notices.mentions(text)}
    found = {f for f in found if f[0] != "LicenseRef-proprietary"} or found
    found = _one_version_basis(found)
    if found:
        ids = sorted({spdx for spdx, _ in found})
        bases = [b for _, b in found if b]
        expression = ids[0] if len(ids) == 1 else _join(ids, text)
        return Detection(spdx=expression, confidence=NOTICE_CONFIDENCE if len(ids) == 1 else 0.7,
                         method="notice", licences=tuple(ids),
                         version_basis=bases[0] if bases else None, copyright=copyright_line)
    refs = tuple(notices.references(text))
    if refs:
        return Detection(spdx=NOASSERTION, confidence=0.0, method="reference",
                         references=refs, copyright=copyright_line,
                         choice=len(refs) > 1 and notices.states_choice(text))
    return Detection(spdx=NOASSERTION, confidence=0.0, method="none", copyright=copyright_line)
