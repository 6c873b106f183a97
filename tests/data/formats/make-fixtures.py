#!/usr/bin/python3
"""make-fixtures.py: remakes the format fixtures of tests/test-formats.c

    /usr/bin/python3 tests/data/formats/make-fixtures.py

needs python3-docx, LibreOffice (soffice) for the PDF and the Word 97–2003
(.doc) files, qpdf for the encrypted PDF, Chromium for the web page printed
to PDF.  The tests read the committed files; run this only to remake
them.

The values come from tests/test-samples.h (read by hand from the samples),
the prose (title, paragraphs, section headings, signature) from the sample
text files in tests/data.  The tables are laid out as the official form
(国办公开办函〔2021〕30号) prints them, with its merged cells.
"""

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
TESTS = os.path.dirname(DATA)

# The template, as the official form prints it ---------------------------------

DISCLOSURE = [
    # (heading row, [header cells], [(label, key)])
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", "regulations"), ("行政规范性文件", "normative_documents")]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", "licensing")]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"],
     [("行政处罚", "punishment"), ("行政强制", "enforcement")]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", "fees")]),
]

# (group label or None, subgroup label or None, row label, key)
APPLICATIONS = [
    (None, None, "一、本年新收政府信息公开申请数量", "new_received"),
    (None, None, "二、上年结转政府信息公开申请数量", "carried_over"),
    ("三、本年度办理结果", None, "（一）予以公开", "granted"),
    ("三、本年度办理结果", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted"),
    ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "withheld_state_secret"),
    ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开", "withheld_prohibited_by_law"),
    ("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”", "withheld_safety_stability"),
    ("三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益", "withheld_third_party"),
    ("三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息", "withheld_internal_affairs"),
    ("三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息", "withheld_process_info"),
    ("三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷", "withheld_enforcement_file"),
    ("三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项", "withheld_inquiry"),
    ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息", "unavailable_not_held"),
    ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作", "unavailable_needs_creation"),
    ("三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确", "unavailable_unclear"),
    ("三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请", "not_processed_petition"),
    ("三、本年度办理结果", "（五）不予处理", "2.重复申请", "not_processed_duplicate"),
    ("三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物", "not_processed_publication"),
    ("三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请", "not_processed_excessive"),
    ("三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", "not_processed_confirmation"),
    ("三、本年度办理结果", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_no_correction"),
    ("三、本年度办理结果", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_no_fee"),
    ("三、本年度办理结果", "（六）其他处理", "3.其他", "other_misc"),
    ("三、本年度办理结果", None, "（七）总计", "results_total"),
    (None, None, "四、结转下年度继续办理", "carried_forward"),
]
APPLICANTS = ["自然人", "商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他", "总计"]
CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
REVIEW_FIELDS = ["结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"]


# The samples --------------------------------------------------------------------

def read_sample_values():
    """tests/test-samples.h: {name: {"section.row": [values, None for blank]}}"""
    text = open(os.path.join(TESTS, "test-samples.h"), encoding="utf-8").read()
    macros = {"ZEROS7": "0 0 0 0 0 0 0", "BLANK7": "_ _ _ _ _ _ _"}
    out = {}
    for m in re.finditer(r"static const char \*const (\w+)_rows\[\] = \{(.*?)NULL", text, re.S):
        rows = {}
        for line in m.group(2).splitlines():
            line = line.strip().rstrip(",")
            if not line.startswith('"'):
                continue
            for name, value in macros.items():
                line = line.replace('" ' + name, value + '"')
            line = line.strip('"')
            tokens = line.split()
            rows[tokens[0]] = [None if t == "_" else t for t in tokens[1:]]
        out[m.group(1)] = rows
    return out


HEADINGS = ("主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议、行政诉讼情况",
            "存在的主要问题")


def read_sample_prose(path):
    """The prose of a sample: (before section 二, [three headings], from section 五 on)."""
    lines = open(path, encoding="utf-8").read().split("\n")
    pipes = sum(1 for l in lines if "|" in l) >= 5
    prose = []
    after_cell = False
    for line in lines:
        if pipes and "|" in line:
            continue
        if not pipes and line.startswith("\t"):
            after_cell = True
            continue
        if not pipes and after_cell and line.strip() and len(line) <= 16:
            continue  # a cell continued on the next line
        after_cell = False
        prose.append(line.rstrip("\n"))
    marks = []
    for phrase in HEADINGS:
        for i, line in enumerate(prose):
            if phrase in line and len(line) <= 40 and (not marks or i > marks[-1]):
                marks.append(i)
                break
    assert len(marks) == 4, (path, marks)
    before = [l for l in prose[:marks[0]] if l.strip()]
    headings = [prose[i].strip() for i in marks[:3]]
    after = [l for l in prose[marks[3]:] if l.strip()]
    return before, headings, after


# HTML ------------------------------------------------------------------------------

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_cell(text, attrs="", blank="&nbsp;"):
    if text is None:
        return "<td%s>%s</td>" % (attrs, blank)
    return "<td%s>%s</td>" % (attrs, esc(text).replace("\n", "<br>"))


def html_tables(values, blanks=("&nbsp;",), cls="report"):
    """The three tables of the official form, merged cells and all."""
    blank_iter = [0]

    def blank():
        b = blanks[blank_iter[0] % len(blanks)]
        blank_iter[0] += 1
        return b

    def val(v):
        return html_cell(v, ' align="center"', blank())

    out = []
    # 二
    rows = []
    for heading, header, items in DISCLOSURE:
        rows.append('<tr><td colspan="4"><p align="center"><strong>%s</strong></p></td></tr>' % esc(heading))
        if len(header) == 4:
            rows.append("<tr>" + "".join(html_cell(h) for h in header) + "</tr>")
        else:
            rows.append("<tr>" + html_cell(header[0]) + html_cell(header[1], ' colspan="3"') + "</tr>")
        for label, key in items:
            vs = values["disclosure." + key]
            if len(vs) == 3:
                rows.append("<tr>" + html_cell(label) + "".join(val(v) for v in vs) + "</tr>")
            else:
                rows.append("<tr>" + html_cell(label) + html_cell(vs[0], ' colspan="3" align="center"', blank()) + "</tr>")
    out.append(('<table class="%s" border="1" cellspacing="0">' % cls) + "\n".join(rows) + "</table>")
    # 三
    rows = [
        '<tr><td colspan="3" rowspan="3">%s</td><td colspan="7">申请人情况</td></tr>' % esc(CHECK_NOTE),
        '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
        "<tr>" + "".join(html_cell(a) for a in APPLICANTS[1:6]) + "</tr>",
    ]
    group_counts = {}
    sub_counts = {}
    for group, sub, label, key in APPLICATIONS:
        group_counts[group] = group_counts.get(group, 0) + 1
        sub_counts[sub] = sub_counts.get(sub, 0) + 1
    seen_group, seen_sub = set(), set()
    for group, sub, label, key in APPLICATIONS:
        cells = ""
        if group is None:
            cells += html_cell(label, ' colspan="3"')
        else:
            if group not in seen_group:
                seen_group.add(group)
                cells += html_cell(group, ' rowspan="%d"' % group_counts[group])
            if sub is None:
                cells += html_cell(label, ' colspan="2"')
            else:
                if sub not in seen_sub:
                    seen_sub.add(sub)
                    cells += html_cell(sub, ' rowspan="%d"' % sub_counts[sub])
                cells += html_cell(label)
        cells += "".join(val(v) for v in values["applications." + key])
        rows.append("<tr>" + cells + "</tr>")
    out.append(('<table class="%s" border="1" cellspacing="0"><tbody>' % cls) + "\n".join(rows) + "</tbody></table>")
    # 四: one row of 15 numbers
    rows = [
        '<tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr>',
        "<tr>" + "".join(html_cell(f, ' rowspan="2"') for f in REVIEW_FIELDS) +
        '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>',
        "<tr>" + "".join(html_cell(f) for f in REVIEW_FIELDS * 2) + "</tr>",
        "<tr>" + "".join(val(v) for key in ("review", "litigation_direct", "litigation_after_review")
                         for v in values["review_litigation." + key]) + "</tr>",
    ]
    out.append(('<table class="%s" border="1" cellspacing="0"><thead>' % cls) + "\n".join(rows[:3]) +
               "</thead><tbody>" + rows[3] + "</tbody></table>")
    return out


NAV = """<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a> | <a href="/hdjl/">互动交流</a> | <a href="/en/">English</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="side"><h3>相关年报</h3><ul>
<li><a href="/zwgk/nb/2021.html">%(issuer)s2021年政府信息公开工作年度报告</a></li>
<li><a href="/zwgk/nb/2020.html">%(issuer)s2020年政府信息公开工作年度报告</a></li>
</ul><table class="links"><tr><td><a href="/a">政策文件</a></td><td><a href="/b">政策解读</a></td></tr>
<tr><td><a href="/c">数据发布</a></td><td><a href="/d">公示公告</a></td></tr></table></div>"""

FOOTER = """<div class="footer"><p><a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
<p>主办：%(issuer)s办公室　承办：%(issuer)s政务服务管理局</p>
<p>京ICP备05060933号　京公网安备11010802017721号　网站标识码：1101080001</p>
<p>联系电话：010-88487826　2023年版权所有</p></div>"""


def prose_html(lines, headings=()):
    out = []
    for line in lines:
        if line.strip() in headings or re.match(r"^\s*[一二三四五六七八九十]、", line):
            out.append("<p><strong>%s</strong></p>" % esc(line.strip()))
        else:
            out.append("<p>%s</p>" % esc(line))
    return "\n".join(out)


def make_html(sample, values, issuer, meta, blanks=("&nbsp;",), title_lines=None, nested=False,
              title_in_body=True):
    before, headings, after = read_sample_prose(os.path.join(DATA, sample))
    tables = html_tables(values, blanks)
    if title_lines is None:
        title_lines = []
    body_title = "<h1>%s</h1>" % "<br>".join(esc(t) for t in title_lines) if title_lines and title_in_body else ""
    rest_before = before[len(title_lines):]
    content = "\n".join([
        prose_html(rest_before),
        "<p><strong>%s</strong></p>" % esc(headings[0]), tables[0],
        "<p><strong>%s</strong></p>" % esc(headings[1]), tables[1],
        "<p><strong>%s</strong></p>" % esc(headings[2]), tables[2],
        prose_html(after),
    ])
    info = '<div class="info">发布时间：2023-01-18　来源：%s　字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>' % esc(issuer)
    page_title = (("".join(title_lines) or "政府信息公开工作年度报告") + "_" + issuer)
    head = "<head>%s<title>%s</title>\n<script>var tpl = '<table><tr><td>x</td></tr></table>';</script>\n<style>td { border: 1px solid #000 }</style></head>" % (meta, esc(page_title))
    subst = {"issuer": issuer}
    if not nested:
        body = "<body>\n%s\n<div class=\"article\">%s\n%s\n<div class=\"content\">\n%s\n</div></div>\n%s\n</body>" % (
            NAV % subst, body_title, info, content, FOOTER % subst)
    else:
        # page layout in tables, the report's tables nested in it
        body = ("<body><table width=\"1000\" class=\"layout\"><tr><td colspan=\"2\">%s</td></tr>\n"
                "<tr><td width=\"200\" valign=\"top\">%s</td><td valign=\"top\">"
                "<table width=\"100%%\"><tr><td>%s%s</td></tr><tr><td>\n%s\n</td></tr></table>"
                "</td></tr>\n<tr><td colspan=\"2\">%s</td></tr></table></body>") % (
            NAV.split('<div class="side">')[0] % subst, '<div class="side">' + NAV.split('<div class="side">')[1] % subst,
            body_title, info, content, FOOTER % subst)
    return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n%s\n%s\n</html>\n" % (head, body)


# .docx ------------------------------------------------------------------------------

def make_docx(sample, values, path, title_lines, split_table=True, deletions=True, headers=True):
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    before, headings, after = read_sample_prose(os.path.join(DATA, sample))
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.size = Pt(10)
    style.font.name = "Noto Serif CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(1.8)
    sec.top_margin = sec.bottom_margin = Cm(2)

    def para(text, bold=False, center=False, runs=1):
        p = d.add_paragraph()
        if center:
            p.alignment = 1
        add_runs(p, text, bold, runs)
        return p

    def add_runs(p, text, bold=False, runs=2):
        # text split across runs, as Word does after edits
        if runs <= 1 or len(text) < 4:
            r = p.add_run(text)
            r.bold = bold
            return
        cuts = sorted(set([len(text) * k // runs for k in range(1, runs)]))
        start = 0
        for i, c in enumerate(cuts + [len(text)]):
            r = p.add_run(text[start:c])
            r.bold = bold
            if i % 2 == 1:
                r.font.size = Pt(10)   # a format change: why Word splits runs
            start = c

    def deletion(p, text):
        if not deletions:
            return   # the print view "no markup": deletions are not shown
        # a tracked deletion: <w:del><w:r><w:delText>…</w:delText></w:r></w:del>
        d_el = OxmlElement("w:del")
        d_el.set(qn("w:id"), str(abs(hash(text)) % 10000))
        d_el.set(qn("w:author"), "审核人")
        d_el.set(qn("w:date"), "2023-01-10T09:00:00Z")
        r = OxmlElement("w:r")
        t = OxmlElement("w:delText")
        t.text = text
        r.append(t)
        d_el.append(r)
        p._p.append(d_el)

    def set_cell(cell, text, runs=2, deleted=None, size=9):
        cell.text = ""
        p = cell.paragraphs[0]
        if deleted is not None:
            deletion(p, deleted)
        if text is not None:
            lines = text.split("\n")
            for i, line in enumerate(lines):
                if i > 0:
                    p = cell.add_paragraph()
                add_runs(p, line, runs=runs)
        for p in cell.paragraphs:
            for r in p.runs:
                r.font.size = Pt(size)

    def widths(table, cms):
        table.autofit = False
        for i, col in enumerate(table.columns):
            col.width = Cm(cms[i])
        for row in table.rows:
            for i, c in enumerate(row.cells):
                c.width = Cm(cms[i])

    for i, line in enumerate(title_lines):
        para(line, bold=True, center=True, runs=3)
    for line in before[len(title_lines):]:
        p = para(line, runs=2)
    # a deleted sentence in the prose: not part of the report
    deletion(d.paragraphs[-1], "（此句已删除：本年度共收到申请9999件。）")

    # 二
    para(headings[0], bold=True)
    n_rows = sum(2 + len(items) for _, _, items in DISCLOSURE)
    t = d.add_table(rows=n_rows, cols=4)
    t.style = "Table Grid"
    r = 0
    for heading, header, items in DISCLOSURE:
        c = t.cell(r, 0).merge(t.cell(r, 3))
        set_cell(c, heading)
        r += 1
        if len(header) == 4:
            for i, h in enumerate(header):
                set_cell(t.cell(r, i), h)
        else:
            set_cell(t.cell(r, 0), header[0])
            set_cell(t.cell(r, 1).merge(t.cell(r, 3)), header[1])
        r += 1
        for label, key in items:
            vs = values["disclosure." + key]
            set_cell(t.cell(r, 0), label)
            if len(vs) == 3:
                for i, v in enumerate(vs):
                    set_cell(t.cell(r, 1 + i), v, runs=1)
            else:
                set_cell(t.cell(r, 1).merge(t.cell(r, 3)), vs[0], runs=1,
                         deleted="0" if key == "licensing" else None)
            r += 1
    widths(t, [5.5, 3.9, 3.9, 3.9])

    # 三, in two tables when @split_table: the second after a page break,
    # its header rows repeated
    para(headings[1], bold=True)
    parts = [APPLICATIONS[:12], APPLICATIONS[12:]] if split_table else [APPLICATIONS]
    for part_no, part in enumerate(parts):
        if part_no > 0:
            p = d.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
        t = d.add_table(rows=3 + len(part), cols=10)
        t.style = "Table Grid"
        if not headers:
            for h in range(3):
                for c in range(10):
                    set_cell(t.cell(h, c), None)
        else:
          set_cell(t.cell(0, 0).merge(t.cell(2, 2)), CHECK_NOTE)
          set_cell(t.cell(0, 3).merge(t.cell(0, 9)), "申请人情况")
          set_cell(t.cell(1, 3).merge(t.cell(2, 3)), APPLICANTS[0])
          set_cell(t.cell(1, 4).merge(t.cell(1, 8)), "法人或其他组织")
          set_cell(t.cell(1, 9).merge(t.cell(2, 9)), APPLICANTS[6])
          for i in range(5):
              set_cell(t.cell(2, 4 + i), APPLICANTS[1 + i])
        for h in range(3):
            trPr = t.rows[h]._tr.get_or_add_trPr()
            th = OxmlElement("w:tblHeader")
            trPr.append(th)
        # merged label cells
        r0 = 3
        spans = {}
        for i, (group, sub, label, key) in enumerate(part):
            spans.setdefault(("g", group), []).append(r0 + i)
            spans.setdefault(("s", group, sub), []).append(r0 + i)
        for i, (group, sub, label, key) in enumerate(part):
            r = r0 + i
            if group is None:
                set_cell(t.cell(r, 0).merge(t.cell(r, 2)), label)
            elif sub is None:
                set_cell(t.cell(r, 1).merge(t.cell(r, 2)), label)
            else:
                set_cell(t.cell(r, 2), label)
            for c, v in enumerate(values["applications." + key]):
                set_cell(t.cell(r, 3 + c), v, runs=1,
                         deleted="1" if key == "new_received" and c == 0 else None)
        for k, rows in spans.items():
            if k[0] == "g" and k[1] is not None:
                set_cell(t.cell(rows[0], 0).merge(t.cell(rows[-1], 0)), k[1])
            if k[0] == "s" and k[2] is not None:
                set_cell(t.cell(rows[0], 1).merge(t.cell(rows[-1], 1)), k[2])
        widths(t, [1.4, 1.6, 5.0] + [1.3] * 7)

    # 四
    para(headings[2], bold=True)
    t = d.add_table(rows=4, cols=15)
    t.style = "Table Grid"
    if headers:
        set_cell(t.cell(0, 0).merge(t.cell(0, 4)), "行政复议")
        set_cell(t.cell(0, 5).merge(t.cell(0, 14)), "行政诉讼")
        for i, f in enumerate(REVIEW_FIELDS):
            set_cell(t.cell(1, i).merge(t.cell(2, i)), f)
        set_cell(t.cell(1, 5).merge(t.cell(1, 9)), "未经复议直接起诉")
        set_cell(t.cell(1, 10).merge(t.cell(1, 14)), "复议后起诉")
        for i, f in enumerate(REVIEW_FIELDS * 2):
            set_cell(t.cell(2, 5 + i), f)
    vs = [v for key in ("review", "litigation_direct", "litigation_after_review")
          for v in values["review_litigation." + key]]
    for i, v in enumerate(vs):
        set_cell(t.cell(3, i), v, runs=1)
    widths(t, [1.16] * 15)

    for line in after:
        para(line.strip(), bold=bool(re.match(r"^[一二三四五六七八九十]、", line.strip())), runs=2)
    d.save(path)


# Bad files -----------------------------------------------------------------------

def make_zipbomb(path, expanded=128 * 1024 * 1024):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            chunk = b" " * (1024 * 1024)
            for _ in range(expanded // len(chunk)):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")


# .doc ------------------------------------------------------------------------------

def convert_to_doc(soffice, docx_path, out_dir, profile):
    """LibreOffice's "MS Word 97" filter: the .docx as a Word 97–2003 file"""
    subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + profile,
                    "--convert-to", "doc", "--outdir", out_dir, docx_path], check=True,
                   stdout=subprocess.DEVNULL)


def doc_clx(data):
    """(offset of the Clx's Pcdt in the file, its lcb): found through the FIB
    (fcClx/lcbClx at 0x1A2 of WordDocument, whose first sector holds it) and
    the Pcdt's bytes (0x02, lcb, CP 0) in the table stream"""
    fib = next(i for i in range(512, len(data), 512)
               if data[i: i + 2] == b"\xec\xa5" and int.from_bytes(data[i + 2: i + 4], "little") >= 0xC0)
    lcb = int.from_bytes(data[fib + 0x1A6: fib + 0x1AA], "little")
    pcdt = data.find(b"\x02" + (lcb - 5).to_bytes(4, "little") + b"\x00\x00\x00\x00")
    assert pcdt > 0, "no piece table"
    return fib, pcdt, lcb - 5


def make_doc_variants(out):
    """from haidian-2022.doc: cut short, a broken piece table, the FIB's
    fEncrypted flag set (LibreOffice writes no encrypted .doc from the
    command line; the reader refuses on that flag)"""
    data = open(os.path.join(out, "haidian-2022.doc"), "rb").read()
    open(os.path.join(out, "truncated.doc"), "wb").write(data[: len(data) * 3 // 5])
    fib, pcdt, lcb = doc_clx(data)
    n = (lcb - 4) // 12
    broken = bytearray(data)
    # the first piece's text placed past the end of WordDocument
    first_pcd = pcdt + 5 + (n + 1) * 4
    broken[first_pcd + 2: first_pcd + 6] = (0x3FFFFFF0).to_bytes(4, "little")
    open(os.path.join(out, "corrupt-pieces.doc"), "wb").write(bytes(broken))
    encrypted = bytearray(data)
    encrypted[fib + 0x0A] |= 0x00   # low byte of the flags
    encrypted[fib + 0x0B] |= 0x01   # fEncrypted (0x0100)
    open(os.path.join(out, "encrypted.doc"), "wb").write(bytes(encrypted))


def make_docs(out):
    """haidian-2022.doc, beidaihe-2022.doc: the committed .docx fixtures
    (tracked deletions, merged cells and all) saved by LibreOffice as Word
    97–2003; then the broken variants"""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("soffice not found: the .doc files were not remade", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("haidian-2022", "beidaihe-2022"):
            convert_to_doc(soffice, os.path.join(out, name + ".docx"), tmp, tmp + "/profile")
            shutil.copy(os.path.join(tmp, name + ".doc"), os.path.join(out, name + ".doc"))
    make_doc_variants(out)


def make_scanned_pdf(path):
    """One A4 page that is a picture of text only: no text layer."""
    w, h = 240, 340
    rows = bytearray()
    for y in range(h):
        rows.append(0)
        for x in range(w):
            ink = (20 <= x < 220 and (y // 6) % 3 == 0 and 30 <= y < 320 and (x // 9) % 4 != 3)
            rows.append(40 if ink else 250)
    img = zlib.compress(bytes(rows))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns %d >> /Length %d >>\nstream\n" % (w, h, w, len(img)) + img + b"\nendstream",
    ]
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(path, "wb").write(bytes(out))


# A page that only announces its report: the title, and the report itself as
# an attached file (as some offices publish it).
REPORT_ATTACHED = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>示例区水务局2022年政府信息公开工作年度报告_政府信息公开年报</title></head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/zwgk/nb/2021nb.pdf?v=2">上一年度</a></div>
<div class="article_title">示例区水务局2022年政府信息公开工作年度报告</div>
<div class="article_content"><p>示例区水务局2022年政府信息公开工作年度报告</p></div>
<div class="article_attachment"><span>附件下载</span>
<ul><li><a href="./P020230115000000000001.DOC">示例区水务局2022年政府信息公开工作年度报告.doc</a></li></ul></div>
<div class="footer">京ICP备05060933号</div>
</body></html>
"""

NO_REPORT = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>区政府召开2022年度工作会议_新闻中心</title></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/news/">新闻中心</a></div>
<h1>区政府召开2022年度工作会议</h1>
<p>1月18日，区政府召开2022年度工作会议，总结全年工作，部署下一步任务。</p>
<p>会议指出，政府信息公开工作取得积极进展，全年主动公开信息2万余条。</p>
<table border="1"><tr><th>项目</th><th>数量</th></tr>
<tr><td>会议</td><td>12</td></tr><tr><td>培训</td><td>3</td></tr></table>
<div class="footer">京ICP备05060933号</div>
</body></html>
"""


def main():
    values = read_sample_values()
    out = HERE
    w = lambda name, data: open(os.path.join(out, name), "wb").write(data)

    w("haidian-2022.html", make_html(
        "haidian-2022.txt", values["haidian"], "北京市海淀区人民政府",
        '<meta charset="utf-8">', blanks=("&nbsp;",),
        title_lines=["北京市海淀区人民政府2022年政府信息公开", "工作年度报告"]).encode("utf-8"))
    w("pinggu-2022-gbk.html", make_html(
        "pinggu-2022.txt", values["pinggu"], "北京市平谷区人民政府",
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        title_lines=["北京市平谷区人民政府", "2022年政府信息公开工作年度报告"]).encode("gbk"))
    w("anding-2022-gbk-nometa.html", make_html(
        "anding-2022.txt", values["anding"], "北京市大兴区安定镇人民政府", "",
        title_lines=["北京市大兴区安定镇人民政府", "2022年政府信息公开工作年度报告"]).encode("gbk"))
    w("beidaihe-2022-nested.html", make_html(
        "beidaihe-2022-pipes.txt", values["beidaihe"], "北戴河区人民政府办公室",
        '<meta charset="utf-8">', blanks=("/", "&nbsp;", "／"), nested=True).encode("utf-8"))
    # the title only in the page's <title> (the browser's title bar), not
    # in its text
    w("anding-2022-title-in-head.html", make_html(
        "anding-2022.txt", values["anding"], "北京市大兴区安定镇人民政府", '<meta charset="utf-8">',
        title_lines=["北京市大兴区安定镇人民政府", "2022年政府信息公开工作年度报告"],
        title_in_body=False).encode("utf-8"))
    w("no-report.html", NO_REPORT.encode("utf-8"))
    w("report-attached.html", REPORT_ATTACHED.encode("utf-8"))

    make_docx("haidian-2022.txt", values["haidian"], os.path.join(out, "haidian-2022.docx"),
              ["北京市海淀区人民政府2022年政府信息公开", "工作年度报告"])
    make_docx("beidaihe-2022-pipes.txt", values["beidaihe"], os.path.join(out, "beidaihe-2022.docx"), [])

    docx_bytes = open(os.path.join(out, "haidian-2022.docx"), "rb").read()
    w("truncated.docx", docx_bytes[: len(docx_bytes) * 3 // 5])
    make_zipbomb(os.path.join(out, "zipbomb.docx"))
    make_docs(out)
    make_scanned_pdf(os.path.join(out, "scanned.pdf"))

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        with tempfile.TemporaryDirectory() as tmp:
            # printed as Word prints without markup: tracked deletions hidden
            make_docx("haidian-2022.txt", values["haidian"], os.path.join(tmp, "haidian-2022.docx"),
                      ["北京市海淀区人民政府2022年政府信息公开", "工作年度报告"], deletions=False)
            make_docx("beidaihe-2022-pipes.txt", values["beidaihe"], os.path.join(tmp, "beidaihe-2022.docx"),
                      [], deletions=False)
            # the tables without their header rows: nothing tells the
            # columns of a row that gives fewer values than columns
            make_docx("beidaihe-2022-pipes.txt", values["beidaihe"],
                      os.path.join(tmp, "beidaihe-2022-noheader.docx"), [], deletions=False, headers=False)
            for name in ("haidian-2022", "beidaihe-2022", "beidaihe-2022-noheader"):
                subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
                                "--convert-to", "pdf", "--outdir", tmp,
                                os.path.join(tmp, name + ".docx")], check=True,
                               stdout=subprocess.DEVNULL)
                shutil.copy(os.path.join(tmp, name + ".pdf"), os.path.join(out, name + ".pdf"))
    else:
        print("soffice not found: the PDFs were not remade", file=sys.stderr)
    if shutil.which("qpdf") and os.path.exists(os.path.join(out, "haidian-2022.pdf")):
        subprocess.run(["qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--",
                        os.path.join(out, "haidian-2022.pdf"), os.path.join(out, "encrypted.pdf")],
                       check=True)
    # the web page printed to PDF by Chromium (`chromium --headless
    # --print-to-pdf`, Letter, its own running head and foot on every page:
    # the date and the page's title above, its address and "3/5" below; its
    # fonts give glyph boxes 2.6 times as high as wide, higher than the
    # pitch of the table's rows)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(os.path.join(out, "haidian-2022.html"), tmp)
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                            "--print-to-pdf=" + os.path.join(out, "haidian-2022-chromium.pdf"),
                            "file://" + os.path.join(tmp, "haidian-2022.html")],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        print("chromium not found: haidian-2022-chromium.pdf was not remade", file=sys.stderr)
    # and its `pdftotext -layout` text: the running head and foot on every
    # page, the numbers of the narrow columns one space apart
    if shutil.which("pdftotext") and os.path.exists(os.path.join(out, "haidian-2022-chromium.pdf")):
        subprocess.run(["pdftotext", "-layout", os.path.join(out, "haidian-2022-chromium.pdf"),
                        os.path.join(out, "haidian-2022-chromium.txt")], check=True)
    # the text a PDF viewer's copy (pdftotext without -layout) makes of the
    # Haidian PDF: the tables' labels and numbers in separate runs
    if shutil.which("pdftotext") and os.path.exists(os.path.join(out, "haidian-2022.pdf")):
        subprocess.run(["pdftotext", os.path.join(out, "haidian-2022.pdf"),
                        os.path.join(out, "haidian-2022-reading-order.txt")], check=True)


if __name__ == "__main__":
    main()
