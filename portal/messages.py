"""Every message an editor can get about content, in English and Vietnamese: the one place
they are worded.

Each entry has a key, the English and Vietnamese templates (str.format syntax, the same
placeholders in both), and for the editors' guides what it means and how to fix it, in both
languages, with example values. Code raises `ContentError(path, line, key, **params)` and
never writes a message itself; the guides' error tables are generated from this registry
(`python build.py docs`), and tests/test_docs.py fails when they are out of date.

A parameter may itself be language-dependent: a `Phrase` (a fragment from FRAGMENTS, such as
what YAML read a value as) or a `Local` (text given in both languages, such as a kind's
title in the schema). Both are rendered in the message's language before formatting.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

LANGUAGES = ("en", "vi")
DEFAULT_LANGUAGE = "en"
_current = [DEFAULT_LANGUAGE]


def language() -> str:
    """The language `str(error)` uses: English unless the command line chose --lang vi."""
    return _current[0]


def set_language(lang: str) -> str:
    """Choose the language of `str(error)`; returns the previous one."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    previous, _current[0] = _current[0], lang
    return previous


@dataclass(frozen=True)
class Phrase:
    """A fragment of a message, from FRAGMENTS, rendered in the message's language."""
    key: str
    params: tuple = ()

    def __post_init__(self):
        if self.key not in FRAGMENTS:
            raise KeyError(f"no fragment {self.key!r} in portal/messages.py")


def phrase(key: str, **params) -> Phrase:
    return Phrase(key, tuple(sorted(params.items())))


@dataclass(frozen=True)
class Local:
    """Text the caller has in both languages (e.g. a kind's title in the schema)."""
    vi: str
    en: str


