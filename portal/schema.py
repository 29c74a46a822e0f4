"""The content schema: every kind of record, every field, its type and its meaning.

The loader validates against these definitions and docs/content-model.md is generated
from them (`python build.py docs`), so the guide and the validator cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

# Field types understood by portal.load.
TEXT = "text"                # one line of text (Markdown not interpreted)
LONG_TEXT = "long-text"      # text that may run over several lines
TEXT_LIST = "text-list"      # a list of text items
DATE = "date"                # YYYY-MM-DD
YEAR = "year"                # a four-digit year
BOOL = "bool"                # true / false
NUMBER = "number"            # integer or decimal
PERCENT = "percent"          # whole number 0-100
URL = "url"                  # http(s) address
DEADLINE = "deadline"        # a date, `ongoing` or `none`
PLAN_NUMBER = "plan-number"  # a document number such as 117/KH-UBND, or `unknown`
SLUG = "slug"                # lowercase ASCII letters, digits and hyphens
TARGETS = "targets"          # list of {pillar, year, value[, baseline_year, baseline]}


def ref(kind: str) -> str:
    return f"ref:{kind}"


def ref_list(kind: str) -> str:
    return f"refs:{kind}"


def choice(*values: str) -> str:
    return "choice:" + "|".join(values)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    required: bool
    translatable: bool
    doc_vi: str
    doc_en: str
    example: str


@dataclass(frozen=True)
class KindSpec:
    kind: str            # record kind, also the folder under content/
    folder: str
    title_vi: str
    title_en: str
    doc_vi: str
    doc_en: str
    fields: tuple[FieldSpec, ...]
    has_body: bool
    body_vi: str = ""
    body_en: str = ""

    def field(self, name: str) -> FieldSpec | None:
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None

    @property
    def translatable(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.translatable)


def F(name, type_, required, translatable, doc_vi, doc_en, example):
    return FieldSpec(name, type_, required, translatable, doc_vi, doc_en, example)


SLUG_FIELD = F(
    "slug", SLUG, False, False,
    "Đường dẫn (URL) thay cho tên tệp; chỉ chữ thường không dấu, số và dấu gạch ngang.",
    "URL slug used instead of the file name; lowercase ASCII letters, digits and hyphens only.",
    "ca-mau-117-2024",
)

STATUSES = ("not-started", "in-progress", "completed", "delayed", "cancelled")
LEVELS = ("province", "district", "commune")

KINDS: dict[str, KindSpec] = {}


def _kind(spec: KindSpec) -> None:
    KINDS[spec.kind] = spec


_kind(KindSpec(
    "pillar", "pillars", "Chỉ số và chỉ số nội dung", "Indices and pillars",
    "Một bộ chỉ số (PAPI, PAR INDEX, SIPAS) hoặc một chỉ số nội dung / nội dung thành phần của nó. "
    "Bộ chỉ số không có `parent`; chỉ số nội dung có `parent` là bộ chỉ số, nội dung thành phần có `parent` là chỉ số nội dung.",
    "An index (PAPI, PAR INDEX, SIPAS) or one of its dimensions / sub-dimensions. An index has no "
    "`parent`; a dimension's parent is its index; a sub-dimension's parent is its dimension.",
    (
        F("name", TEXT, True, True, "Tên đầy đủ.", "Full name.", "Tham gia của người dân ở cấp cơ sở"),
        F("short_name", TEXT, False, True, "Tên ngắn, dùng trong bảng và biểu đồ.",
          "Short name for tables and charts.", "Tham gia"),
        F("code", TEXT, False, False, "Mã số theo bộ chỉ số, ví dụ 1 hoặc 2.2; bộ chỉ số dùng tên viết tắt.",
          "Code within the index, e.g. 1 or 2.2; an index uses its acronym.", "2.2"),
        F("parent", ref("pillar"), False, False, "Chỉ số cha (mã tệp).", "Parent record (its file id).", "papi-2"),
        F("publisher", TEXT, False, True, "Cơ quan, tổ chức công bố bộ chỉ số.", "Who publishes the index.",
          "UNDP, CECODES, RTA, VFF-CRT"),
        F("url", URL, False, False, "Trang chính thức.", "Official website.", "https://papi.org.vn"),
        F("first_year", YEAR, False, False, "Năm đầu tiên có chỉ số này.", "First year the index or dimension was measured.", "2018"),
        F("order", NUMBER, False, False, "Thứ tự hiển thị giữa các bản ghi cùng cấp.", "Display order among siblings.", "1"),
        SLUG_FIELD,
    ),
    True, "Mô tả chỉ số (Markdown).", "Description (Markdown).",
))

_kind(KindSpec(
    "province", "provinces", "Tỉnh, thành phố (từ 1/7/2025)", "Provinces and cities (since 1 July 2025)",
    "Một trong 34 đơn vị hành chính cấp tỉnh từ ngày 1/7/2025 (Nghị quyết 202/2025/QH15).",
    "One of the 34 provincial-level units since 1 July 2025 (Resolution 202/2025/QH15).",
    (
        F("name", TEXT, True, True, "Tên.", "Name.", "Đồng Tháp"),
        F("type", choice("province", "city"), True, False, "`province` (tỉnh) hoặc `city` (thành phố trực thuộc trung ương).",
          "`province` or `city` (centrally governed city).", "province"),
        F("gso_code", TEXT, False, False, "Mã đơn vị hành chính của Tổng cục Thống kê.", "Statistical code.", "82"),
        SLUG_FIELD,
    ),
    True, "Ghi chú (Markdown).", "Notes (Markdown).",
))

_kind(KindSpec(
    "former_province", "former-provinces", "Tỉnh, thành phố (trước 1/7/2025)", "Provinces and cities (before 1 July 2025)",
    "Một trong 63 tỉnh, thành phố trước ngày 1/7/2025, với đơn vị kế thừa.",
    "One of the 63 provinces and cities before 1 July 2025, with the unit it became part of.",
    (
        F("name", TEXT, True, True, "Tên.", "Name.", "Tiền Giang"),
        F("type", choice("province", "city"), True, False, "`province` hoặc `city`.", "`province` or `city`.", "province"),
        F("successor", ref("province"), True, False, "Đơn vị cấp tỉnh mà tỉnh này thuộc về từ ngày 1/7/2025.",
          "The unit this province belongs to since 1 July 2025.", "dong-thap"),
        F("region", TEXT, False, True, "Vùng kinh tế - xã hội.", "Socio-economic region.", "Đồng bằng sông Cửu Long"),
        F("papi_id", NUMBER, False, False, "Mã tỉnh trong dữ liệu điểm PAPI.", "Province id in the PAPI score data.", "52"),
        SLUG_FIELD,
    ),
    True, "Ghi chú (Markdown).", "Notes (Markdown).",
))

_kind(KindSpec(
    "commune", "communes", "Xã, phường", "Communes and wards",
    "Một xã, phường, thị trấn khi có kế hoạch cấp xã. Trước 1/7/2025 thuộc một tỉnh cũ (ghi `until`), sau đó thuộc một đơn vị mới.",
    "A commune, ward or township that has a plan of its own. One that existed only before 1 July 2025 "
    "sets `until` and belongs to a former province.",
    (
        F("name", TEXT, True, True, "Tên.", "Name.", "Phường Bạch Sam"),
        F("type", choice("commune", "ward", "township"), True, False,
          "`commune` (xã), `ward` (phường) hoặc `township` (thị trấn).", "`commune`, `ward` or `township`.", "ward"),
        F("province", ref("province"), True, False,
          "Tỉnh (tỉnh cũ nếu có `until` trước 1/7/2025).", "Province (a former province when `until` is before 1 July 2025).",
          "hung-yen"),
        F("district", TEXT, False, True, "Huyện, thị xã (trước 1/7/2025).", "District or town (before 1 July 2025).",
          "thị xã Mỹ Hào"),
        F("until", DATE, False, False, "Ngày cuối cùng đơn vị tồn tại.", "Last day the unit existed.", "2025-06-30"),
        F("successor", ref("commune"), False, False, "Đơn vị mới mà xã, phường này nhập vào.", "The unit it became part of.",
          "thuong-hong"),
        SLUG_FIELD,
    ),
    True, "Ghi chú (Markdown).", "Notes (Markdown).",
))

_kind(KindSpec(
    "agency", "agencies", "Cơ quan", "Agencies",
    "Một loại cơ quan được giao nhiệm vụ (ví dụ Sở Nội vụ), dùng chung cho mọi tỉnh. Tên tiếng Anh của mỗi cơ quan chỉ ghi một lần, ở đây.",
    "A kind of agency tasks are assigned to (e.g. the Department of Home Affairs), shared by all "
    "provinces. Each agency's English name is kept once, here.",
    (
        F("name", TEXT, True, True, "Tên như trong kế hoạch.", "Name.", "Sở Tài nguyên và Môi trường"),
        F("level", choice("central", "province", "district", "commune", "other"), True, False,
          "Cấp: `central`, `province`, `district`, `commune` hoặc `other`.", "Level of government.", "province"),
        F("successor", ref("agency"), False, False, "Cơ quan kế thừa sau sắp xếp.", "Successor after reorganisation.",
          "so-nong-nghiep-va-moi-truong"),
        F("successor_since", DATE, False, False, "Ngày cơ quan kế thừa bắt đầu.", "Date the successor took over.", "2025-03-01"),
        F("ended", DATE, False, False, "Ngày cơ quan chấm dứt hoạt động (nếu không có kế thừa).",
          "Date the agency ceased to exist (when there is no successor).", "2025-07-01"),
        F("ended_note", TEXT, False, True, "Giải thích việc chấm dứt hoặc kế thừa.", "Explains the end or succession.",
          "Cấp huyện chấm dứt hoạt động từ 1/7/2025."),
        SLUG_FIELD,
    ),
    True, "Ghi chú (Markdown).", "Notes (Markdown).",
))

_kind(KindSpec(
    "plan", "plans", "Kế hoạch", "Plans",
    "Một kế hoạch do tỉnh, huyện hoặc xã ban hành.", "A plan issued by a province, district or commune.",
    (
        F("title", LONG_TEXT, True, True, "Tên đầy đủ của kế hoạch (viết thường như câu, sửa lỗi OCR).",
          "Full title.", "Kế hoạch cải thiện Chỉ số PAPI năm 2024 và những năm tiếp theo của tỉnh Cà Mau"),
        F("short_title", TEXT, True, True, "Tên ngắn cho danh sách.", "Short title for lists.", "Cải thiện PAPI 2024 – Cà Mau"),
        F("number", PLAN_NUMBER, True, False, "Số hiệu văn bản, hoặc `unknown` nếu văn bản nguồn không ghi.",
          "Document number, or `unknown` when the source does not give it.", "117/KH-UBND"),
        F("issuer", TEXT, True, True, "Cơ quan ban hành.", "Issuing body.", "Ủy ban nhân dân tỉnh Cà Mau"),
        F("level", choice(*LEVELS), True, False, "Cấp: `province`, `district` hoặc `commune`.", "Level: province, district or commune.",
          "province"),
        F("province", ref("province"), True, False,
          "Tỉnh tại ngày ban hành (tỉnh cũ nếu ban hành trước 1/7/2025).",
          "Province on the date of issue (a former province if issued before 1 July 2025).", "ca-mau"),
        F("commune", ref("commune"), False, False, "Xã, phường (kế hoạch cấp xã).", "Commune or ward (commune-level plans).",
          "bach-sam"),
        F("district", TEXT, False, True, "Huyện, thị xã (kế hoạch cấp huyện hoặc xã trước 1/7/2025).",
          "District or town (district or commune plans before 1 July 2025).", "thị xã Mỹ Hào"),
        F("date_issued", DATE, True, False, "Ngày ban hành.", "Date of issue.", "2024-05-16"),
        F("signer", TEXT, False, False, "Người ký (bỏ trống nếu văn bản nguồn không ghi).",
          "Signatory (leave out when the source does not name one).", "Nguyễn Đăng Bình"),
        F("signer_role", TEXT, False, True, "Chức vụ người ký.", "Signatory's role.", "Chủ tịch UBND tỉnh"),
        F("period_from", YEAR, True, False, "Năm bắt đầu thực hiện.", "First year of the plan's period.", "2024"),
        F("period_to", YEAR, False, False, "Năm kết thúc (bỏ trống nếu kế hoạch không có hạn cuối).",
          "Last year (leave out when open-ended).", "2025"),
        F("frameworks", ref_list("pillar"), True, False, "Các bộ chỉ số kế hoạch nhắm tới.", "Indices the plan addresses.",
          "[papi]"),
        F("source_document", TEXT, True, True, "Văn bản nguồn (tên, số, ngày).", "Source document reference.",
          "Kế hoạch số 117/KH-UBND ngày 16/5/2024 của UBND tỉnh Cà Mau"),
        F("source_url", URL, False, False, "Địa chỉ văn bản nguồn trên mạng.", "Where the source can be read online.",
          "https://example.gov.vn/117-kh-ubnd"),
        F("source_complete", BOOL, False, False, "`false` nếu văn bản nguồn bị thiếu (mất phụ lục, bị cắt).",
          "`false` when the source text is incomplete (missing appendices, cut off).", "true"),
        F("source_note", LONG_TEXT, False, True, "Ghi chú về văn bản nguồn (thiếu gì, sửa gì).",
          "Note on the source text (what is missing, what was corrected).", "Văn bản nguồn không kèm 4 phụ lục."),
        F("objectives", TEXT_LIST, False, True, "Mục đích, yêu cầu, mỗi ý một dòng.", "Objectives, one per item.",
          "[Chỉ số PAPI năm 2024 cải thiện so với năm 2023]"),
        F("targets", TARGETS, False, False,
          "Chỉ tiêu bằng số: mỗi mục có `pillar`, `year`, `value`, có thể thêm `baseline_year`, `baseline`.",
          "Numeric targets: each has `pillar`, `year`, `value`, optionally `baseline_year` and `baseline`.",
          "[{pillar: papi-1, year: 2020, value: 5.40, baseline_year: 2018, baseline: 5.17}]"),
        SLUG_FIELD,
    ),
    True, "Nội dung kế hoạch (Markdown): bối cảnh, tổ chức thực hiện.", "Body of the plan (Markdown).",
))

_kind(KindSpec(
    "task", "tasks", "Nhiệm vụ", "Tasks",
    "Một nhiệm vụ, giải pháp trong kế hoạch, giao cho cơ quan chủ trì.", "One task of a plan, assigned to a lead agency.",
    (
        F("plan", ref("plan"), True, False, "Kế hoạch chứa nhiệm vụ (mã tệp).", "The plan (its id).", "ca-mau-117-2024"),
        F("title", TEXT, True, True, "Tên ngắn của nhiệm vụ.", "Short title.", "Công khai danh sách hộ nghèo, hộ cận nghèo"),
        F("pillars", ref_list("pillar"), True, False, "Chỉ số, chỉ số nội dung hoặc nội dung thành phần mà nhiệm vụ phục vụ.",
          "Index, dimension or sub-dimension(s) the task serves.", "[papi-2-2]"),
        F("lead", ref_list("agency"), True, False, "Cơ quan chủ trì.", "Lead agency or agencies.", "[so-lao-dong-thuong-binh-va-xa-hoi]"),
        F("partners", ref_list("agency"), False, False, "Cơ quan phối hợp.", "Coordinating agencies.", "[ubnd-cap-huyen]"),
        F("deadline", DEADLINE, True, False,
          "Thời hạn: một ngày (YYYY-MM-DD), `ongoing` (thường xuyên) hoặc `none` (kế hoạch không nêu).",
          "Deadline: a date (YYYY-MM-DD), `ongoing` or `none` (not stated in the plan).", "ongoing"),
        F("deadline_text", TEXT, False, True, "Thời hạn đúng như kế hoạch ghi.", "The deadline as the plan words it.",
          "trước ngày 31/5/2024"),
        F("section", TEXT, True, True, "Mục của kế hoạch mà nhiệm vụ thuộc về.", "Section of the plan it comes from.",
          "II.2. Công khai, minh bạch"),
        F("order", NUMBER, False, False, "Thứ tự trong kế hoạch.", "Order within the plan.", "5"),
        SLUG_FIELD,
    ),
    True, "Mô tả nhiệm vụ đúng như kế hoạch (Markdown).", "Description as in the plan (Markdown).",
))

_kind(KindSpec(
    "update", "updates", "Cập nhật tiến độ", "Progress updates",
    "Một lần cập nhật tiến độ của một nhiệm vụ, có nguồn. Không có cập nhật thì nhiệm vụ hiện \"chưa có báo cáo tiến độ\".",
    "A dated, sourced progress report on one task. A task with none shows \"no progress reported\".",
    (
        F("task", ref("task"), True, False, "Nhiệm vụ (mã tệp, gồm cả thư mục).", "The task (its id, folder included).",
          "ca-mau-117-2024/05"),
        F("date", DATE, True, False, "Ngày của thông tin.", "Date of the information.", "2024-12-20"),
        F("status", choice(*STATUSES), True, False,
          "Tình trạng: `not-started`, `in-progress`, `completed`, `delayed` hoặc `cancelled`.",
          "Status: not-started, in-progress, completed, delayed or cancelled.", "in-progress"),
        F("percent", PERCENT, False, False, "Phần trăm hoàn thành (0-100), chỉ khi nguồn nêu.",
          "Percent complete (0-100), only when the source states it.", "60"),
        F("source", TEXT, True, True, "Nguồn thông tin: tên văn bản, báo cáo.", "Source: document or report.",
          "Báo cáo số 12/BC-UBND ngày 20/12/2024"),
        F("source_url", URL, False, False, "Địa chỉ nguồn trên mạng.", "Link to the source.", "https://example.gov.vn/bao-cao"),
        SLUG_FIELD,
    ),
    True, "Ghi chú tiến độ (Markdown).", "Progress note (Markdown).",
))

_kind(KindSpec(
    "page", "pages", "Trang thông tin", "Information pages",
    "Một trang nội dung tự do, ví dụ \"Về dữ liệu\". Địa chỉ: /vi/<mã>/ và /en/<mã>/.",
    "A free-form page such as \"About the data\". Its address is /vi/<id>/ and /en/<id>/.",
    (
        F("title", TEXT, True, True, "Tiêu đề.", "Title.", "Về dữ liệu"),
        F("order", NUMBER, False, False, "Thứ tự trong chân trang.", "Order in the footer.", "1"),
        SLUG_FIELD,
    ),
    True, "Nội dung (Markdown).", "Content (Markdown).",
))

KIND_BY_FOLDER = {spec.folder: spec for spec in KINDS.values()}
