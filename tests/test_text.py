"""Vietnamese folding, slugs and alphabetical order."""

import unicodedata

import pytest

from portal.text import fold, slugify, vi_sort_key


@pytest.mark.parametrize("text, folded", [
    ("Đồng Tháp", "dong thap"),
    ("Quản trị điện tử", "quan tri dien tu"),
    ("Cà Mau", "ca mau"),
    ("ĐẮK LẮK", "dak lak"),
    (unicodedata.normalize("NFD", "Đồng Tháp"), "dong thap"),
])
def test_fold(text, folded):
    assert fold(text) == folded


def test_slugify_is_ascii_idempotent_and_form_independent():
    for name in ["Đồng Tháp", "Bà Rịa - Vũng Tàu", "Thừa Thiên Huế", "Hoà Bình", "Hòa Bình"]:
        slug = slugify(name)
        assert slug.isascii() and slug == slugify(slug)
        assert slugify(unicodedata.normalize("NFD", name)) == slug
    assert slugify("Hoà Bình") == slugify("Hòa Bình") == "hoa-binh"


def test_vietnamese_order_not_code_point_order():
    names = ["Đà Nẵng", "Bình Định", "Bạc Liêu", "Bắc Giang", "Cà Mau", "Yên Bái", "An Giang", "Hà Giang", "Hải Dương"]
    assert sorted(names, key=vi_sort_key) == [
        "An Giang", "Bạc Liêu", "Bắc Giang", "Bình Định", "Cà Mau", "Đà Nẵng", "Hà Giang", "Hải Dương", "Yên Bái"]
    # tones only break ties: a < à < ả < ã < á < ạ
    assert sorted(["ạ", "á", "ã", "ả", "à", "a"], key=vi_sort_key) == ["a", "à", "ả", "ã", "á", "ạ"]
