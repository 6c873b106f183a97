#!/usr/bin/python3
"""make-pdf-fixtures.py: remakes the PDF layout fixtures of tests/test-pdf-layouts.c

    /usr/bin/python3 tests/data/pdf-layouts/make-pdf-fixtures.py

needs python3-cairo (apt-get install python3-cairo), the Noto Sans CJK
font (fonts-noto-cjk) and pdftotext (poppler-utils).  The tests read the
committed files; run this only to remake them.

Each PDF is a made-up report of 测试县人民政府 for 2023 drawn at chosen
positions, with the layout features real PDFs exported from Word and WPS
have: narrow value columns in which three-digit numbers wrap ("12" over
"5"), header words broken one or two characters a line under a three-level
header, row labels wrapped over two or three lines, the vertical label
三、本年度办理结果 down the left edge, section 三 running over a page break
with a page number, section 四 as one line of 15 numbers.  Beside each PDF
is the text `pdftotext -layout` makes of it.

  centred.pdf      cells centred vertically (a wrapped label has the row's
                   numbers on its middle line), the header repeated on the
                   next page, every cell filled
  centred-wide.txt the words of centred.pdf on a monospaced grid, a CJK
                   character two columns wide (a copy out of a viewer
                   that shows the page so)
  centred-split.txt centred-pdftotext.txt with two rows set as pdftotext
                   sets a glyph whose baseline is a little off: the first
                   number of （二）部分公开 beside its label's first line,
                   the others on the line below; "1." of 本机关不掌握相关
                   政府信息 on the line of the numbers, its words above;
                   and the title on one line with a space in it, over a
                   preamble whose sentence breaks into a line that reads
                   like a title (关于做好2023年政府信息公开工作年度报告)
  centred-squeezed.txt centred-pdftotext.txt as pdftotext sets a table
                   squeezed to the page (a web page printed to PDF): the
                   first number of a row whose label wraps beside the
                   label's first line, left of its column, the others two
                   lines below with the "5." between, or on the same line
                   (in section 二 too: "行政规范性 2" over "文件  1  30");
                   no header on the second page; and a sentence under the
                   heading of section 三 that starts with a number set
                   apart ("2023  年，共收到…")
  top-aligned.pdf  cells aligned to the top (numbers on the first line of
                   the label), no header on the next page, the 科研机构
                   column and other cells left empty
  packed.pdf       as a web page printed to PDF: numbers left-aligned with
                   1 pt of padding in columns 18 pt wide, so two numbers of
                   neighbouring cells are closer than the space between
                   words (only the cell border parts them), and section 二
                   drawn without borders, its label column no wider than
                   its longest label (行政规范性文件 runs into the number
                   after it), and section 四's numbers without borders,
                   left-aligned ("100" and "0" 4 pt apart)

    /usr/bin/python3 tests/data/pdf-layouts/make-pdf-fixtures.py packed

remakes only the fixtures named.
"""

import os
import subprocess
import sys

import cairo

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = "Noto Sans CJK SC"
W, H = 595, 842
LEFT, RIGHT, TOP, BOTTOM = 50, 545, 60, 780
SIZE = 9          # table text
LEADING = 12      # one line of table text
PAD = 4           # inside a cell

# The values (made up; they tie out) ------------------------------------------

DISCLOSURE = [
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", ["1", "0", "5"]), ("行政规范性文件", ["2", "1", "30"])]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", ["456"])]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"],
     [("行政处罚", ["78"]), ("行政强制", ["9"])]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", ["1.5"])]),
]

