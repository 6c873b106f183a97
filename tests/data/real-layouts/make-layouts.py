#!/usr/bin/python3
"""make-layouts.py: remakes the layout fixtures of tests/test-layouts.c

    python3 tests/data/real-layouts/make-layouts.py

Each fixture is a small report of made-up values (the same ones each time,
in VALUES below; tests/test-layouts.c asserts them by hand) laid out the way
real published reports lay out their tables: merged value cells, rows
missing or merged, damaged labels, headings worded otherwise or missing,
Word and WPS markup, Markdown copies of PDFs, the 2019 form with units.
They reproduce layout features only; none is a copy of a published report.
The tests read the committed files; run this only to remake them.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

COLS = 7
# section 三, in the order of the form: (numbering+label, key, values)
APPLICATIONS = [
    ("一、本年新收政府信息公开申请数量", "new_received", [20, 1, 0, 1, 0, 0, 22]),
    ("二、上年结转政府信息公开申请数量", "carried_over", [2, 0, 0, 0, 0, 0, 2]),
    ("（一）予以公开", "granted", [8, 1, 0, 0, 0, 0, 9]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_granted", [3, 0, 0, 0, 0, 0, 3]),
    ("1.属于国家秘密", "withheld_state_secret", [0] * 7),
    ("2.其他法律行政法规禁止公开", "withheld_prohibited_by_law", [1, 0, 0, 0, 0, 0, 1]),
    ("3.危及“三安全一稳定”", "withheld_safety_stability", [0] * 7),
    ("4.保护第三方合法权益", "withheld_third_party", [0] * 7),
    ("5.属于三类内部事务信息", "withheld_internal_affairs", [0] * 7),
    ("6.属于四类过程性信息", "withheld_process_info", [1, 0, 0, 0, 0, 0, 1]),
    ("7.属于行政执法案卷", "withheld_enforcement_file", [0] * 7),
    ("8.属于行政查询事项", "withheld_inquiry", [0] * 7),
    ("1.本机关不掌握相关政府信息", "unavailable_not_held", [5, 0, 0, 1, 0, 0, 6]),
    ("2.没有现成信息需要另行制作", "unavailable_needs_creation", [1, 0, 0, 0, 0, 0, 1]),
    ("3.补正后申请内容仍不明确", "unavailable_unclear", [0] * 7),
    ("1.信访举报投诉类申请", "not_processed_petition", [1, 0, 0, 0, 0, 0, 1]),
    ("2.重复申请", "not_processed_duplicate", [0] * 7),
    ("3.要求提供公开出版物", "not_processed_publication", [0] * 7),
    ("4.无正当理由大量反复申请", "not_processed_excessive", [0] * 7),
    ("5.要求行政机关确认或重新出具已获取信息", "not_processed_confirmation", [0] * 7),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_no_correction", [0] * 7),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_no_fee", [0] * 7),
    ("3.其他", "other_misc", [1, 0, 0, 0, 0, 0, 1]),
    ("（七）总计", "results_total", [21, 1, 0, 1, 0, 0, 23]),
    ("四、结转下年度继续办理", "carried_forward", [1, 0, 0, 0, 0, 0, 1]),
]
REVIEW = [2, 1, 0, 1, 4, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1]

PROSE = "<p>本年度，本机关认真贯彻《中华人民共和国政府信息公开条例》，现将有关情况报告如下。</p>"


def td(text, colspan=1, rowspan=1, cls=None, word=False):
    attrs = ""
    if colspan > 1:
        attrs += ' colspan="%d"' % colspan
    if rowspan > 1:
        attrs += ' rowspan="%d"' % rowspan
    if cls:
        attrs += ' class="%s"' % cls
    if word:
        text = '<p class="MsoNormal"><span>%s</span><o:p></o:p></p>' % text
    return "<td%s>%s</td>" % (attrs, text)


def tr(cells):
    return "<tr>" + "".join(cells) + "</tr>\n"


def disclosure_table(word=False, fee="12.5", regulations=True, header_typo=False,
                     colgroup=False):
    t = '<table border="1" class="et2">\n' if colgroup else '<table border="1">\n'
    if colgroup:
        t += '<colgroup><col width="200"><col width="90" span="3"></colgroup>\n'
    t += tr([td("第二十条第（一）项", 4, word=word)])
    t += tr([td(x, word=word) for x in ["信息内容", "本年制发件数", "本年废止件数",
                                        "先行有效件数" if header_typo else "现行有效件数"]])
    if regulations:
        t += tr([td("规章", word=word)] + [td(v, word=word) for v in ["1", "0", "4"]])
    t += tr([td("规范性文件" if header_typo else "行政规范性文件", word=word)] +
            [td(v, word=word) for v in ["6", "2", "30"]])
    t += tr([td("第二十条第（五）项", 4, word=word)])
    t += tr([td("信息内容", word=word), td("本年处理决定数量", 3, word=word)])
    t += tr([td("行政许可", word=word), td("321", 3, word=word)])
    t += tr([td("第二十条第（六）项", 4, word=word)])
    t += tr([td("信息内容", word=word), td("本年处理决定数量", 3, word=word)])
    t += tr([td("行政处罚", word=word), td("45", 3, word=word)])
    t += tr([td("行政强制", word=word), td("7", 3, word=word)])
    t += tr([td("第二十条第（八）项", 4, word=word)])
    t += tr([td("信息内容", word=word), td("本年收费金额（单位：万元）", 3, word=word)])
    t += tr([td("行政事业性收费", word=word), td(fee, 3, word=word)])
    return t + "</table>\n"


def applications_table(rows, word=False, label_of=None, one_other=False, drop=(),
                       heading_in_table=False, unit=""):
    """rows: APPLICATIONS; label_of: key -> label as published; one_other:
    （六）其他处理 as one row with the values of other_misc; drop: keys left out."""
    label_of = label_of or {}
    t = '<table border="1">\n'
    if heading_in_table:
        t += tr([td("三、收到和处理政府信息公开申请情况", 10, word=word)])
    t += tr([td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3, word=word),
             td("申请人情况", 7, word=word)])
    t += tr([td("自然人", 1, 2, word=word), td("法人或其他组织", 5, word=word),
             td("总计", 1, 2, word=word)])
    t += tr([td(x, word=word) for x in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]])
    for label, key, values in rows:
        if key in drop:
            continue
        if one_other and key in ("other_no_correction", "other_no_fee"):
            continue
        shown = label_of.get(key, label)
        cells = []
        if one_other and key == "other_misc":
            cells.append(td("（六）其他处理", 2, word=word))
        else:
            cells.append(td(shown, 2 if key in ("new_received", "carried_over", "results_total", "carried_forward") else 1, word=word))
        # the group cells a real table spans over: written as part of the row
        # before its label, as a CMS flattens them (no rowspan needed to read)
        if key not in ("new_received", "carried_over", "results_total", "carried_forward") and not (one_other and key == "other_misc"):
            cells.insert(0, td("", word=word))
        cells += [td(str(v) + unit, word=word) for v in values]
        t += tr(cells)
    return t + "</table>\n"


def review_table(word=False, unit=""):
    t = '<table border="1">\n'
    t += tr([td("行政复议", 5, word=word), td("行政诉讼", 10, word=word)])
    t += tr([td(x, 1, 2, word=word) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]] +
            [td("未经复议直接起诉", 5, word=word), td("复议后起诉", 5, word=word)])
    t += tr([td(x, word=word) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2])
    t += tr([td(str(v) + unit, word=word) for v in REVIEW])
    return t + "</table>\n"


def page(title, body, word=False):
    head = '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><title>%s</title></head><body>\n' % title
    return head + body + "</body></html>\n"


def h(text, word=False, tag="p"):
    if word:
        return '<p class="MsoNormal"><b><span>%s</span></b><o:p></o:p></p>\n' % text
    return "<%s>%s</%s>\n" % (tag, text, tag)


def end(word=False):
    return (h("五、存在的主要问题及改进情况", word) + h("无。", word) +
            h("六、其他需要报告的事项", word) + h("本年度未收取信息处理费。", word) +
            # a 4th table in section 六: not one of the three
            '<table border="1"><tr><td>信息处理费</td><td>收费数量</td></tr><tr><td>0</td><td>0</td></tr></table>\n')


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write(text)


# 1. merged value cells, headings worded otherwise or missing, WPS-ET tables
body = h("示例县文化旅游局2023年政府信息公开工作年度报告", tag="h1") + PROSE
body += h("一、总体情况") + h("本年度主动公开信息120条。")
body += h("二、主动公开政府信息情况", tag="h2") + disclosure_table(colgroup=True)
# no heading for section 三: found by its header cells
body += applications_table(APPLICATIONS, label_of={"granted": "（一）予以&nbsp;公开"})
body += h("四、政府信息公开行政复议与行政诉讼情况", tag="h3") + review_table()
body += end()
write("merged-cells.html", page("示例县文化旅游局", body))

# 2. a town: no 规章 row, typo in a header and a label, （六） as one row, Word markup
body = h("示例镇人民政府2023年政府信息公开工作年度报告", True) + PROSE
body += h("二、主动公开政府信息情况", True) + disclosure_table(word=True, regulations=False, header_typo=True)
body += h("三、收到和处理政府信息公开申请情况", True)
body += applications_table(APPLICATIONS, word=True, one_other=True,
                           label_of={"withheld_prohibited_by_law": "2.其他法律行政止公开",
                                     "unavailable_not_held": "1、本机关不掌握相关 政府信息"})
body += h("四、政府信息公开行政复议、行政诉讼情况", True) + review_table(word=True)
body += end(True)
write("town-variant.html", page("示例镇人民政府", body, True))

# 3. rows that cannot be placed: two labels the form does not know in a
# gap of three rows
body = h("示例区水务局2023年政府信息公开工作年度报告") + PROSE
body += h("二、主动公开政府信息情况") + disclosure_table()
body += h("三、收到和处理政府信息公开申请情况")
body += applications_table(APPLICATIONS, drop=("unavailable_unclear",),
                           label_of={"unavailable_not_held": "（见附注一）",
                                     "unavailable_needs_creation": "（见附注二）"})
body += h("四、政府信息公开行政复议、行政诉讼情况") + review_table()
body += end()
write("unread-rows.html", page("示例区水务局", body))

# 4. the fee with 6 decimals in a cell merged over three columns
body = h("示例市财政局2024年政府信息公开工作年度报告") + PROSE
body += h("二、主动公开政府信息情况") + disclosure_table(fee="3021.405217")
body += h("三、收到和处理政府信息公开申请情况") + applications_table(APPLICATIONS)
body += h("四、政府信息公开行政复议、行政诉讼情况") + review_table()
body += end()
write("fee-6-decimals.html", page("示例市财政局", body))

# 5. the 2019 form in a web page: merged value cells, units in cells
t = '<table border="1">\n'
t += tr([td("第二十条第（一）项", 4)])
t += tr([td(x) for x in ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]])
t += tr([td("规章")] + [td("0")] * 3)
t += tr([td("规范性文件")] + [td(v) for v in ["5", "5", "40"]])
t += tr([td("第二十条第（五）项", 4)])
t += tr([td(x) for x in ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]])
t += tr([td("行政许可")] + [td(v) for v in ["30", "2", "150"]])
t += tr([td("其他对外管理服务事项")] + [td(v) for v in ["4", "0", "12"]])
t += tr([td("第二十条第（六）项", 4)])
t += tr([td(x) for x in ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]])
t += tr([td("行政处罚")] + [td(v) for v in ["60", "-3", "210件"]])
t += tr([td("行政强制")] + [td(v) for v in ["8", "1", "9"]])
t += tr([td("第二十条第（八）项", 4)])
t += tr([td(x) for x in ["信息内容", "上一年项目数量", "本年增/减"]])
t += tr([td("行政事业性收费"), td("3"), td("0", 2)])
t += tr([td("第二十条第（九）项", 4)])
t += tr([td("信息内容"), td("采购项目数量"), td("采购总金额", 2)])
t += tr([td("政府集中采购"), td("17"), td("2841.5万元", 2)])
t += "</table>\n"
rows19 = [r for r in APPLICATIONS if r[1] not in ("other_no_correction", "other_no_fee")]
body = h("示例区教育局2020年政府信息公开工作年度报告") + PROSE
body += h("二、主动公开政府信息情况") + t
body += h("三、收到和处理政府信息公开申请情况") + applications_table(rows19, one_other=True)
body += h("四、政府信息公开行政复议、行政诉讼情况") + review_table()
body += end()
write("format2019-units.html", page("示例区教育局", body))

# 6. a Markdown copy of a PDF: title over two lines with the issuer after
# the year, prose hard-wrapped, page numbers, section 二 as lines of text,
# rows whose labels were split off into the text above them
md = ["正文", "2023 年示例市科委政府信息公开工作", "年度报告",
      "根据《中华人民共和国政府信息公开条例》的要求，市科委编制了 2023",
      "年度政府信息公开工作年度报告。", "-1-", "",
      "一、总体情况", "本年度市科委主动公开政府信息 120 条。", "",
      "二、主动公开政府信息情况", "第二十条第（五）项", "信息内容本年处理决定数量",
      "行政许可 321", "第二十条第（六）项", "信息内容本年处理决定数量", "行政处罚 45",
      "行政强制 7", "第二十条第（八）项", "信息内容本年收费金额（单位：万元）",
      "行政事业性收费 12.5", "## 表二：主动公开政府信息情况",
      "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "|---|---|---|---|",
      "| 规章 | 1 | 0 | 4 |", "| 行政规范性文件 | 6 | 2 | 30 |", "- 2 -", "",
      "三、收到和处理政府信息公开申请情况", "申请人情况", "## 表三",
      "| 业 | 构 | 益组织 | 务机构 |  |  |  |  |", "|---|---|---|---|---|---|---|---|"]
for label, key, values in APPLICATIONS:
    cells = [str(v) for v in values]
    if key in ("partially_granted", "unavailable_not_held", "unavailable_needs_creation"):
        # the label went into the text above, the values stayed a row
        md += [label[:9], label[9:]] if len(label) > 9 else [label]
        md += ["| " + " | ".join(cells) + " |", "|---|---|---|---|---|---|---|"]
    else:
        md += ["| " + label + " | " + " | ".join(cells) + " |"]
md += ["", "四、政府信息公开行政复议、行政诉讼情况", "行政复议行政诉讼",
       "| 维持 | 纠正 | 结果 | 审结 | 结果 | 结果 | 其他 | 尚未 | 结果 | 结果 | 其他 | 尚未 |",
       "|---|---|---|---|---|---|---|---|---|---|---|---|",
       "| " + " | ".join(str(v) for v in REVIEW) + " |", "",
       "五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。"]
write("report.md", "\n".join(md) + "\n")

# 7. a web page's tables copied as text (a browser's or a word processor's
# plain-text copy): cells between TABs, one row a line, the merged group
# cells only in the first row of their group (三、本年度办理结果 before
# （一）予以公开, （三）不予公开 before 1.属于国家秘密), the merged headers
# as short rows, section 四 as its header rows and one row of 15 values
GROUP_OF = {"granted": "三、本年度办理结果", "withheld_state_secret": "（三）不予公开",
            "unavailable_not_held": "（四）无法提供", "not_processed_petition": "（五）不予处理",
            "other_no_correction": "（六）其他处理"}
tsv = ["示例区市场监督管理局2023年政府信息公开工作年度报告",
       "本年度，本机关认真贯彻《中华人民共和国政府信息公开条例》，现将有关情况报告如下。",
       "二、主动公开政府信息情况", "第二十条第（一）项",
       "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
       "规章\t1\t0\t4", "行政规范性文件\t6\t2\t30",
       "第二十条第（五）项", "信息内容\t本年处理决定数量", "行政许可\t321",
       "第二十条第（六）项", "信息内容\t本年处理决定数量", "行政处罚\t45", "行政强制\t7",
       "第二十条第（八）项", "信息内容\t本年收费金额（单位：万元）", "行政事业性收费\t12.5",
       "三、收到和处理政府信息公开申请情况",
       "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
       "自然人\t法人或其他组织\t总计", "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]
for label, key, values in APPLICATIONS:
    cells = [label] + [str(v) for v in values]
    if key in GROUP_OF:
        cells.insert(0, GROUP_OF[key])
    if key == "withheld_state_secret":
        cells.insert(0, "三、本年度办理结果")   # a row under two merged cells at once
    if key in ("unavailable_needs_creation", "unavailable_unclear"):
        cells[0:0] = ["", ""]   # copied from a spreadsheet: the merged cells left empty
    tsv.append("\t".join(cells))
tsv += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议\t行政诉讼",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
        "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2),
        "\t".join(str(v) for v in REVIEW),
        "五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "本年度未收取信息处理费。"]
write("copied-tables.txt", "\n".join(tsv) + "\n")

# 8. the same tables in a spreadsheet saved as CSV: every column of the
# grid a field, a merged cell's value in its first field and the fields it
# covers empty (the group labels down the left, a label over two columns,
# the fee over three, the headers of section 四), a label with a line break
# inside its quoted field, the text above and below one field a line
import csv, io
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(["示例县林业局2022年政府信息公开工作年度报告"])
w.writerow(["本年度，本机关认真贯彻《中华人民共和国政府信息公开条例》，现将有关情况报告如下。"])
w.writerow(["二、主动公开政府信息情况"])
w.writerow(["第二十条第（一）项", "", "", ""])
w.writerow(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
w.writerow(["规章", "1", "0", "4"])
w.writerow(["行政规范性文件", "6", "2", "30"])
for item, head, rows in (("第二十条第（五）项", "本年处理决定数量", [("行政许可", "1,321")]),
                         ("第二十条第（六）项", "本年处理决定数量", [("行政处罚", "45"), ("行政强制", "7")]),
                         ("第二十条第（八）项", "本年收费金额（单位：万元）", [("行政事业性收费", "12.5")])):
    w.writerow([item, "", "", ""])
    w.writerow(["信息内容", head, "", ""])
    for label, value in rows:
        w.writerow([label, value, "", ""])
w.writerow(["三、收到和处理政府信息公开申请情况"])
w.writerow(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"] + [""] * 6)
w.writerow(["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"])
w.writerow(["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])
GROUP3 = {"granted": ("三、本年度办理结果", ""), "withheld_state_secret": ("", "（三）不予公开"),
          "unavailable_not_held": ("", "（四）无法提供"), "not_processed_petition": ("", "（五）不予处理"),
          "other_no_correction": ("", "（六）其他处理")}
for label, key, values in APPLICATIONS:
    if key == "withheld_state_secret":
        label = "1.属于国家\n秘密"   # a line break typed inside the cell
    if key in ("new_received", "carried_over", "results_total", "carried_forward"):
        lead = [label, "", ""]              # over the three label columns
    elif key in ("granted", "partially_granted"):
        lead = [GROUP3.get(key, ("", ""))[0], label, ""]   # over two columns
    else:
        lead = ["", GROUP3.get(key, ("", ""))[1], label]
    w.writerow(lead + [str(v) for v in values])
w.writerow(["四、政府信息公开行政复议、行政诉讼情况"])
w.writerow(["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9)
w.writerow(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "",
            "复议后起诉", "", "", "", ""])
w.writerow(["", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 1 +
           ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
w.writerow([str(v) for v in REVIEW])
for line in ("五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "本年度未收取信息处理费。"):
    w.writerow([line])
write("spreadsheet-tables.csv", buf.getvalue())

# 9. the 2019 form on a grid of five columns: a header cell and the values
# under it merged over the two middle columns, and value cells merged over
# two columns in the middle of a row (the merge not always under its header);
# （六）其他处理 all blank
t = '<table border="1">\n'
t += tr([td("第二十条第（一）项", 5)])
t += tr([td("信息内容"), td("本年新<br />制作数量"), td("本年新<br />公开数量", 2), td("对外公开总数量")])
t += tr([td("规章"), td("2"), td("2", 2), td("51")])
t += tr([td("规范性文件"), td("7"), td("6", 2), td("44")])
for item, rows in (("第二十条第（五）项", [("行政许可", "12", "3", "97"), ("其他对外管理服务事项", "5", "0", "8")]),
                   ("第二十条第（六）项", [("行政处罚", "20", "-2", "35"), ("行政强制", "1", "0", "4")])):
    t += tr([td(item, 5)])
    t += tr([td("信息内容"), td("上一年项目数量"), td("本年增/减", 2), td("处理决定数量")])
    for label, a, b, c in rows:
        t += tr([td(label), td(a, 2), td(b), td(c)])
t += tr([td("第二十条第（八）项", 5)])
t += tr([td("信息内容"), td("上一年项目数量", 2), td("本年增/减", 2)])
t += tr([td("行政事业性收费"), td("6", 2), td("1", 2)])
t += tr([td("第二十条第（九）项", 5)])
t += tr([td("信息内容"), td("采购项目数量", 2), td("采购总金额", 2)])
t += tr([td("政府集中采购"), td("4", 2), td("251000元", 2)])
t += "</table>\n"
# （六）其他处理, the 2019 form's one row, with every cell left empty
rows19_blank = [(label, key, [""] * 7 if key == "other_misc" else values)
                for label, key, values in rows19]
body = h("示例区司法局2019年政府信息公开工作年度报告") + PROSE
body += h("二、主动公开政府信息情况") + t
body += h("三、收到和处理政府信息公开申请情况") + applications_table(rows19_blank, one_other=True)
body += h("四、政府信息公开行政复议、行政诉讼情况") + review_table()
body += end()
write("format2019-grid.html", page("示例区司法局", body))

# 10. a Markdown copy of a PDF whose converter lost a cell of section 二 (the
# 本年废止件数 of 规章 printed over two lines): "| 规章 | 3 | 40 |"
md = ["# 示例市审计局2024年政府信息公开工作年度报告", "",
      "一、总体情况", "本年度主动公开政府信息 80 条。", "",
      "二、主动公开政府信息情况", "",
      "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "|---|---|---|---|",
      "| 规章 | 3 | 40 |", "| 行政规范性文件 | 6 | 2 | 30 |",
      "| 信息内容 | 本年处理决定数量 |", "|---|---|", "| 行政许可 | 321 |",
      "| 行政处罚 | 45 |", "| 行政强制 | 7 |",
      "| 信息内容 | 本年收费金额（单位：万元） |", "|---|---|", "| 行政事业性收费 | 12.5 |", "",
      "三、收到和处理政府信息公开申请情况", "",
      "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
      "|---|---|---|---|---|---|---|---|"]
md += ["| " + label + " | " + " | ".join(str(v) for v in values) + " |"
       for label, key, values in APPLICATIONS]
md += ["", "四、政府信息公开行政复议、行政诉讼情况", "",
       "| " + " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3) + " |",
       "|" + "---|" * 15, "| " + " | ".join(str(v) for v in REVIEW) + " |", "",
       "五、存在的主要问题及改进情况", "政策解读形式还不够丰富。", "六、其他需要报告的事项", "无。"]
write("pipe-disclosure.md", "\n".join(md) + "\n")

# 11. every count printed with its unit (件), section 四's row of values too
body = h("示例县住建局2024年政府信息公开工作年度报告") + PROSE
body += h("二、主动公开政府信息情况") + disclosure_table()
body += h("三、收到和处理政府信息公开申请情况") + applications_table(APPLICATIONS, unit="件")
body += h("四、政府信息公开行政复议、行政诉讼情况") + review_table(unit="件")
body += end()
write("units-in-cells.html", page("示例县住建局", body))
