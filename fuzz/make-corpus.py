#!/usr/bin/env python3
"""make-corpus.py: writes the seed corpora of the fuzz targets (fuzz/corpus/).

    fuzz/make-corpus.py [GXREPORTS-CLI]

Every seed is made here from a small invented report (the national form's
labels, our own figures and text) in the shape each target takes: text
(pipes, cells per line, pdftotext -layout), HTML, word/document.xml (the
docx target zips it), the streams of a .doc fixture (the doc target puts
them into an OLE file), a PDF content stream (the pdf target wraps it), the
prose alone, several files for check, JSON (written by the CLI given, from
the text seeds).  Deterministic: the same files each run.
"""
import html
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'corpus')

APPL_ROWS = [
    ('一、本年新收政府信息公开申请数量', 'new'),
    ('二、上年结转政府信息公开申请数量', 'over'),
    ('三、本年度办理结果 | (一)予以公开', 'r'),
    ('(二)部分公开(区分处理的,只计这一情形,不计其他情形)', 'r'),
    ('(三)不予公开 | 1.属于国家秘密', 'z'),
    ('2.其他法律行政法规禁止公开', 'z'),
    ('3.危及“三安全一稳定”', 'z'),
    ('4.保护第三方合法权益', 'z'),
    ('5.属于三类内部事务信息', 'z'),
    ('6.属于四类过程性信息', 'z'),
    ('7.属于行政执法案卷', 'z'),
    ('8.属于行政查询事项', 'z'),
    ('(四)无法提供 | 1.本机关不掌握相关政府信息', 'r'),
    ('2.没有现成信息需要另行制作', 'z'),
    ('3.补正后申请内容仍不明确', 'z'),
    ('(五)不予处理 | 1.信访举报投诉类申请', 'z'),
    ('2.重复申请', 'z'),
    ('3.要求提供公开出版物', 'z'),
    ('4.无正当理由大量反复申请', 'z'),
    ('5.要求行政机关确认或重新出具已获取信息', 'z'),
    ('(六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'z'),
    ('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'z'),
    ('3.其他', 'z'),
    ('(七)总计', 'total'),
    ('四、结转下年度继续办理', 'fwd'),
]


def report(issuer, year, new, over, granted, partly, unable, fwd, fee='0', prose_extra=''):
    """A small report: prose, then the tables as pipe rows ('|' cells)."""
    done = granted + partly + unable
    assert new + over == done + fwd
    lines = [f'{issuer}{year}年政府信息公开工作年度报告',
             '根据《中华人民共和国政府信息公开条例》规定，编制本报告。'
             f'本报告所列数据统计期限为{year}年1月1日至{year}年12月31日。',
             '一、总体情况',
             f'本年度共受理申请{new + over}件，其中：结转自上年度{over}件，已答复{done}件，'
             f'结转下年度继续办理{fwd}件。{prose_extra}',
             '二、主动公开政府信息情况',
             '第二十条第(一)项 | |||',
             '信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
             '规章 | 0 | 0 | 2 |',
             '行政规范性文件 | 3 | 1 | 12 |',
             '第二十条第(五)项 | |||',
             '信息内容 | 本年处理决定数量 | ||',
             '行政许可 | 120 | ||',
             '第二十条第(六)项 | |||',
             '信息内容 | 本年处理决定数量 | ||',
             '行政处罚 | 45 | ||',
             '行政强制 | 0 | ||',
             '第二十条第(八)项 | |||',
             '信息内容 | 本年收费金额(单位:万元) | ||',
             f'行政事业性收费 | {fee} |',
             '三、收到和处理政府信息公开申请情况',
             '(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||',
             '自然人 | 法人或其他组织 | 总计 | |||||||',
             '商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||']
    values = {'new': new, 'over': over, 'total': done, 'fwd': fwd}
    rs = iter([granted, partly, unable])
    for label, kind in APPL_ROWS:
        v = values.get(kind)
        if kind == 'r':
            v = next(rs)
        if v is None or v == 0:
            lines.append(f'{label} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |')
        else:
            lines.append(f'{label} | {v - 1} | 1 | 0 | 0 | 0 | 0 | {v} |')
    lines += ['四、政府信息公开行政复议、行政诉讼情况',
              '行政复议 | 行政诉讼 | |||||||||||||',
              '结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||',
              '结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | |||||',
              '2 | 1 | 0 | 0 | 3 | 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 |',
              '五、存在的主要问题及改进情况',
              '政策解读的形式还不够丰富。下一步将加强培训。',
              '六、其他需要报告的事项',
              '本年度未收取信息处理费。',
              issuer,
              f'{year + 1}年1月20日']
    return lines


def cells(line):
    return [c.strip() for c in line.split('|') if c.strip() != '' or False] if '|' in line else None


def as_pipes(lines):
    return '\n'.join(lines) + '\n'


def as_cell_lines(lines):
    """One cell a line: a label, then its values after TABs (the samples' layout)."""
    out = []
    for line in lines:
        c = cells(line)
        if c is None:
            out.append(line)
        else:
            out.append(c[0])
            out += ['\t' + v for v in c[1:]]
    return '\n'.join(out) + '\n'


def as_layout(lines):
    """Columns set apart by runs of spaces, as pdftotext -layout prints them."""
    out = []
    for line in lines:
        c = cells(line)
        if c is None:
            out.append(line)
        else:
            label = c[0].replace(' | ', ' ')
            out.append(label + ' ' * max(2, 40 - len(label) * 2) + ''.join(v.rjust(6) for v in c[1:]))
    return '\n'.join(out) + '\n'


def as_html(lines, charset='utf-8'):
    out = [f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{html.escape(lines[0])}</title></head><body>',
           '<div class="nav"><a href="/">首页</a> &gt; <a href="/gk">政府信息公开</a></div>']
    table = False
    for line in lines:
        c = cells(line)
        if c is None:
            if table:
                out.append('</table>')
                table = False
            out.append(f'<p>{html.escape(line)}</p>')
        else:
            if not table:
                out.append('<table border="1">')
                table = True
            tds = ''.join(f'<td>{html.escape(v)}</td>' for v in c)
            out.append(f'<tr>{tds}</tr>')
    if table:
        out.append('</table>')
    out.append('<div class="footer">主办单位：测试区人民政府办公室</div></body></html>')
    return '\n'.join(out) + '\n'


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def wp(text):
    return f'<w:p><w:r><w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r></w:p>'


def as_document_xml(lines):
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>']
    table = False
    for line in lines:
        c = cells(line)
        if c is None:
            if table:
                out.append('</w:tbl>')
                table = False
            out.append(wp(line))
        else:
            if not table:
                out.append('<w:tbl>')
                table = True
            span = '<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' if len(c) == 1 else ''
            tcs = ''.join(f'<w:tc>{span}{wp(v)}</w:tc>' for v in c)
            out.append(f'<w:tr>{tcs}</w:tr>')
    if table:
        out.append('</w:tbl>')
    out.append('<w:sectPr/></w:body></w:document>')
    return ''.join(out)


def hexs(text):
    return '<' + ''.join(f'{ord(ch):04X}' for ch in text if ord(ch) < 0x10000) + '>'


def as_content_stream(lines):
    """Text drawn with /F2 (codes are code points): one line each 12 pt."""
    out = []
    y = 800
    for line in lines:
        c = cells(line)
        if c is None:
            c = [line[:40]]
        for i, v in enumerate(c):
            x = 40 if i == 0 else 230 + 42 * (i - 1)
            out.append(f'BT /F2 7 Tf 1 0 0 1 {x} {y} Tm {hexs(v[:30])} Tj ET')
        y -= 12
        if y < 40:
            break
    return '\n'.join(out) + '\n'


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def ole_streams(data):
    """{name: bytes} of the streams at the top of an OLE file (MS-CFB),
    enough for LibreOffice's .doc files"""
    shift = struct.unpack_from('<H', data, 0x1E)[0]
    ss = 1 << shift
    n_fat, first_dir = struct.unpack_from('<II', data, 0x2C)
    cutoff, first_minifat = struct.unpack_from('<II', data, 0x38)
    difat = list(struct.unpack_from('<109I', data, 0x4C))[:n_fat]
    sector = lambda i: data[(i + 1) * ss:(i + 2) * ss]
    fat = []
    for s in difat:
        fat += struct.unpack('<%dI' % (ss // 4), sector(s))
    def chain(first, table, read):
        out, s = b'', first
        while s < 0xFFFFFFFA:
            out += read(s)
            s = table[s]
        return out
    dirs = chain(first_dir, fat, sector)
    entries = [dirs[i:i + 128] for i in range(0, len(dirs), 128)]
    root = entries[0]
    mini = chain(struct.unpack_from('<I', root, 0x74)[0], fat, sector)
    minifat_b = chain(first_minifat, fat, sector) if first_minifat < 0xFFFFFFFA else b''
    minifat = struct.unpack('<%dI' % (len(minifat_b) // 4), minifat_b)
    out = {}
    for e in entries[1:]:
        if e[0x42] != 2:
            continue
        name = e[:struct.unpack_from('<H', e, 0x40)[0] - 2].decode('utf-16-le')
        start, size = struct.unpack_from('<II', e, 0x74)
        if size < cutoff:
            body = chain(start, minifat, lambda i: mini[i * 64:(i + 1) * 64])
        else:
            body = chain(start, fat, sector)
        out[name] = body[:size]
    return out


def doc_seed(path):
    """a .doc fixture of tests/data/formats (LibreOffice's save of our own
    .docx fixture) in the shape fuzz-doc takes: the lengths of WordDocument
    and of the table stream, then WordDocument, the table stream, Data"""
    streams = ole_streams(open(path, 'rb').read())
    doc, table, data = streams['WordDocument'], streams['1Table'], streams.get('Data', b'')
    return struct.pack('<II', len(doc), len(table)) + doc + table + data


def main():
    a21 = report('北京市测试区人民政府', 2021, 20, 1, 15, 2, 2, 2)
    a22 = report('北京市测试区人民政府', 2022, 30, 2, 25, 3, 1, 3, fee='0.35',
                 prose_extra='引发行政复议3件，其中维持2件、纠错1件。公开行政规范性文件3件，行政许可120件。')
    u22 = report('北京市测试区测试局', 2022, 12, 0, 10, 1, 1, 0, prose_extra='共受理申请12件。')

    write('text', 'pipes.txt', as_pipes(a22))
    write('text', 'cells.txt', as_cell_lines(a21))
    write('text', 'layout.txt', as_layout(u22))
    write('text', 'gb18030.txt', as_pipes(u22).encode('gb18030'))
    write('text', 'utf16.txt', b'\xff\xfe' + as_pipes(a21).encode('utf-16-le'))

    write('html', 'report.html', as_html(a22))
    write('html', 'gbk.html', as_html(u22, 'gbk').encode('gbk'))
    write('html', 'nested.html', as_html(a21).replace('<td>2 </td>', '<td rowspan="2" colspan="2"><table><tr><td>2</td></tr></table></td>'))

    write('docx', 'document.xml', as_document_xml(a22))
    write('docx', 'unit.xml', as_document_xml(u22))

    formats = os.path.join(os.path.dirname(HERE), 'tests', 'data', 'formats')
    write('doc', 'haidian.streams', doc_seed(os.path.join(formats, 'haidian-2022.doc')))
    write('doc', 'beidaihe.streams', doc_seed(os.path.join(formats, 'beidaihe-2022.doc')))
    with open(os.path.join(formats, 'beidaihe-2022.doc'), 'rb') as f:
        write('doc', 'beidaihe.doc', f.read())

    write('pdf', 'report.content', as_content_stream(a22))
    write('pdf', 'unit.content', as_content_stream(u22))

    prose = [l for l in a22 if '|' not in l]
    write('prose', 'report.txt', b'\x83' + '\n'.join(prose).encode('utf-8'))
    write('prose', 'empty-tables.txt', b'\x02' + '\n'.join(prose).encode('utf-8'))
    write('prose', 'sections.txt', b'\x84' + '\n'.join(
        ['一、总体情况', '本年度共受理申请32件。', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
         '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '无。',
         '六、其他需要报告的事项', '本年度未收取信息处理费。收取信息处理费120元。',
         '本报告所列数据统计期限为2021年1月1日至2021年12月31日。']).encode('utf-8'))

    sep = '\n@@@@\n'
    write('check', 'years.txt', b'\x00' + (as_pipes(a21) + sep + as_pipes(a22)).encode('utf-8'))
    write('check', 'workspace.txt', b'\x01' + (as_pipes(a21) + sep + as_pipes(a22)).encode('utf-8'))
    write('check', 'rollup.txt', b'\x02' + (as_pipes(a22) + sep + as_pipes(u22) + sep + as_pipes(a21)).encode('utf-8'))

    write('workspace', 'report.txt', as_pipes(a22))

    cli = sys.argv[1] if len(sys.argv) > 1 else None
    if cli:
        tmp = os.path.join(OUT, 'text')
        for name, target in (('pipes.txt', 'json'), ('layout.txt', 'json')):
            j = subprocess.run([cli, 'check', '--json', os.path.join(tmp, name)],
                               capture_output=True, check=False).stdout
            write(target, name.replace('.txt', '.json'), j)
            write('workspace', name.replace('.txt', '.json'), j)
        both = subprocess.run([cli, 'check', '--json', os.path.join(tmp, 'pipes.txt'), os.path.join(tmp, 'gb18030.txt')],
                              capture_output=True, check=False).stdout
        write('json', 'two.json', both)
        write('workspace', 'two.json', both)
    write('json', 'deep.json', '[' * 70 + ']' * 70)
    write('json', 'object.json', '{"issuer": "测试", "year": 2022, "source": "a.txt", "format_version": "2021"}')


if __name__ == '__main__':
    main()