# (level, label, values): level 0 spans the label columns, 1 the group and
# sub-label columns, 2 sits under a group label (given as ("group", name)).
APPLICATIONS = [
    (0, "一、本年新收政府信息公开申请数量", [125, 3, 0, 1, 0, 2, 131]),
    (0, "二、上年结转政府信息公开申请数量", [4, 0, 0, 0, 1, 0, 5]),
    (1, "（一）予以公开", [60, 2, 0, 1, 0, 1, 64]),
    (1, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [12, 0, 0, 0, 1, 0, 13]),
    ("group", "（三）不予公开"),
    (2, "1.属于国家秘密", [1, 0, 0, 0, 0, 0, 1]),
    (2, "2.其他法律行政法规禁止公开", [2, 0, 0, 0, 0, 0, 2]),
    (2, "3.危及“三安全一稳定”", [0, 0, 0, 0, 0, 0, 0]),
    (2, "4.保护第三方合法权益", [3, 0, 0, 0, 0, 0, 3]),
    (2, "5.属于三类内部事务信息", [4, 0, 0, 0, 0, 0, 4]),
    (2, "6.属于四类过程性信息", [5, 0, 0, 0, 0, 0, 5]),
    (2, "7.属于行政执法案卷", [0, 0, 0, 0, 0, 0, 0]),
    (2, "8.属于行政查询事项", [1, 0, 0, 0, 0, 0, 1]),
    ("group", "（四）无法提供"),
    (2, "1.本机关不掌握相关政府信息", [20, 1, 0, 0, 0, 0, 21]),
    (2, "2.没有现成信息需要另行制作", [3, 0, 0, 0, 0, 0, 3]),
    (2, "3.补正后申请内容仍不明确", [2, 0, 0, 0, 0, 0, 2]),
    ("group", "（五）不予处理"),
    (2, "1.信访举报投诉类申请", [4, 0, 0, 0, 0, 0, 4]),
    (2, "2.重复申请", [2, 0, 0, 0, 0, 1, 3]),
    (2, "3.要求提供公开出版物", [1, 0, 0, 0, 0, 0, 1]),
    (2, "4.无正当理由大量反复申请", [0, 0, 0, 0, 0, 0, 0]),
    (2, "5.要求行政机关确认或重新出具已获取信息", [1, 0, 0, 0, 0, 0, 1]),
    ("group", "（六）其他处理"),
    (2, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [1, 0, 0, 0, 0, 0, 1]),
    (2, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0, 0, 0, 0, 0, 0, 0]),
    (2, "3.其他", [1, 0, 0, 0, 0, 0, 1]),
    (1, "（七）总计", [123, 3, 0, 1, 1, 2, 130]),
    (0, "四、结转下年度继续办理", [6, 0, 0, 0, 0, 0, 6]),
]

REVIEW = [3, 1, 0, 1, 5, 100, 0, 1, 0, 101, 1, 1, 0, 0, 2]

PROSE_BEFORE = [
    "本报告根据《中华人民共和国政府信息公开条例》要求编制，数据统计期限自2023年1月1日起至2023年12月31日止。",
    "一、总体情况",
    "2023年，测试县人民政府坚持以公开为常态、不公开为例外，全面推进政务公开工作。",
]
PROSE_AFTER = [
    "五、存在的主要问题及改进情况",
    "政策解读的形式还不够丰富，2024年将加强解读工作。",
    "六、其他需要报告的事项",
    "本年度未收取信息处理费。",
    "测试县人民政府办公室",
    "2024年1月20日",
]

# Drawing ---------------------------------------------------------------------


class Doc:
    def __init__(self, path, valign, repeat_header, blank, packed=False):
        self.packed = packed
        self.vcol = 18 if packed else VCOL
        self.vx = [L_END + i * self.vcol for i in range(8)]
        self.surface = cairo.PDFSurface(path, W, H)
        self.cr = cairo.Context(self.surface)
        self.cr.select_font_face(FONT)
        self.valign = valign
        self.repeat_header = repeat_header
        self.blank = blank
        self.page = 1
        self.y = TOP

    def text(self, x, y, s, size=SIZE):
        """s with its top-left at x, y"""
        self.cr.set_font_size(size)
        self.cr.move_to(x, y + size * 0.88)
        self.cr.show_text(s)

    def width(self, s, size=SIZE):
        self.cr.set_font_size(size)
        return self.cr.text_extents(s).x_advance

    def centred(self, x1, x2, y, s, size=SIZE):
        self.text((x1 + x2 - self.width(s, size)) / 2, y, s, size)

    def rect(self, x1, y1, x2, y2):
        self.cr.set_line_width(0.5)
        self.cr.rectangle(x1, y1, x2 - x1, y2 - y1)
        self.cr.stroke()

    def new_page(self):
        self.centred(0, W, 800, "- %d -" % self.page, 10)
        self.cr.show_page()
        self.cr.select_font_face(FONT)
        self.page += 1
        self.y = TOP

    def paragraph(self, s, size=11):
        per_line = int((RIGHT - LEFT) / size)
        for i in range(0, len(s), per_line):
            if self.y + size * 1.6 > BOTTOM:
                self.new_page()
            self.text(LEFT, self.y, s[i:i + per_line], size)
            self.y += size * 1.6

    def finish(self):
        self.centred(0, W, 800, "- %d -" % self.page, 10)
        self.surface.finish()


