"""Editing a written search index in place (portal/searchedit.py) gives the bytes of a
clean build of the edited documents, or declines."""

import random
from dataclasses import replace

from portal.search import PAIR, SearchDoc, build_index, build_index_with_state, doc_terms
from portal.searchedit import edit_index
from tests.test_search import FACETS, doc, postings

WORDS = ("quản trị công khai minh bạch trách nhiệm giải trình kiểm soát tham nhũng thủ tục hành chính "
         "dịch vụ công điện tử môi trường sự tham gia người dân cấp cơ sở").split()


def corpus(count: int, seed: int = 1) -> list[SearchDoc]:
    rng = random.Random(seed)
    return [doc(f"Nhiệm vụ {n} {rng.choice(WORDS)}", " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 40))),
                province=rng.choice(("ca-mau", "dong-thap")), status="completed" if n % 3 else "no-progress")
            for n in range(count)]


def apply(files: dict, out: dict) -> dict:
    files = dict(files)
    for name, data in out.items():
        if data is None:
            del files[name]
        else:
            files[name] = data
    return files


def edit_and_compare(docs: list[SearchDoc], rounds: list[dict[int, str | dict]]) -> int:
    """Edit texts (or the fields given) round after round, each on the last round's files;
    returns the edits done in place."""
    files, state = build_index_with_state(docs, FACETS)
    in_place = 0
    for texts in rounds:
        edits = []
        for n, change in texts.items():
            edits.append((docs[n], replace(docs[n], **(change if isinstance(change, dict) else {"text": change}))))
            docs[n] = edits[-1][1]
        result = edit_index(state, files.__getitem__, edits)
        if result is None:
            files, state = build_index_with_state(docs, FACETS)
            continue
        state, out = result
        files = apply(files, out)
        assert files == build_index(docs, FACETS)
        in_place += 1
    return in_place


def test_edits_of_small_lists_and_post_files_match_a_clean_build():
    docs = corpus(3000)
    rounds = [{5: "quản trị điện tử hoàn toàn mới, từ ngữ chưa từng có: xyzzy"},
              {5: docs[5].text, 17: "", 2999: "minh bạch " * 30},
              {0: "tham nhũng", 1: "tham nhũng", 2: "tham nhũng kiểm soát"}]
    assert edit_and_compare(docs, rounds) == 3


def test_a_word_in_every_document_is_a_bitmap_edited_bit_by_bit():
    docs = [doc(f"Nhiệm vụ {n}", "công khai minh bạch") for n in range(2000)]
    assert edit_and_compare(docs, [{7: "bí mật"}, {7: "công khai"}, {8: "công khai minh bạch"}]) == 3


def test_pairs_left_out_for_their_size_stay_out_or_the_edit_declines():
    docs = [doc(f"Nhiệm vụ {n}", "công khai minh bạch " + ("thủ tục" if n % 2 else "")) for n in range(34000)]
    files, state = build_index_with_state(docs, FACETS)
    assert not any(PAIR + "cong khai" in n for n in files)
    # Their documents are counted even after they stopped being listed.
    assert state.dropped[PAIR + "cong khai"] == 34000 and state.dropped[PAIR + "bach thu"] == 17000
    # Removing a frequent pair from documents, then adding it back: it stays out.
    assert edit_and_compare(docs, [{3: "minh bạch"}, {n: "minh bạch" for n in range(4, 40)},
                                   {3: "công khai minh bạch"}]) == 3


def test_titles_hidden_phrases_and_agencies_are_edited_too():
    docs = corpus(500)
    rounds = [{3: {"title": "Sở Nội vụ công bố"}},
              {4: {"hidden": ("Đồng Tháp", "ĐồngTháp"), "agencies": ("Sở Tư pháp",)}, 5: {"title": "", "text": ""}}]
    assert edit_and_compare(docs, rounds) == 2


def test_an_edit_declines_when_a_facet_or_the_address_changed():
    docs = corpus(50)
    files, state = build_index_with_state(docs, FACETS)
    for change in ({"status": "no-progress" if docs[1].status == "completed" else "completed"},
                   {"province": "ca-mau" if docs[1].province != "ca-mau" else "dong-thap"}, {"year": 2030},
                   {"pillars": ("papi",)}, {"note": "former"}):
        assert edit_index(state, files.__getitem__, [(docs[1], replace(docs[1], **change))]) is None, change
    assert edit_index(state, files.__getitem__, [(replace(docs[1], url="x/"), replace(docs[1], url="x/", text="a"))]) is None


def test_post_numbers_that_collide_get_the_next_free_one_and_the_index_is_not_edited(monkeypatch):
    """Every list hashed to one number: each still gets a file of its own, every term finds its
    documents, and an edit in place declines (the probing depends on the order of lists)."""
    monkeypatch.setattr("portal.search.post_number", lambda data: 5)
    docs = corpus(3000)
    files, state = build_index_with_state(docs, FACETS)
    assert state.collided and len([n for n in files if n.startswith("post/")]) > 3
    expected: dict = {}
    for d in docs:
        for term in doc_terms(d):
            expected.setdefault(term, set()).add(state.numbers[d.url])
    for term, numbers in expected.items():
        assert set(postings(files, term)) == numbers, term
    assert edit_index(state, files.__getitem__, [(docs[0], replace(docs[0], text="khác"))]) is None
