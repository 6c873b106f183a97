#!/usr/bin/env python3
"""make-dicts.py: writes the libFuzzer dictionaries fuzz/dict/*.dict (run from the top folder).

Tokens of each format: the form's labels, the prose's phrases, markup, PDF text
operators, JSON keys.  UTF-8 is written as \\x escapes (libFuzzer takes only
printable ASCII between the quotes).
"""
import os
def esc(s):
    b = s if isinstance(s, bytes) else s.encode('utf-8')
    out = ''
    for c in b:
        if 32 <= c < 127 and c not in (ord('"'), ord('\\')):
            out += chr(c)
        else:
            out += '\\x%02X' % c
    return '"' + out + '"'
common_zh = ['一、','二、','三、','四、','五、','六、','（一）','(二)','第二十条第(一)项','信息内容','本年制发件数','本年废止件数','现行有效件数','规章','行政规范性文件','行政许可','行政处罚','行政强制','行政事业性收费','本年收费金额(单位:万元)','本年处理决定数量','申请人情况','自然人','法人或其他组织','商业企业','科研机构','社会公益组织','法律服务机构','其他','总计','本年新收政府信息公开申请数量','上年结转政府信息公开申请数量','本年度办理结果','予以公开','部分公开','不予公开','无法提供','不予处理','其他处理','结转下年度继续办理','行政复议','行政诉讼','结果维持','结果纠正','其他结果','尚未审结','未经复议直接起诉','复议后起诉','政府信息公开工作年度报告','人民政府','年','月','日','件','万元','元','无','—','/','　','，','。','；','：','、','本年度对外公开总数量','本年新公开数量','对外公开总数量','上年新增','信息处理费']
prose_zh = ['共受理申请','其中','结转自上年度','已答复','结转下年度继续办理','引发行政复议','维持','纠错','引发行政诉讼','公开行政规范性文件','行政许可','行政事业性收费','万元','含垂管部门','本报告所列数据统计期限为','年1月1日至','年12月31日','总体情况','主动公开政府信息情况','收到和处理政府信息公开申请情况','政府信息公开行政复议、行政诉讼情况','存在的主要问题及改进情况','其他需要报告的事项','暂无','没有','未收取信息处理费','收取信息处理费','信息处理费','2022','2021','1,234','0.35','一是','1.','（三）']
text = ['|', ' | ', '\t', '\n', '\r\n', '\f', '\ufeff', '   ', '1,234', '12.5', '-3', '0']
html = ['<table>','</table>','<tr>','</tr>','<td>','</td>','<th>','<td rowspan="2">','<td colspan="3">','<p>','</p>','<br>','<div>','<a href="x">','</a>','<meta charset="gbk">','<meta http-equiv="Content-Type" content="text/html; charset=gb2312">','<title>','</title>','<script>','</script>','<style>','&nbsp;','&amp;','&#20013;','<!--','-->','<tbody>','<span>']
docx = ['<w:p>','</w:p>','<w:r>','</w:r>','<w:t>','</w:t>','<w:t xml:space="preserve">','<w:tbl>','</w:tbl>','<w:tr>','</w:tr>','<w:tc>','</w:tc>','<w:tcPr>','</w:tcPr>','<w:gridSpan w:val="3"/>','<w:vMerge w:val="restart"/>','<w:vMerge/>','<w:gridBefore w:val="1"/>','<w:del>','</w:del>','<w:delText>','<w:ins>','<w:tab/>','<w:br/>','<w:sectPr/>','<w:body>','</w:body>','<!DOCTYPE x [<!ENTITY a "b">]>','&amp;','&#x4E00;','<![CDATA[',']]>','<?xml version="1.0"?>','xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"','PK\x03\x04','word/document.xml']
pdf = ['BT','ET','/F1 10 Tf','/F2 7 Tf','/F2 30 Tf','Tm','Td','TD','T*','Tj','TJ',"'",'1 0 0 1 230 700 Tm','0 1 -1 0 100 100 Tm','Tc','Tw','Tz','TL','Ts','3 Tr','q','Q','cm','2 0 0 2 0 0 cm','<4E00>','<0031>','<0030>','<FF0C>','<3002>','<007C>','[(1) -500 (2)] TJ','(12) Tj','%PDF-1.4','obj','endobj','stream','endstream','xref','trailer','/Type /Page','/MediaBox [0 0 595 842]','/Rotate 90']
json_ = ['{','}','[',']',':',',','null','true','false','"issuer"','"year"','"source"','"format_version"','"2021"','"2019"','"disclosure"','"applications"','"review_litigation"','"findings"','"regulations"','"issued"','"repealed"','"in_force"','"total"','"natural_person"','"commercial"','"new_received"','"carried_over"','"carried_forward"','"results_total"','"granted"','"review"','"upheld"','"corrected"','"other"','"pending"','"fees"','"amount_wan"','"rule"','"severity"','"section"','"row"','"column"','"message"','999999999','1000000000','0.000001','1e308','-1','1.5e3','"\\u0000"','"\\ud800"']
# doc: the sprms the .doc reader looks at (little-endian, with an operand),
# its control characters and labels as UTF-16LE
doc = [b'\x16\x24\x01', b'\x17\x24\x01', b'\x4b\x24\x01', b'\x4c\x24\x01', b'\x49\x66\x02\x00\x00\x00',
       b'\x4a\x66\x01\x00\x00\x00', b'\x46\x66', b'\x08\xd6', b'\x15\xc6\xff', b'\x00\x08\x01', b'\x3c\x08\x01',
       b'\x07\x00', b'\x0d\x00', b'\x0b\x00', b'\x13\x00', b'\x14\x00', b'\x15\x00', b'\x01\x00', b'\x08\x00',
       b'\x02\x00\x00', b'\xec\xa5\xc1\x00', b'\x00\x00\x00\x40', b'\xff\xff\xff\xff', b'\x00\x02'] + \
      [w.encode('utf-16-le') for w in common_zh[:40]]
check = ['\n@@@@\n','\x00','\x01','\x02','\x03','\x04']
def write(name, words):
    with open(f'fuzz/dict/{name}.dict','w') as f:
        f.write(f'# {name}.dict: tokens of what fuzz-{name} reads (libFuzzer -dict; UTF-8 as \\x escapes)\n')
        seen=set()
        for w in words:
            if w in seen: continue
            seen.add(w)
            f.write(esc(w)+'\n')
write('text', text + common_zh + prose_zh[:10])
write('html', html + common_zh)
write('docx', docx + common_zh)
write('doc', doc)
write('pdf', pdf)
write('json', json_ + ['"北京市测试区人民政府"'])
write('prose', prose_zh + ['\n'])
write('check', check + text + common_zh)
write('workspace', json_ + text + common_zh[:20])
write('reader', text + html + docx + pdf + common_zh)