def wrap(s, width):
    """s cut into lines that fit @width (CJK characters are SIZE wide)"""
    per_line = max(1, int((width - 2 * PAD) // SIZE))
    return [s[i:i + per_line] for i in range(0, len(s), per_line)]


def number_lines(v, width):
    """a number that does not fit its cell wraps: "125" -> "12", "5" """
    s = str(v)
    fit = int((width - 2 * PAD) // (SIZE * 0.56))
    return [s[i:i + fit] for i in range(0, len(s), fit)] if s else [""]


def cell(doc, x1, x2, y1, y2, lines, align="centre", border=True):
    """lines of text in the cell, centred horizontally, vertically as the
    document aligns its cells"""
    if border:
        doc.rect(x1, y1, x2, y2)
    height = len(lines) * LEADING
    top = y1 + PAD if doc.valign == "top" else (y1 + y2 - height) / 2
    for i, s in enumerate(lines):
        if align == "packed":
            doc.text(x1 + 1, top + i * LEADING + 1.5, s)
        elif align == "left":
            doc.text(x1 + PAD, top + i * LEADING + 1.5, s)
        else:
            doc.centred(x1, x2, top + i * LEADING + 1.5, s)


def disclosure(doc):
    # packed: the label column just holds 行政规范性文件 (7 characters)
    split = LEFT + 7 * SIZE + 1 if doc.packed else 200
    cols = [LEFT, split, split + 115, split + 230, RIGHT]
    align = "packed" if doc.packed else "centre"
    for heading, header, rows in DISCLOSURE:
        doc.centred(LEFT, RIGHT, doc.y + 4, heading)
        doc.y += 20
        n = len(header) - 1
        xs = cols if n == 3 else [LEFT, split, RIGHT]
        for i, h in enumerate(header):
            cell(doc, xs[i], xs[i + 1], doc.y, doc.y + 22, [h], align, not doc.packed)
        doc.y += 22
        for label, values in rows:
            cell(doc, xs[0], xs[1], doc.y, doc.y + 22, [label], align, not doc.packed)
            for i, v in enumerate(values):
                cell(doc, xs[i + 1], xs[i + 2], doc.y, doc.y + 22, [v], align, not doc.packed)
            doc.y += 22
        doc.y += 10


# Section 三: label columns, then 7 narrow value columns
L_VERT, L_GROUP, L_SUB, L_END = LEFT, LEFT + 22, LEFT + 86, LEFT + 246
VCOL = 20


def applications_header(doc):
    y = doc.y
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    cell(doc, LEFT, L_END, y, y + 124, wrap(note, L_END - LEFT))
    vx, vcol = doc.vx, doc.vcol
    cell(doc, vx[0], vx[7], y, y + 20, ["申请人情况"])
    cell(doc, vx[0], vx[1], y + 20, y + 124, wrap("自然人", vcol))
    cell(doc, vx[1], vx[6], y + 20, y + 40, ["法人或其他组织"])
    for i, h in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        cell(doc, vx[i + 1], vx[i + 2], y + 40, y + 124, wrap(h, vcol))
    cell(doc, vx[6], vx[7], y + 20, y + 124, wrap("总计", vcol))
    doc.y += 124


def applications(doc):
    applications_header(doc)
    group = None            # [label, y1]: the group label open above
    vertical_top = None

    for n, row in enumerate(APPLICATIONS):
        if row[0] == "group":
            if group is not None and group[1] not in (None, "drawn"):
                draw_group(doc, group[0], group[1], doc.y)
            group = [row[1], None]
            continue
        level, label, values = row
        x1 = [LEFT, L_GROUP, L_SUB][level]
        lines = wrap(label, L_END - x1)
        texts = [number_lines("" if doc.blank and v == 0 and (i == 2 or n % 3 == 1) else v,
                              doc.vcol + (2 * PAD - 2 if doc.packed else 0))
                 for i, v in enumerate(values)]
        height = max(len(lines), max(len(t) for t in texts)) * LEADING + 2 * PAD + 2
        if doc.y + height > BOTTOM:
            # the table goes on on the next page: what is open ends here
            if vertical_top is not None:
                vertical(doc, vertical_top, doc.y, False)
            if group is not None and group[1] is not None:
                draw_group(doc, group[0], group[1], doc.y)
                group = [group[0], "drawn"]
            doc.new_page()
            if doc.repeat_header:
                applications_header(doc)
            if vertical_top is not None:
                vertical_top = doc.y
        if vertical_top is None and label.startswith("（一）"):
            vertical_top = doc.y
        if level == 2 and group is not None and group[1] is None:
            group[1] = doc.y
        if level < 2 and group is not None:
            if group[1] not in (None, "drawn"):
                draw_group(doc, group[0], group[1], doc.y)
            group = None
        cell(doc, x1, L_END, doc.y, doc.y + height, lines, "left")
        for i, t in enumerate(texts):
            cell(doc, doc.vx[i], doc.vx[i + 1], doc.y, doc.y + height, t,
                 "packed" if doc.packed else "centre")
        doc.y += height
        if label == "（七）总计":
            vertical(doc, vertical_top, doc.y)
    doc.y += 10


def draw_group(doc, label, y1, y2):
    lines = wrap(label, L_SUB - L_GROUP)
    saved = doc.valign
    doc.valign = "centre"   # a merged group label sits in the middle of its rows
    cell(doc, L_GROUP, L_SUB, y1, y2, lines)
    doc.valign = saved


def vertical(doc, y1, y2, text=True):
    """三、本年度办理结果 down the left edge, in pieces of one or two
    characters (in the part of the merged cell after the page break)"""
    pieces = ["三", "、本", "年", "度办", "理", "结果"]
    doc.rect(L_VERT, y1, L_GROUP, y2)
    if not text:
        return
    top = (y1 + y2 - len(pieces) * LEADING) / 2
    for i, s in enumerate(pieces):
        doc.centred(L_VERT, L_GROUP, top + i * LEADING, s)


RX = [LEFT + 30 + i * 22 for i in range(16)]
RX_PACKED = [LEFT + 30 + i * 19 for i in range(16)]


def review(doc):
    y = doc.y
    RX = RX_PACKED if doc.packed else globals()["RX"]
    rw = RX[1] - RX[0]
    cell(doc, RX[0], RX[5], y, y + 20, ["行政复议"])
    cell(doc, RX[5], RX[15], y, y + 20, ["行政诉讼"])
    cell(doc, RX[5], RX[10], y + 20, y + 40, ["未经复议直接起诉"])
    cell(doc, RX[10], RX[15], y + 20, y + 40, ["复议后起诉"])
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    for i in range(5):
        cell(doc, RX[i], RX[i + 1], y + 20, y + 96, wrap(heads[i], rw))
    for i in range(10):
        cell(doc, RX[i + 5], RX[i + 6], y + 40, y + 96, wrap(heads[i % 5], rw))
    y += 96
    for i, v in enumerate(REVIEW):
        if doc.packed:
            # no borders under the header: "100" and the "0" after it are
            # set only a little apart
            cell(doc, RX[i], RX[i + 1], y, y + 2 * LEADING + 2 * PAD, [str(v)], "packed", False)
            continue
        cell(doc, RX[i], RX[i + 1], y, y + 2 * LEADING + 2 * PAD, number_lines(v, 22))
    doc.y = y + 2 * LEADING + 2 * PAD + 16


def monospaced(path):
    """the words of the PDF laid out on a grid of 4.5 pt (a CJK character of
    the 9 pt table text two columns wide), as a monospaced view of the page
    shows them: the text a copy out of such a view gives"""
    import html
    import re
    import unicodedata
    bbox = subprocess.run(["pdftotext", "-bbox", path, "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    pages = []
    for page in bbox.split("<page ")[1:]:
        words = [(float(y1), float(x1), html.unescape(w)) for x1, y1, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</word>', page)]
        words.sort()
        lines = []
        for y, x, w in words:
            if lines and abs(lines[-1][0] - y) < 3:
                lines[-1][1].append((x, w))
            else:
                lines.append((y, [(x, w)]))
        out = []
        for y, ws in lines:
            new, shown = "", 0
            for x, w in sorted(ws):
                col = int(round(x / 4.5))
                if new:
                    col = max(col, shown + 2)
                new += " " * (col - shown) + w
                shown = col + sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in w)
            out.append(new)
        pages.append("\n".join(out) + "\n")
    return "\f".join(pages)


def split_lines(text):
    """centred-pdftotext.txt with two rows split over lines (see above);
    the columns stay where pdftotext put them (one character, one column)"""
    src = text.split("\n")
    title = [k for k, line in enumerate(src) if "政府信息公开工作年度报告" in line][0]
    src[title - 1:title + 3] = [
        "测试县人民政府2023年度 政府信息公开工作年度报告",
        "本报告根据《中华人民共和国政府信息公开条例》和《测试县人民政府办公室",
        "关于做好2023年政府信息公开工作年度报告",
        "编制工作的通知》要求编制，数据统计期限自2023年1月1日起至2023年12月31日止。",
    ]
    out = []
    i = 0
    while i < len(src):
        line = src[i]
        if line.startswith("  （二）部分公开（区分处理的，只计这一情形，不计其"):
            values, rest = src[i + 1], src[i + 2]
            at = values.index("12")
            out.append(line.ljust(at) + "12")
            out.append(rest.ljust(at + 2) + values[at + 2:])
            i += 3
            continue
        if line.lstrip().startswith("1.本机关不掌握相关政府信息"):
            at = line.index("20")
            indent = len(line) - len(line.lstrip())
            out.append(" " * (indent + 2) + "本机关不掌握相关政府信息")
            out.append((" " * indent + "1.").ljust(at) + line[at:])
            i += 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def squeeze_lines(text):
    """centred-pdftotext.txt as pdftotext sets a table squeezed to the page
    (see above); the columns stay where pdftotext put them"""
    src = text.split("\n")
    out = []
    i = 0
    while i < len(src):
        line = src[i]
        if line.startswith("三、收到和处理政府信息公开申请情况"):
            out += [line, "2023  年，共收到政府信息公开申请131件。"]
            i += 1
            continue
        if line.startswith("\f") and "申请人情况" in line:
            # the second page without the header
            while "（二）部分公开" not in src[i]:
                i += 1
            out.append("\f")
            continue
        if line.lstrip().startswith("行政规范性文件"):
            # section 二 too: the first number beside the label's first line
            indent = len(line) - len(line.lstrip())
            at = line.index("2 ")
            out.append(" " * indent + "行政规范性 2")
            out.append((" " * indent + "文件").ljust(at + 1) + line[at + 1:])
            i += 1
            continue
        if line.lstrip().startswith("1.属于国家秘密"):
            # its 商业企业 cell left empty
            at = line.index("1    0") + 5
            out.append(line[:at] + " " + line[at + 1:])
            i += 1
            continue
        if line.lstrip().startswith("5.要求行政机关确认或重新出具已"):
            # its first line squeezed left, the number beside it left of
            # where the words of other rows' labels lie
            values = src[i + 1]
            indent = len(line) - len(line.lstrip())
            at = len(values) - len(values.lstrip())
            out.append("   要求行政机关确认或重新出具已 " + values[at])
            out.append(" " * indent + "5.")
            out.append((" " * indent + "获取信息").ljust(at + 1) + values[at + 1:])
            i += 3
            continue
        if line.lstrip().startswith("行政机关不再处理其政府信息公开申"):
            at = line.index("1    0")
            label = line[:at].rstrip()
            out.append((label + " 1").ljust(at + 1) + line[at + 1:])
            i += 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def make(name, valign, repeat_header, blank, packed=False):
    if len(sys.argv) > 1 and name not in sys.argv[1:]:
        return
    path = os.path.join(HERE, name + ".pdf")
    doc = Doc(path, valign, repeat_header, blank, packed)
    doc.centred(0, W, doc.y, "测试县人民政府", 16)
    doc.y += 24
    doc.centred(0, W, doc.y, "2023年政府信息公开工作年度报告", 16)
    doc.y += 36
    for s in PROSE_BEFORE:
        doc.paragraph(s)
    doc.paragraph("二、主动公开政府信息情况")
    disclosure(doc)
    doc.paragraph("三、收到和处理政府信息公开申请情况")
    applications(doc)
    if doc.y + 180 > BOTTOM:
        doc.new_page()
    doc.paragraph("四、政府信息公开行政复议、行政诉讼情况")
    review(doc)
    for s in PROSE_AFTER:
        doc.paragraph(s)
    doc.finish()
    text = subprocess.run(["pdftotext", "-layout", path, "-"], check=True,
                          capture_output=True).stdout
    with open(os.path.join(HERE, name + "-pdftotext.txt"), "wb") as out:
        out.write(text)
    if name == "centred":
        with open(os.path.join(HERE, name + "-wide.txt"), "w", encoding="utf-8") as out:
            out.write(monospaced(path))
        with open(os.path.join(HERE, name + "-split.txt"), "w", encoding="utf-8") as out:
            out.write(split_lines(text.decode("utf-8")))
        with open(os.path.join(HERE, name + "-squeezed.txt"), "w", encoding="utf-8") as out:
            out.write(squeeze_lines(text.decode("utf-8")))


make("centred", "centre", True, False)
make("top-aligned", "top", False, True)
make("packed", "top", True, False, True)