@dataclass(frozen=True)
class Message:
    key: str
    group: str          # section of the guides' table, a key of GROUPS
    en: str             # template, English (the default output)
    vi: str             # template, Vietnamese
    means_en: str       # for the guides (Markdown)
    means_vi: str
    fix_en: str
    fix_vi: str
    example: dict       # parameters of the example shown in the guides
    severity: str = "error"   # "warning": reported by `check`, does not stop a build

    def template(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


def _resolve(value, lang: str):
    if isinstance(value, Phrase):
        return render_fragment(value, lang)
    if isinstance(value, Local):
        return value.vi if lang == "vi" else value.en
    return value


def render(key: str, lang: str, params: dict) -> str:
    """The message `key` in `lang` with `params` filled in (KeyError for an unknown key)."""
    entry = MESSAGES[key]
    return entry.template(lang).format(**{k: _resolve(v, lang) for k, v in params.items()})


def render_fragment(fragment: Phrase, lang: str) -> str:
    vi, en = FRAGMENTS[fragment.key]
    return (vi if lang == "vi" else en).format(**{k: _resolve(v, lang) for k, v in fragment.params})


def placeholders(template: str) -> set[str]:
    return {name.split("!")[0].split(".")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


GROUPS = {
    "files": ("Tệp và thư mục", "Files and folders"),
    "yaml": ("Phần trường thông tin (giữa hai dòng `---`)", "The fields block (between the two `---` lines)"),
    "values": ("Giá trị của trường", "Field values"),
    "records": ("Bản ghi, bản dịch và tham chiếu", "Records, translations and references"),
    "scores": ("Bảng điểm (`content/data/`)", "Score tables (`content/data/`)"),
    "check": ("Cảnh báo của lệnh `check`", "Warnings from `check`"),
}

# Fragments of messages: (Vietnamese, English).
FRAGMENTS = {
    # what YAML read a value as ("expected text, but …")
    "describe.bool": ("YAML hiểu giá trị này là {value} (yes/no/on/off được hiểu là true/false)",
                      "YAML reads this as {value} (yes/no/on/off are true/false)"),
    "describe.datetime": ("YAML hiểu đây là ngày và giờ", "YAML reads this as a date and time"),
    "describe.date": ("YAML hiểu đây là một ngày", "YAML reads this as a date"),
    "describe.number": ("YAML hiểu đây là số {value}", "YAML reads this as the number {value}"),
    "describe.list": ("đây là một danh sách", "this is a list"),
    "describe.group": ("đây là một nhóm trường", "this is a group of fields"),
    "describe.empty": ("giá trị đang để trống", "it is empty"),
    # hints after an unknown name
    "hint.did-you-mean": ("có phải là '{name}'?", "did you mean '{name}'?"),
    "hint.allowed-fields": ("các trường được dùng: {names}", "allowed fields: {names}"),
    "hint.see-folder": ("xem các mã trong content/{folder}/", "see content/{folder}/ for the ids"),
    # what a reference names
    "noun.pillar": ("bộ chỉ số hoặc chỉ số nội dung", "index or pillar"),
    "noun.province": ("tỉnh, thành phố (từ 1/7/2025)", "province (since 1 July 2025)"),
    "noun.former_province": ("tỉnh, thành phố cũ (trước 1/7/2025)", "former province (before 1 July 2025)"),
    "noun.commune": ("xã, phường", "commune"),
    "noun.agency": ("cơ quan", "agency"),
    "noun.plan": ("kế hoạch", "plan"),
    "noun.task": ("nhiệm vụ", "task"),
    "noun.update": ("lần cập nhật", "update"),
    "noun.page": ("trang", "page"),
}

_FALSE = phrase("describe.bool", value="false")
_FOLDERS = "agencies, communes, data, former-provinces, pages, pillars, plans, provinces, tasks, updates"
_REGISTRY: list[Message] = []


def _m(key, group, en, vi, means, fix, example=None, severity="error"):
    _REGISTRY.append(Message(key, group, en, vi, means[0], means[1], fix[0], fix[1], example or {}, severity))


# ---------------------------------------------------------------- files and folders

_m("file.symlink", "files",
   "file: is a symbolic link; copy the real file into content/",
   "file: là một liên kết tượng trưng (symbolic link); hãy chép tệp thật vào content/",
   ("A symbolic link to a file or folder elsewhere", "Liên kết tượng trưng (symlink) tới một tệp hoặc thư mục ở nơi khác"),
   ("Copy the real file into `content/`", "Chép tệp thật vào `content/`"))
_m("file.unknown-folder", "files",
   "file: not in a known folder; put it in one of: {folders}",
   "file: không nằm trong thư mục nội dung nào; hãy chuyển vào một trong các thư mục: {folders}",
   ("The file is outside the content folders", "Tệp nằm ngoài các thư mục nội dung"),
   ("Move it into one of the folders listed", "Chuyển tệp vào một thư mục được liệt kê"),
   {"folders": _FOLDERS})
_m("file.not-markdown", "files",
   "file: only Markdown files (.md) belong here; move or delete it",
   "file: ở đây chỉ được để tệp Markdown (.md); hãy chuyển đi hoặc xóa tệp này",
   ("A file that is not `.md` (an image, a `.docx` …)", "Tệp không phải `.md` (ảnh, `.docx`…)"),
   ("Move or delete it; keep source documents elsewhere and link them in `source_url`",
    "Chuyển đi hoặc xóa; văn bản gốc để ở nơi khác và ghi đường dẫn vào `source_url`"))
_m("file.unknown-language", "files",
   "file: unknown language '.{suffix}'; name translations x.en.md",
   "file: không rõ ngôn ngữ '.{suffix}'; bản dịch tiếng Anh đặt tên là x.en.md",
   ("The name ends in a language code other than `.en`", "Tên tệp có đuôi ngôn ngữ khác `.en`"),
   ("Name the English translation of `x.md` `x.en.md`", "Bản dịch tiếng Anh của `x.md` đặt tên là `x.en.md`"),
   {"suffix": "fr"})
_m("file.no-letters", "files",
   "file: the file or folder name has no letters or digits; rename it, e.g. ke-hoach.md",
   "file: tên tệp hoặc thư mục không có chữ cái hay chữ số nào; hãy đổi tên, ví dụ ke-hoach.md",
   ("A record's id is made from its file name, and this name gives none",
    "Mã của bản ghi lấy từ tên tệp, mà tên này không tạo được mã"),
   ("Rename it with letters, digits and hyphens", "Đổi tên bằng chữ, số và dấu gạch ngang"))
_m("file.same-id", "files",
   "file: has the same id '{id}' as {other}; rename one of them",
   "file: trùng mã '{id}' với tệp {other}; hãy đổi tên một trong hai tệp",
   ("Two files with the same name, diacritics and capitals aside (`Đồng Tháp.md` and `dong-thap.md`)",
    "Hai tệp trùng tên khi bỏ dấu và chữ hoa (`Đồng Tháp.md` và `dong-thap.md`)"),
   ("Rename one, or merge them", "Đổi tên một tệp, hoặc gộp hai tệp làm một"),
   {"id": "dong-thap", "other": "content/provinces/dong-thap.md"})
_m("file.no-original", "files",
   "file: translation without a Vietnamese original; create {original} first",
   "file: bản dịch chưa có bản gốc tiếng Việt; hãy tạo tệp {original} trước",
   ("An `.en.md` file with no `.md` file beside it", "Có tệp `.en.md` mà không có tệp `.md` cùng tên bên cạnh"),
   ("Create the Vietnamese file, or correct the translation's name",
    "Tạo tệp tiếng Việt, hoặc sửa tên bản dịch cho khớp"),
   {"original": "content/agencies/so-y-te.md"})
_m("file.not-utf8", "files",
   "file: not valid UTF-8 text; save the file as UTF-8",
   "file: không phải văn bản UTF-8; hãy lưu lại tệp với bảng mã UTF-8",
   ("The file was saved in another encoding", "Tệp được lưu bằng bảng mã khác"),
   ("Save it as UTF-8 (in the editor's \"Save as\" or \"Encoding\" menu)",
    "Lưu lại dạng UTF-8 (trong mục \"Save as\" hoặc \"Encoding\" của trình soạn thảo)"))
_m("control-character", "files",
   "{field}: contains a control character (such as NUL); delete it",
   "{field}: có ký tự điều khiển (như NUL); hãy xóa ký tự đó",
   ("An invisible control character, often pasted from another program (also when written as an escape such as `\\u0000`)",
    "Ký tự điều khiển không nhìn thấy, thường do dán từ phần mềm khác (kể cả khi viết dạng `\\u0000`)"),
   ("Delete it; if you cannot see it, retype the line", "Xóa ký tự đó; nếu không thấy thì gõ lại cả dòng"),
   {"field": "file"})
_m("content.not-found", "files",
   "content folder not found; pass --content DIR",
   "không tìm thấy thư mục nội dung; hãy chỉ rõ bằng --content THƯ-MỤC",
   ("The command was run where there is no `content/` folder", "Lệnh được chạy ở nơi không có thư mục `content/`"),
   ("Run it in the project folder, or give `--content`", "Chạy lệnh trong thư mục dự án, hoặc ghi rõ `--content`"))

# ---------------------------------------------------------------- the fields block (YAML)

_m("frontmatter.no-start", "yaml",
   "frontmatter: the file must start with a line '---', then the fields, then '---'",
   "frontmatter: tệp phải bắt đầu bằng dòng '---', tiếp theo là các trường, rồi một dòng '---'",
   ("The first line of the file is not `---`", "Dòng đầu tiên của tệp không phải `---`"),
   ("Put a line `---` before the first field and one after the last", "Thêm dòng `---` trước trường đầu tiên và sau trường cuối cùng"))
_m("frontmatter.no-end", "yaml",
   "frontmatter: no closing '---' line; end the fields with a line '---'",
   "frontmatter: thiếu dòng '---' kết thúc; hãy kết thúc phần trường bằng một dòng '---'",
   ("The fields block is never closed", "Phần trường thông tin chưa được đóng lại"),
   ("Add a line `---` after the last field, before the text", "Thêm dòng `---` sau trường cuối cùng, trước phần nội dung"))
_m("yaml.invalid", "yaml",
   "{field}: invalid YAML ({problem}); check quotes, colons and indentation",
   "{field}: YAML không hợp lệ ({problem}); hãy kiểm tra dấu ngoặc kép, dấu hai chấm và thụt lề",
   ("Broken syntax: a quote or bracket not closed, a stray colon, a wrong indentation (the line given is where it starts)",
    "Sai cú pháp: dấu ngoặc kép hoặc ngoặc vuông chưa đóng, thừa dấu hai chấm, thụt lề sai (dòng được chỉ ra là nơi lỗi bắt đầu)"),
   ("Close the quote or bracket on that line, e.g. `title: \"Kế hoạch 2024\"`, `lead: [so-noi-vu]`",
    "Đóng ngoặc kép hoặc ngoặc vuông trên dòng đó, ví dụ `title: \"Kế hoạch 2024\"`, `lead: [so-noi-vu]`"),
   {"field": "frontmatter", "problem": "while scanning a quoted scalar, found unexpected end of stream"})
_m("yaml.quotes", "yaml",
   "{field}: invalid YAML ({problem}); if the value contains a colon ':' or quotes, put the whole value in "
   "double quotes and write \\\" for a quote inside",
   "{field}: YAML không hợp lệ ({problem}); nếu giá trị có dấu hai chấm ':' hoặc dấu ngoặc kép, hãy đặt cả giá trị "
   "trong ngoặc kép và viết \\\" cho mỗi dấu ngoặc kép bên trong",
   ("A value on that line has a colon or quotes in it, e.g. `title: Kế hoạch \"Dân vận khéo\": 2024`",
    "Giá trị trên dòng đó có dấu hai chấm hoặc dấu ngoặc kép, ví dụ `title: Kế hoạch \"Dân vận khéo\": 2024`"),
   ("Write `title: \"Kế hoạch \\\"Dân vận khéo\\\": 2024\"`",
    "Viết `title: \"Kế hoạch \\\"Dân vận khéo\\\": 2024\"`"),
   {"field": "frontmatter", "problem": "while parsing a block mapping, did not find expected key"})
_m("yaml.indent", "yaml",
   "{field}: invalid YAML ({problem}); this line is indented: start each field at the beginning of the line",
   "{field}: YAML không hợp lệ ({problem}); dòng này bị thụt lề: mỗi trường phải bắt đầu ở đầu dòng",
   ("A field starts with spaces, so YAML reads it as part of the line above",
    "Trường bắt đầu bằng dấu cách nên YAML hiểu nó là phần tiếp của dòng trên"),
   ("Delete the spaces before the field name", "Xóa các dấu cách trước tên trường"),
   {"field": "frontmatter", "problem": "mapping values are not allowed in this context"})
_m("frontmatter.not-fields", "yaml",
   "{field}: expected fields as 'name: value' lines",
   "{field}: các trường phải viết thành từng dòng 'tên: giá trị'",
   ("The fields block is a list or a single value, not `name: value` lines",
    "Phần trường thông tin là một danh sách hoặc một giá trị, không phải các dòng `tên: giá trị`"),
   ("Write one field per line, `name: value`", "Mỗi dòng một trường, dạng `tên: giá trị`"),
   {"field": "frontmatter"})
_m("yaml.tag", "yaml",
   "{field}: the YAML tag {tag!r} is not allowed; write plain text, numbers, lists or dates",
   "{field}: không được dùng thẻ YAML {tag!r}; chỉ viết văn bản, số, danh sách hoặc ngày",
   ("A value starts with `!` or `!!` (a YAML tag)", "Giá trị bắt đầu bằng `!` hoặc `!!` (thẻ YAML)"),
   ("Put the value in double quotes, or remove the tag", "Đặt giá trị trong ngoặc kép, hoặc bỏ thẻ đó"),
   {"field": "title", "tag": "tag:yaml.org,2002:python/object/apply:os.system"})
_m("yaml.key-not-text", "yaml",
   "{field}: a key must be plain text",
   "{field}: tên trường phải là văn bản thường",
   ("A field name is a list or a group (`[a]: x`, `? …`)", "Tên trường là một danh sách hoặc một nhóm (`[a]: x`, `? …`)"),
   ("Write the field name as plain text before the colon", "Viết tên trường bằng chữ thường trước dấu hai chấm"),
   {"field": "frontmatter"})
_m("yaml.construct", "yaml",
   "{field}: {problem}",
   "{field}: YAML không đọc được ({problem})",
   ("YAML that the portal cannot read", "YAML mà cổng thông tin không đọc được"),
   ("Write plain values: text, numbers, dates, lists", "Chỉ viết giá trị đơn giản: văn bản, số, ngày, danh sách"),
   {"field": "frontmatter", "problem": "found unhashable key"})
_m("field.twice", "yaml",
   "{field}: given twice (also on line {other}); keep only one",
   "{field}: được ghi hai lần (cả ở dòng {other}); chỉ giữ một dòng",
   ("A field is written twice", "Một trường được ghi hai lần"),
   ("Delete one of the two lines", "Xóa một trong hai dòng"),
   {"field": "order", "other": 9})
_m("date.not-real", "yaml",
   "{field}: {value!r} is not a real date; write it as YYYY-MM-DD, e.g. 2024-05-16",
   "{field}: {value!r} không phải ngày có thật; hãy viết dạng YYYY-MM-DD, ví dụ 2024-05-16",
   ("A date that does not exist, such as 30 February, or month and day swapped",
    "Ngày không có thật, như 30/2, hoặc viết nhầm chỗ tháng và ngày"),
   ("Correct the date: year-month-day", "Sửa lại ngày theo thứ tự năm-tháng-ngày"),
   {"field": "deadline", "value": "2015-02-30"})

# ---------------------------------------------------------------- field values

_m("field.unknown", "values",
   "{field}: unknown field for {kind}; {hint}",
   "{field}: không phải trường của {kind}; {hint}",
   ("A misspelt field name, or a field this kind of record does not have",
    "Tên trường viết sai, hoặc loại bản ghi này không có trường đó"),
   ("Correct the name (see the field reference below)", "Sửa tên trường (xem bảng tham chiếu các trường bên dưới)"),
   {"field": "titel", "kind": Local("nhiệm vụ", "tasks"), "hint": phrase("hint.did-you-mean", name="title")})
_m("field.missing", "values",
   "{field}: missing; add a line '{field}: ...' (e.g. {field}: {example})",
   "{field}: còn thiếu; hãy thêm dòng '{field}: ...' (ví dụ {field}: {example})",
   ("A required field is missing", "Thiếu một trường bắt buộc"),
   ("Add the line, with the value from the source", "Thêm dòng đó, với giá trị lấy từ văn bản nguồn"),
   {"field": "title", "example": "Công khai danh sách hộ nghèo, hộ cận nghèo"})
_m("value.todo", "values",
   "{field}: still says {value!r}; replace it with the real value",
   "{field}: vẫn còn ghi {value!r}; hãy thay bằng giá trị thật",
   ("A value written by `build.py new` was not filled in", "Giá trị do lệnh `build.py new` tạo ra chưa được điền"),
   ("Replace the whole `TODO: …` text with the real value", "Thay cả đoạn `TODO: …` bằng thông tin thật"),
   {"field": "title", "value": "TODO: Công khai danh sách hộ nghèo, hộ cận nghèo"})
_m("body.todo", "values",
   "body: still a TODO placeholder; write the text",
   "body: phần nội dung vẫn là chỗ trống TODO; hãy viết nội dung",
   ("The text after the fields still starts with `TODO`", "Phần nội dung sau các trường vẫn bắt đầu bằng `TODO`"),
   ("Write the text from the source", "Viết nội dung theo văn bản nguồn"))
_m("text.empty", "values",
   "{field}: is empty; write a value or remove the line",
   "{field}: đang để trống; hãy ghi giá trị hoặc xóa dòng này",
   ("A field with nothing after the colon", "Trường không có gì sau dấu hai chấm"),
   ("Write the value, or delete the line if the field is optional", "Ghi giá trị, hoặc xóa dòng nếu trường không bắt buộc"),
   {"field": "signer"})
_m("text.not-text", "values",
   "{field}: expected text, but {describe}; put the value in quotes",
   "{field}: cần một đoạn văn bản, nhưng {describe}; hãy đặt giá trị trong ngoặc kép",
   ("`yes`, `no`, `on`, `off` are read as true/false, a bare date as a date, `1.10` as the number 1.1",
    "`yes`, `no`, `on`, `off` bị hiểu là đúng/sai, ngày viết trần là ngày, `1.10` là số 1,1"),
   ("Put the value in double quotes: `section: \"1.10\"`", "Đặt giá trị trong ngoặc kép: `section: \"1.10\"`"),
   {"field": "section", "describe": _FALSE})
_m("text.multiline", "values",
   "{field}: must be a single line",
   "{field}: chỉ được viết trên một dòng",
   ("A one-line field runs over several lines", "Trường một dòng lại viết thành nhiều dòng"),
   ("Join the lines into one", "Nối các dòng thành một"),
   {"field": "title"})
_m("date.time", "values",
   "{field}: has a time of day; write only the date as YYYY-MM-DD",
   "{field}: có cả giờ; chỉ ghi ngày dạng YYYY-MM-DD",
   ("A date with a time, e.g. `2024-05-16 08:00`", "Ngày kèm giờ, ví dụ `2024-05-16 08:00`"),
   ("Delete the time", "Xóa phần giờ"),
   {"field": "date"})
_m("date.invalid", "values",
   "{field}: {describe} is not a date; write it as YYYY-MM-DD, e.g. 2024-05-16",
   "{field}: {describe} không phải là ngày; hãy viết dạng YYYY-MM-DD, ví dụ 2024-05-16",
   ("A date in another format, e.g. `16/5/2024`", "Ngày viết theo kiểu khác, ví dụ `16/5/2024`"),
   ("Write `2024-05-16`, without quotes", "Viết `2024-05-16`, không có ngoặc kép"),
   {"field": "date_issued", "describe": "'16/5/2024'"})
_m("deadline.invalid", "values",
   "{field}: {describe!r} is not a deadline; write a date (YYYY-MM-DD), 'ongoing' (thường xuyên) or 'none' (not stated)",
   "{field}: {describe!r} không phải thời hạn; hãy ghi một ngày (YYYY-MM-DD), 'ongoing' (thường xuyên) "
   "hoặc 'none' (văn bản không nêu)",
   ("A deadline in another format, or in words", "Thời hạn viết theo kiểu khác, hoặc bằng chữ"),
   ("Write `2024-12-31`, `ongoing` or `none`; keep the plan's wording in `deadline_text`",
    "Ghi `2024-12-31`, `ongoing` hoặc `none`; lời văn của kế hoạch ghi vào `deadline_text`"),
   {"field": "deadline", "describe": "31/12/2015"})
_m("list.expected", "values",
   "{field}: expected a list (lines starting with '- '), but {describe}",
   "{field}: cần một danh sách (các dòng bắt đầu bằng '- '), nhưng {describe}",
   ("A list field holds a single value", "Trường danh sách lại chỉ có một giá trị"),
   ("Write each item on its own line starting with `- `", "Ghi mỗi mục trên một dòng, bắt đầu bằng `- `"),
   {"field": "objectives", "describe": "'Mục tiêu một'"})
_m("year.expected", "values",
   "{field}: expected a year such as 2024, but {describe}",
   "{field}: cần một năm như 2024, nhưng {describe}",
   ("Not a four-digit year", "Không phải năm gồm 4 chữ số"),
   ("Write the year alone, e.g. `2024`", "Chỉ ghi năm, ví dụ `2024`"),
   {"field": "period_from", "describe": "'2024-2025'"})
_m("bool.expected", "values",
   "{field}: expected true or false, but {describe}",
   "{field}: cần true hoặc false, nhưng {describe}",
   ("A yes/no field holds something else", "Trường có/không lại ghi giá trị khác"),
   ("Write `true` or `false`", "Ghi `true` hoặc `false`"),
   {"field": "source_complete", "describe": "'có'"})
_m("number.expected", "values",
   "{field}: expected a number, but {describe}",
   "{field}: cần một số, nhưng {describe}",
   ("A number field holds text", "Trường số lại ghi chữ"),
   ("Write the number alone, with a dot for decimals: `5.43`", "Chỉ ghi số, dùng dấu chấm cho phần thập phân: `5.43`"),
   {"field": "order", "describe": "'một'"})
_m("percent.expected", "values",
   "{field}: expected a whole number from 0 to 100, but {describe}",
   "{field}: cần một số nguyên từ 0 đến 100, nhưng {describe}",
   ("A percentage that is not a whole number from 0 to 100", "Tỷ lệ phần trăm không phải số nguyên từ 0 đến 100"),
   ("Write the figure the source states, e.g. `60`; leave `percent` out when it states none",
    "Ghi con số nguồn nêu, ví dụ `60`; nguồn không nêu thì bỏ trường `percent`"),
   {"field": "percent", "describe": phrase("describe.number", value=140)})
_m("percent.sign", "values",
   "{field}: expected a whole number from 0 to 100, but {describe}; write {number} without the % sign",
   "{field}: cần một số nguyên từ 0 đến 100, nhưng {describe}; hãy viết {number}, không có dấu %",
   ("A percentage written with the `%` sign", "Tỷ lệ phần trăm viết kèm dấu `%`"),
   ("Write the number alone: `percent: 60`", "Chỉ ghi số: `percent: 60`"),
   {"field": "percent", "describe": "'60%'", "number": 60})
_m("url.invalid", "values",
   "{field}: {url!r} is not a web address; write a full address starting with https://",
   "{field}: {url!r} không phải địa chỉ trang web; hãy ghi đầy đủ địa chỉ, bắt đầu bằng https://",
   ("An address without `https://`, or not a web address at all", "Địa chỉ thiếu `https://`, hoặc không phải địa chỉ web"),
   ("Copy the whole address from the browser's address bar", "Chép nguyên địa chỉ từ thanh địa chỉ của trình duyệt"),
   {"field": "source_url", "url": "javascript:alert(1)"})
_m("slug.outside", "values",
   "{field}: {slug!r} would write outside site/; use lowercase letters, digits and hyphens only",
   "{field}: {slug!r} sẽ ghi ra ngoài thư mục site/; chỉ dùng chữ thường, số và dấu gạch ngang",
   ("A `slug` contains `/`, `\\` or `..`", "`slug` có chứa `/`, `\\` hoặc `..`"),
   ("Use lowercase letters, digits and hyphens", "Chỉ dùng chữ thường, số và dấu gạch ngang"),
   {"field": "slug", "slug": "../../etc"})
_m("slug.invalid", "values",
   "{field}: {slug!r} is not a valid slug; use lowercase letters, digits and hyphens only, e.g. {suggestion!r}",
   "{field}: {slug!r} không phải slug hợp lệ; chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ {suggestion!r}",
   ("A `slug` with capitals, diacritics or spaces", "`slug` có chữ hoa, chữ có dấu hoặc dấu cách"),
   ("Use the suggested form", "Dùng dạng được gợi ý"),
   {"field": "slug", "slug": "Công Khai", "suggestion": "cong-khai"})
_m("refs.expected", "values",
   "{field}: expected a list of ids, e.g. [a, b], but {describe}",
   "{field}: cần một danh sách mã, ví dụ [a, b], nhưng {describe}",
   ("A list of ids holds something else, e.g. a number", "Danh sách mã lại ghi thứ khác, ví dụ một số"),
   ("Write `[id]` or `[id-1, id-2]`; a single id may also be written alone", "Ghi `[mã]` hoặc `[mã-1, mã-2]`; một mã cũng có thể ghi không cần ngoặc"),
   {"field": "lead", "describe": phrase("describe.number", value=5)})
_m("refs.empty", "values",
   "{field}: needs at least one id",
   "{field}: cần ít nhất một mã",
   ("A required list is empty: `[]`", "Danh sách bắt buộc đang trống: `[]`"),
   ("Write at least one id in the brackets", "Ghi ít nhất một mã trong ngoặc"),
   {"field": "lead"})
_m("refs.twice", "values",
   "{field}: {ref!r} is listed twice; list it once",
   "{field}: {ref!r} được ghi hai lần; chỉ ghi một lần",
   ("The same id appears twice in one list", "Một mã xuất hiện hai lần trong cùng danh sách"),
   ("Delete one", "Xóa một lần ghi"),
   {"field": "partners", "ref": "ubnd-cap-huyen"})
_m("choice.invalid", "values",
   "{field}: {describe!r} is not allowed; use one of: {options}",
   "{field}: không dùng được giá trị {describe!r}; hãy dùng một trong: {options}",
   ("The value is not one of the allowed words (they are English)", "Giá trị không thuộc các từ được dùng (các từ này bằng tiếng Anh)"),
   ("Write one of the words listed", "Ghi một trong các từ được liệt kê"),
   {"field": "level", "describe": "tỉnh", "options": "province, district, commune"})
_m("targets.expected", "values",
   "{field}: expected a list of targets, but {describe}",
   "{field}: cần một danh sách chỉ tiêu, nhưng {describe}",
   ("`targets` is not a list", "`targets` không phải danh sách"),
   ("Write each target as `- {pillar: papi-1, year: 2025, value: 5.4}`",
    "Ghi mỗi chỉ tiêu thành `- {pillar: papi-1, year: 2025, value: 5.4}`"),
   {"field": "targets", "describe": "'PAPI tăng'"})
_m("target.not-group", "values",
   "{field}: expected 'pillar', 'year' and 'value', but {describe}",
   "{field}: cần 'pillar', 'year' và 'value', nhưng {describe}",
   ("A target is a single value instead of its fields", "Một chỉ tiêu chỉ có một giá trị, thiếu các trường của nó"),
   ("Write `{pillar: papi-1, year: 2025, value: 5.4}`", "Ghi `{pillar: papi-1, year: 2025, value: 5.4}`"),
   {"field": "targets[0]", "describe": "'papi-1'"})
_m("target.unknown-key", "values",
   "{field}: unknown field; use pillar, year, value, baseline_year, baseline",
   "{field}: không có trường này; hãy dùng pillar, year, value, baseline_year, baseline",
   ("A target has a field it does not know", "Chỉ tiêu có một trường không được dùng"),
   ("Correct the field name", "Sửa tên trường"),
   {"field": "targets[0].nam"})
_m("target.missing", "values",
   "{field}: missing '{key}'",
   "{field}: thiếu '{key}'",
   ("A target lacks its index, year or value", "Chỉ tiêu thiếu chỉ số, năm hoặc giá trị"),
   ("Add the field", "Thêm trường đó"),
   {"field": "targets[0]", "key": "year"})
_m("target.baseline", "values",
   "{field}: give both 'baseline' and 'baseline_year', or neither",
   "{field}: ghi cả 'baseline' và 'baseline_year', hoặc không ghi cả hai",
   ("A baseline without its year, or the other way round", "Có giá trị gốc mà thiếu năm gốc, hoặc ngược lại"),
   ("Add the missing one, or remove both", "Thêm trường còn thiếu, hoặc bỏ cả hai"),
   {"field": "targets[0]"})

# ---------------------------------------------------------------- records, translations, references

_m("field.not-translated", "records",
   "{field}: is not translated; set it once, in {original}, and remove it here",
   "{field}: trường này không dịch; chỉ ghi một lần, trong {original}, và xóa ở đây",
   ("A field that is not translated sits in an `.en.md` file", "Trường không dịch lại nằm trong tệp `.en.md`"),
   ("Remove it from the translation", "Xóa trường đó khỏi bản dịch"),
   {"field": "deadline", "original": "content/tasks/dt-83-2014/01-cong-khai.md"})
_m("field.no-vietnamese", "records",
   "{field}: has no Vietnamese value; add '{field}' to {original} first",
   "{field}: chưa có giá trị tiếng Việt; hãy thêm '{field}' vào {original} trước",
   ("The translation has a field the Vietnamese file does not", "Bản dịch có một trường mà tệp tiếng Việt không có"),
   ("Add the field to the Vietnamese file, or remove it here", "Thêm trường vào tệp tiếng Việt, hoặc xóa ở bản dịch"),
   {"field": "deadline_text", "original": "content/tasks/dt-83-2014/01-cong-khai.md"})
_m("list.translation-length", "records",
   "{field}: has {count} items but the Vietnamese list has {expected}; translate each item once",
   "{field}: có {count} mục nhưng danh sách tiếng Việt có {expected} mục; hãy dịch mỗi mục đúng một lần",
   ("A translated list does not match the Vietnamese one", "Danh sách dịch không khớp với danh sách tiếng Việt"),
   ("Translate each item once, in the same order", "Dịch từng mục một lần, đúng thứ tự"),
   {"field": "objectives", "count": 2, "expected": 1})
_m("slug.taken", "records",
   "slug: '{slug}' is already the address of {other}; choose another",
   "slug: '{slug}' đã là địa chỉ của {other}; hãy chọn slug khác",
   ("Two records would have the same page address", "Hai bản ghi sẽ có cùng địa chỉ trang"),
   ("Change or remove one `slug`", "Đổi hoặc bỏ `slug` của một bản ghi"),
   {"slug": "dt-83-2014", "other": "content/plans/dt-83-2014.md"})
_m("ref.unknown", "records",
   "{field}: unknown {noun} '{ref}'; {hint}",
   "{field}: không có {noun} nào mang mã '{ref}'; {hint}",
   ("A reference to an id that does not exist (a misspelling, or a record not yet added)",
    "Tham chiếu tới một mã không tồn tại (viết sai, hoặc bản ghi chưa được tạo)"),
   ("Use the suggested id, or add the record first", "Sửa mã theo gợi ý, hoặc tạo bản ghi đó trước"),
   {"field": "plan", "noun": phrase("noun.plan"), "ref": "dt-84-2014",
    "hint": phrase("hint.did-you-mean", name="dt-83-2014")})
_m("ref.former-province", "records",
   "{field}: unknown {noun} '{ref}'; {hint}",
   "{field}: không có {noun} nào mang mã '{ref}'; {hint}",
   ("A plan issued before 1 July 2025 must name its former province (one of the 63)",
    "Kế hoạch ban hành trước 1/7/2025 phải ghi tỉnh cũ (một trong 63 tỉnh, thành phố)"),
   ("Use an id from `content/former-provinces/`", "Dùng mã trong `content/former-provinces/`"),
   {"field": "province", "noun": phrase("noun.former_province"), "ref": "an-giang",
    "hint": phrase("hint.did-you-mean", name="tien-giang")})
_m("parent.cycle", "records",
   "parent: '{parent}' leads back to '{id}'; parents must form a tree",
   "parent: '{parent}' dẫn ngược về '{id}'; quan hệ cha - con phải thành một cây",
   ("Two pillars are each other's parent (directly or further up)", "Hai chỉ số là cha của nhau (trực tiếp hoặc qua cấp trên)"),
   ("Correct `parent` so that each chain ends at an index", "Sửa `parent` để mỗi chuỗi kết thúc ở một bộ chỉ số"),
   {"parent": "b", "id": "a"})
_m("plan.commune-missing", "records",
   "level: a commune-level plan needs a 'commune: ...' line naming its commune or ward",
   "level: kế hoạch cấp xã cần dòng 'commune: ...' ghi xã, phường của kế hoạch",
   ("`level: commune` without `commune`", "Có `level: commune` mà thiếu `commune`"),
   ("Add `commune:` with an id from `content/communes/`", "Thêm `commune:` với mã trong `content/communes/`"))
_m("frameworks.dimension", "records",
   "frameworks: '{ref}' is a dimension, not an index; list the index it belongs to",
   "frameworks: '{ref}' là chỉ số nội dung, không phải bộ chỉ số; hãy ghi bộ chỉ số chứa nó",
   ("`frameworks` lists a dimension (`papi-2`) instead of an index (`papi`)",
    "`frameworks` ghi chỉ số nội dung (`papi-2`) thay vì bộ chỉ số (`papi`)"),
   ("List the index; dimensions belong in the tasks' `pillars`", "Ghi bộ chỉ số; chỉ số nội dung ghi ở trường `pillars` của nhiệm vụ"),
   {"ref": "papi-2"})
_m("task.other-plan", "records",
   "plan: '{plan}' is not the plan of the folder this file is in (tasks/{folder}/); "
   "move the file to tasks/{plan}/, or write plan: {folder}",
   "plan: '{plan}' không phải kế hoạch của thư mục chứa tệp này (tasks/{folder}/); "
   "hãy chuyển tệp sang tasks/{plan}/, hoặc ghi plan: {folder}",
   ("A task is filed in another plan's folder", "Nhiệm vụ nằm trong thư mục của kế hoạch khác"),
   ("Move the file, or correct `plan`", "Chuyển tệp, hoặc sửa `plan`"),
   {"plan": "dt-90-2014", "folder": "dt-83-2014"})
_m("update.other-plan", "records",
   "task: '{task}' is a task of plan {plan}, not of the folder this file is in (updates/{folder}/); "
   "move the file to updates/{plan}/",
   "task: '{task}' là nhiệm vụ của kế hoạch {plan}, không thuộc thư mục chứa tệp này (updates/{folder}/); "
   "hãy chuyển tệp sang updates/{plan}/",
   ("An update is filed in another plan's folder", "Lần cập nhật nằm trong thư mục của kế hoạch khác"),
   ("Move the file, or correct `task`", "Chuyển tệp, hoặc sửa `task`"),
   {"task": "dt-83-2014/01-cong-khai", "plan": "dt-83-2014", "folder": "dt-90-2014"})
_m("update.before-plan", "records",
   "date: {date} is before the plan was issued ({issued}); check the date",
   "date: {date} sớm hơn ngày ban hành kế hoạch ({issued}); hãy kiểm tra lại ngày",
   ("An update dated before its plan existed", "Lần cập nhật có ngày trước khi kế hoạch được ban hành"),
   ("Correct the date (or the plan's `date_issued`)", "Sửa ngày (hoặc `date_issued` của kế hoạch)"),
   {"date": "2013-01-01", "issued": "2014-06-11"})

# ---------------------------------------------------------------- score tables

_m("score.header", "scores",
   "columns: the header must be {place},{year}, then one column per dimension named by its pillar id, e.g. papi-1, each once",
   "columns: dòng tiêu đề phải là {place},{year}, rồi mỗi chỉ số nội dung một cột mang mã của nó, ví dụ papi-1, mỗi cột một lần",
   ("The first line of the CSV file is not the expected header", "Dòng đầu của tệp CSV không đúng dòng tiêu đề"),
   ("Write `province,year,papi-1,papi-2,…` on the first line", "Ghi `province,year,papi-1,papi-2,…` ở dòng đầu"),
   {"place": "province", "year": "year"})
_m("score.columns-unknown", "scores",
   "columns: {columns} not found in content/pillars/; add the dimension records first",
   "columns: không thấy {columns} trong content/pillars/; hãy tạo các chỉ số nội dung đó trước",
   ("A column is named after a pillar that does not exist", "Một cột mang mã chỉ số chưa có"),
   ("Add the pillar, or correct the column name", "Tạo chỉ số đó, hoặc sửa tên cột"),
   {"columns": "papi-9"})
_m("score.columns-indices", "scores",
   "columns: the dimensions belong to {roots}; one file per index",
   "columns: các cột thuộc nhiều bộ chỉ số ({roots}); mỗi bộ chỉ số một tệp",
   ("One table mixes the dimensions of several indices", "Một bảng trộn chỉ số nội dung của nhiều bộ chỉ số"),
   ("Split it into one file per index", "Tách thành mỗi bộ chỉ số một tệp"),
   {"roots": "papi, sipas"})
_m("score.columns-foreign", "scores",
   "columns: {columns} not a dimension of {index}; one file per index",
   "columns: {columns} không phải chỉ số nội dung của {index}; mỗi bộ chỉ số một tệp",
   ("A column belongs to another index than the declared one", "Một cột thuộc bộ chỉ số khác với bộ đã khai báo"),
   ("Move the column to its index's table", "Chuyển cột sang bảng của bộ chỉ số đó"),
   {"columns": "sipas-1", "index": "papi"})
_m("score.no-era", "scores",
   "eras: {columns} in no era; add each column to the eras it was measured in",
   "eras: {columns} không thuộc giai đoạn nào; hãy thêm mỗi cột vào các giai đoạn có đo chỉ số đó",
   ("A column of the table is in none of the declaration's eras", "Một cột của bảng không có trong giai đoạn nào của tệp khai báo"),
   ("List it in the `dimensions` of the eras it was measured in", "Ghi cột đó vào `dimensions` của các giai đoạn có đo"),
   {"columns": "papi-8"})
_m("score.province", "scores",
   "province: unknown former province '{province}'; use an id from content/former-provinces/",
   "province: không có tỉnh cũ nào mang mã '{province}'; hãy dùng mã trong content/former-provinces/",
   ("Scores are by the 63 former provinces; this id is not one", "Điểm được ghi theo 63 tỉnh cũ; mã này không thuộc số đó"),
   ("Use an id from `content/former-provinces/`", "Dùng mã trong `content/former-provinces/`"),
   {"province": "atlantis"})
_m("year.not-a-year", "scores",
   "{field}: {value!r} is not a year",
   "{field}: {value!r} không phải là năm",
   ("A year cell or an era's `from` is not a year", "Ô năm hoặc `from` của giai đoạn không phải là năm"),
   ("Write the year, e.g. `2024`", "Ghi năm, ví dụ `2024`"),
   {"field": "year", "value": "2024a"})
_m("score.duplicate", "scores",
   "year: {province} {year} is already on line {other}",
   "year: {province} năm {year} đã có ở dòng {other}",
   ("Two rows for the same province and year", "Hai dòng cho cùng một tỉnh và năm"),
   ("Delete one of them", "Xóa một dòng"),
   {"province": "dong-thap", "year": 2014, "other": 2})
_m("score.before-era", "scores",
   "year: {year} is before the first era ({first}) in {declaration}; add an era or fix the year",
   "year: năm {year} sớm hơn giai đoạn đầu tiên ({first}) trong {declaration}; hãy thêm giai đoạn hoặc sửa năm",
   ("A row is older than every era of the declaration", "Một dòng có năm sớm hơn mọi giai đoạn trong tệp khai báo"),
   ("Add an era from that year, or correct the year", "Thêm giai đoạn từ năm đó, hoặc sửa năm"),
   {"year": 2009, "first": 2011, "declaration": "content/data/papi-scores.yaml"})
_m("score.not-number", "scores",
   "{field}: {value!r} is not a number; write it like 5.43, or leave it blank if unpublished",
   "{field}: {value!r} không phải là số; hãy viết như 5.43, hoặc để trống nếu chưa công bố",
   ("A score cell holds text", "Ô điểm có chữ"),
   ("Write the number, or leave the cell empty (never 0 for a missing score)", "Ghi số, hoặc để trống ô (không ghi 0 cho điểm còn thiếu)"),
   {"field": "papi-2", "value": "x"})
_m("score.scale", "scores",
   "{field}: {value} is outside the {scale} scale",
   "{field}: {value} nằm ngoài thang điểm {scale}",
   ("A score is below or above the index's scale", "Điểm thấp hơn hoặc cao hơn thang điểm của bộ chỉ số"),
   ("Correct the number (a decimal point is a dot: `5.43`)", "Sửa con số (phần thập phân dùng dấu chấm: `5.43`)"),
   {"field": "papi-1", "value": 11.0, "scale": "1-10"})
_m("score.unmeasured", "scores",
   "{field}: a score in {year}, but {field} is not measured in the era from {first} ({declaration}); leave it blank",
   "{field}: có điểm năm {year}, nhưng {field} không được đo trong giai đoạn từ {first} ({declaration}); hãy để trống",
   ("A score for a dimension that was not measured that year", "Có điểm của chỉ số nội dung không được đo năm đó"),
   ("Leave the cell empty, or correct the eras", "Để trống ô đó, hoặc sửa các giai đoạn"),
   {"field": "papi-7", "year": 2016, "first": 2011, "declaration": "content/data/papi-scores.yaml"})
_m("data.unknown-file", "scores",
   "file: unknown data file; the data folder holds score tables (name.csv) and their declarations (name.yaml)",
   "file: tệp dữ liệu không rõ loại; thư mục data chỉ chứa bảng điểm (tên.csv) và tệp khai báo của chúng (tên.yaml)",
   ("A file in `content/data/` that is neither `.csv` nor `.yaml`", "Tệp trong `content/data/` không phải `.csv` hay `.yaml`"),
   ("Move or delete it", "Chuyển đi hoặc xóa"))
_m("data.no-table", "scores",
   "file: declares a table that is not there; add {stem}.csv beside it",
   "file: khai báo một bảng không có; hãy thêm tệp {stem}.csv bên cạnh",
   ("A declaration `x.yaml` without its table `x.csv`", "Có tệp khai báo `x.yaml` mà không có bảng `x.csv`"),
   ("Add the table, or delete the declaration", "Thêm bảng, hoặc xóa tệp khai báo"),
   {"stem": "papi-scores"})
_m("data.two-tables", "scores",
   "file: {index} already has a score table, {other}; keep one file per index",
   "file: {index} đã có bảng điểm {other}; mỗi bộ chỉ số chỉ giữ một tệp",
   ("Two tables for the same index", "Hai bảng cho cùng một bộ chỉ số"),
   ("Merge them into one file", "Gộp thành một tệp"),
   {"index": "papi", "other": "content/data/papi-scores.csv"})
_m("decl.unknown-field", "scores",
   "{field}: unknown field for score declarations; use {fields}",
   "{field}: tệp khai báo bảng điểm không có trường này; hãy dùng {fields}",
   ("A misspelt field in a declaration `x.yaml`", "Tên trường viết sai trong tệp khai báo `x.yaml`"),
   ("Correct the name", "Sửa tên trường"),
   {"field": "scales", "fields": "index, scale, total, official_total, eras, source, source_url"})
_m("decl.index-unknown", "scores",
   "index: {value!r} is not in content/pillars/; name the index by its pillar id, e.g. papi",
   "index: {value!r} không có trong content/pillars/; hãy ghi mã của bộ chỉ số, ví dụ papi",
   ("The declared index does not exist", "Bộ chỉ số được khai báo không tồn tại"),
   ("Use the id of an index in `content/pillars/`", "Dùng mã của một bộ chỉ số trong `content/pillars/`"),
   {"value": "PAPI"})
_m("decl.index-dimension", "scores",
   "index: '{index}' is a dimension of '{root}'; name the index itself",
   "index: '{index}' là chỉ số nội dung của '{root}'; hãy ghi chính bộ chỉ số",
   ("The declared index is a dimension", "Khai báo `index` là một chỉ số nội dung"),
   ("Write the index's id", "Ghi mã của bộ chỉ số"),
   {"index": "papi-2", "root": "papi"})
_m("decl.scale", "scores",
   "scale: write the lowest and highest score of a dimension, e.g. [1, 10]",
   "scale: hãy ghi điểm thấp nhất và cao nhất của một chỉ số nội dung, ví dụ [1, 10]",
   ("`scale` is not two numbers, lowest first", "`scale` không phải hai số, số nhỏ trước"),
   ("Write `scale: [1, 10]`", "Ghi `scale: [1, 10]`"))
_m("decl.total", "scores",
   "total: write sum (the total is the sum of the era's dimensions) or none (the index has no total)",
   "total: hãy ghi sum (tổng là tổng điểm các chỉ số nội dung của giai đoạn) hoặc none (bộ chỉ số không có tổng)",
   ("`total` is not `sum` or `none`", "`total` không phải `sum` hay `none`"),
   ("Write `total: sum` or `total: none`", "Ghi `total: sum` hoặc `total: none`"))
_m("decl.official-total", "scores",
   "official_total: {value!r} is not a column of {table}",
   "official_total: {value!r} không phải một cột của {table}",
   ("The declared total column is not in the table", "Cột tổng được khai báo không có trong bảng"),
   ("Correct the column name", "Sửa tên cột"),
   {"value": "tong", "table": "content/data/papi-scores.csv"})
_m("decl.text", "scores",
   "{field}: write it as text",
   "{field}: hãy ghi bằng văn bản",
   ("`source` or `source_url` is empty or not text", "`source` hoặc `source_url` trống hoặc không phải văn bản"),
   ("Write the text, in quotes if needed", "Ghi nội dung, trong ngoặc kép nếu cần"),
   {"field": "source"})
_m("decl.url", "scores",
   "{field}: must start with https:// or http://",
   "{field}: phải bắt đầu bằng https:// hoặc http://",
   ("`source_url` is not a web address", "`source_url` không phải địa chỉ web"),
   ("Copy the whole address", "Chép nguyên địa chỉ"),
   {"field": "source_url"})
_m("decl.eras", "scores",
   "eras: write a list of eras, each with from: YEAR and dimensions: [pillar ids]",
   "eras: hãy ghi danh sách giai đoạn, mỗi giai đoạn có from: NĂM và dimensions: [mã các chỉ số]",
   ("`eras` is not a list", "`eras` không phải danh sách"),
   ("Write one `- from: … dimensions: […]` per era", "Mỗi giai đoạn ghi một mục `- from: … dimensions: […]`"))
_m("decl.era-fields", "scores",
   "{field}: an era has exactly two fields: from (a year) and dimensions (a list of pillar ids)",
   "{field}: mỗi giai đoạn có đúng hai trường: from (một năm) và dimensions (danh sách mã chỉ số)",
   ("An era has other fields, or lacks one", "Một giai đoạn có trường khác, hoặc thiếu trường"),
   ("Keep exactly `from` and `dimensions`", "Chỉ giữ `from` và `dimensions`"),
   {"field": "eras[1]"})
_m("decl.era-order", "scores",
   "{field}: {year} is not after the previous era ({previous}); list eras oldest first",
   "{field}: năm {year} không sau giai đoạn trước ({previous}); hãy ghi các giai đoạn từ cũ đến mới",
   ("Eras are not in order of their years", "Các giai đoạn không theo thứ tự năm"),
   ("List the oldest era first", "Ghi giai đoạn cũ nhất trước"),
   {"field": "eras[1].from", "year": 2011, "previous": 2018})
_m("decl.era-dimensions", "scores",
   "{field}: write a list of pillar ids, e.g. [papi-1, papi-2]",
   "{field}: hãy ghi danh sách mã chỉ số, ví dụ [papi-1, papi-2]",
   ("An era's `dimensions` is not a list of ids", "`dimensions` của giai đoạn không phải danh sách mã"),
   ("Write `dimensions: [papi-1, papi-2]`", "Ghi `dimensions: [papi-1, papi-2]`"),
   {"field": "eras[0].dimensions"})
_m("decl.era-unknown", "scores",
   "{field}: {columns} not a column of {table}",
   "{field}: {columns} không phải cột của {table}",
   ("An era lists a dimension the table has no column for", "Giai đoạn ghi một chỉ số nội dung mà bảng không có cột"),
   ("Add the column, or remove it from the era", "Thêm cột, hoặc bỏ khỏi giai đoạn"),
   {"field": "eras[0].dimensions", "columns": "papi-9", "table": "content/data/papi-scores.csv"})
_m("decl.era-first-year", "scores",
   "{field}: {dimension} is measured only from {first} (its first_year in content/pillars/); list it in an era from {first} on",
   "{field}: {dimension} chỉ được đo từ năm {first} (first_year trong content/pillars/); hãy ghi nó vào giai đoạn từ {first} trở đi",
   ("An era lists a dimension before it existed", "Giai đoạn ghi một chỉ số nội dung từ trước khi nó có"),
   ("Move it to a later era (or correct `first_year`)", "Chuyển sang giai đoạn sau (hoặc sửa `first_year`)"),
   {"field": "eras[0].dimensions", "dimension": "papi-7", "first": 2018})

# ---------------------------------------------------------------- warnings from check

_m("update.after-as-of", "check",
   "date: {date} is dated after the as-of date ({as_of}); it is not counted until then",
   "date: {date} là ngày sau ngày tính tình trạng ({as_of}); lần cập nhật này chưa được tính cho tới ngày đó",
   ("An update dated after the date statuses are computed for (`--as-of`, by default today): "
    "it does not change the task's status yet",
    "Lần cập nhật có ngày sau ngày tính tình trạng (`--as-of`, mặc định là hôm nay): "
    "nó chưa làm thay đổi tình trạng của nhiệm vụ"),
   ("Nothing, if the date is right; otherwise correct it", "Không cần làm gì nếu ngày đúng; nếu sai thì sửa ngày"),
   {"date": "2027-01-15", "as_of": "2026-12-02"}, severity="warning")

MESSAGES: dict[str, Message] = {m.key: m for m in _REGISTRY}
assert len(MESSAGES) == len(_REGISTRY), "a message key is used twice"

# Command-line lines around the errors.
SUMMARY = {
    "en": "{n} problem{s} found; nothing was written.",
    "vi": "Có {n} lỗi; chưa ghi tệp nào.",
}


def summary(n: int, lang: str) -> str:
    return SUMMARY[lang].format(n=n, s="s" if n != 1 else "")
