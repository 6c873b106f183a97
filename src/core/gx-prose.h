/* gx-prose.h: prose_mismatch, the figures of the text against the tables
 *
 * The prose of a report (gx_report_get_prose()) repeats some of its
 * figures: 共受理申请296件，其中：结转自上年度7件，已答复294件，结转下年度
 * 继续办理2件; 引发行政复议15件，其中维持6件、纠错4件…; 引发行政诉讼20件…;
 * 公开行政规范性文件90件，行政许可37824件…，行政事业性收费8157.19万元.
 * These are read and compared with the tables, and the listed parts with
 * the stated whole.  One finding a statement (a whole and its parts), a
 * warning; a note when the sentence widens the scope (含垂管部门…), since
 * the text then counts more than the report's own tables.
 */
#pragma once

#include "gx-report.h"

G_BEGIN_DECLS

/* Reads the prose of @report, adds the prose_mismatch findings, then
 * those of the text's sections (gx_sections_check(): section 五, 六 and
 * the fees, the statistics period, the headings) to its findings (after
 * those of gx_rules_check()) and returns them (transfer: container). */
GPtrArray *gx_prose_check (GxReport *report);

G_END_DECLS
