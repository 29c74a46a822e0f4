"""What a build holds in memory: nothing lost to the C library, nothing left to the collector."""

from __future__ import annotations

import ctypes
import gc

from portal.load import load
from portal.markdown import cmark_html
from tests.conftest import BASE, write_tree


def _c_heap_in_use() -> int:
    """Bytes the C library's allocator has handed out and not had back (glibc's mallinfo2)."""

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                     "keepcost")]

    mallinfo2 = ctypes.CDLL(None).mallinfo2
    mallinfo2.restype = MallInfo2
    info = mallinfo2()
    return info.uordblks + info.hblkhd


def test_rendering_markdown_gives_back_what_cmark_allocated():
    # cmarkgfm's own wrapper keeps each parsed tree and rendered HTML: about 14 KB a body, which
    # a worker rendering 200,000 bodies, or a dev server open all day, never gets back.
    body = "## Mục tiêu\n\n- **Một** [liên kết](https://example.org)\n\n| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n" \
        + "Văn bản có dấu. " * 60
    for i in range(50):           # the allocator's own first growth
        cmark_html(body + str(i))
    before = _c_heap_in_use()
    for i in range(2000):
        cmark_html(body + str(i))
    assert _c_heap_in_use() - before < 1_000_000   # leaking, it grows by some 20 MB


def test_loading_leaves_no_garbage_for_the_collector(tmp_path):
    # The build loads with the collector off and then freezes what is in memory (pipeline.build):
    # anything loading left in a reference cycle would be kept for the rest of the build.
    content = write_tree(tmp_path / "content", BASE)
    gc.collect()
    gc.disable()
    try:
        loaded = load(content)
        assert loaded.records["task"]
        assert gc.collect() == 0
    finally:
        gc.enable()
