/* gx-sections.h: the report's own sections, read in its prose
 *
 * The national form asks for six sections: 一、总体情况 二、主动公开政府信息
 * 情况 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼
 * 情况 五、存在的主要问题及改进情况 六、其他需要报告的事项.  Sections 二–四
 * are the tables; the others are only text.  Read in the prose
 * (gx_report_get_prose()):
 *
 * section_missing_content  (warning) section 五 is empty, or one word
 *                          (无, 暂无, 没有): the form asks for the problems
 *                          and the measures taken.
 * fee_contradiction        (warning) section 六 says no 信息处理费 was
 *                          collected (or only 无) while the text elsewhere
 *                          states one collected (信息处理费…N元, N > 0).
 *                          Section 二's 行政事业性收费 is the office's
 *                          administrative fees (第二十条第（八）项), not the
 *                          信息处理费 of applications, and is not compared.
 * period_year              (warning) the statistics period the text states
 *                          (本报告所列数据统计期限为2022年1月1日至…) names a
 *                          year other than the report's.
 * section_headings         (note) a heading of sections 一, 五 or 六 is not
 *                          in the text, or the headings found are out of
 *                          order.  Headings are matched on their words, with
 *                          width, spaces and numbering (五、 5、 none) folded;
 *                          the headings of 二–四 are often taken by the
 *                          tables, so only their order is checked.
 *
 * A report without prose, or whose prose has no heading of the six (typed
 * in the editor, read from JSON), gets none of these.  The findings concern
 * the text, not a cell: they have none (gx_finding_new_without_cell(); in
 * JSON section, row and column are null), and their message says where in
 * the text to look.
 */
#pragma once

#include "gx-report.h"

G_BEGIN_DECLS

#define GX_RULE_SECTION_MISSING_CONTENT "section_missing_content"
#define GX_RULE_FEE_CONTRADICTION       "fee_contradiction"
#define GX_RULE_PERIOD_YEAR             "period_year"
#define GX_RULE_SECTION_HEADINGS        "section_headings"

/* Whether @rule is one of the text rules above (its findings have no
 * cell). */
gboolean   gx_sections_is_text_rule (const char *rule);

/* Whether @key, a line's label key (gx_text_label_key(): folded, its
 * numbering gone), is the heading of section 五 or 六, which come after
 * the tables (五 worded as the form has it or as 存在问题…, 存在的问题…,
 * 主要问题…). */
gboolean   gx_sections_key_follows_tables (const char *key);

/* Reads the prose of @report for the rules above; returns the findings
 * (transfer: container).  Does not add them to @report (gx_prose_check()
 * does). */
GPtrArray *gx_sections_check        (GxReport   *report);

G_END_DECLS
