/* gx-crosscheck.h: checks across reports
 *
 * carryover  this year's 上年结转 (applications.carried_over) must equal the
 *            结转下年度 (applications.carried_forward) of the same issuer's
 *            report for the year before, column by column.
 * stock      last year's 现行有效件数 + this year's 本年制发件数 − 本年废止件数
 *            = this year's 现行有效件数, for 规章 and 行政规范性文件 (2021
 *            form, a warning); in the 2019 form last year's 对外公开总数量 +
 *            this year's 本年新公开数量 = this year's 对外公开总数量 (a note:
 *            that form has no column for documents withdrawn).  A pair
 *            across the change of form is not compared.
 * hierarchy  a report marked as the roll-up of others (a district and its
 *            units): every cell of the parent equals the sum of that cell
 *            over the children.
 *
 * Findings of these rules belong to the later report (carryover, stock) or to the
 * parent (hierarchy); their message names both reports and both values.
 * The workspace side (aliases, links, the previous year in the workspace)
 * is in gx-store.h.
 */
#pragma once

#include "gx-report.h"

G_BEGIN_DECLS

#define GX_RULE_HIERARCHY "hierarchy"
#define GX_RULE_STOCK     "stock"

/* The form of an issuer's name used to match reports of one issuer:
 * full-width folded, white space removed, Chinese brackets folded to ASCII,
 * 人民政府 shortened to 政府 (北京市平谷区人民政府 and 北京市平谷区 政府 are
 * one issuer).  Names that differ otherwise ("密云区政府" vs "北京市密云区
 * 人民政府") are merged by the user (gx_store_set_issuer_alias()).  NULL for
 * NULL or an empty name. */
char      *gx_issuer_normalize        (const char  *issuer);

/* The issuer key of @issuer: normalised, then looked up in @aliases
 * (normalised alias → normalised canonical name; may be NULL). */
char      *gx_issuer_key              (const char  *issuer,
                                       GHashTable  *aliases);

/* carryover between @previous (year N-1) and @current (year N) of one
 * issuer; the caller has matched them.  One warning per column that
 * differs, attached to @current's carried_over cell.  Returns the findings
 * (transfer: container); does not add them to @current. */
GPtrArray *gx_crosscheck_carryover    (GxReport    *previous,
                                       GxReport    *current);

/* stock between @previous (year N-1) and @current (year N) of one issuer:
 * one finding per row (规章, 行政规范性文件) whose stock does not follow,
 * attached to @current's in_force (2019: total_published) cell, with the
 * issued and repealed cells.  Returns the findings (transfer: container);
 * does not add them to @current. */
GPtrArray *gx_crosscheck_stock        (GxReport    *previous,
                                       GxReport    *current);

/* Every check of two consecutive years of one issuer: carryover, then
 * stock (transfer: container). */
GPtrArray *gx_crosscheck_years        (GxReport    *previous,
                                       GxReport    *current);

/* hierarchy: one warning per cell of @parent that differs from the sum of
 * that cell over @children (a GPtrArray of GxReport).  Cells invalid in
 * any report, or not in the form of every report, are skipped.  Returns
 * the findings (transfer: container); does not add them to @parent. */
GPtrArray *gx_crosscheck_hierarchy    (GxReport    *parent,
                                       GPtrArray   *children);

/* Among a set of reports (the files of one `check` run): carryover and
 * stock (gx_crosscheck_years()) for
 * every pair of one issuer (by gx_issuer_key() with @aliases) and
 * consecutive years.  The findings are added to the later report's
 * findings.  Returns how many were added. */
guint      gx_crosscheck_reports      (GPtrArray   *reports,
                                       GHashTable  *aliases);

/* Appends @findings to the findings of @report (keeping the counts right),
 * skipping any whose key (gx_finding_dup_key()) the report has already. */
void       gx_crosscheck_add_findings (GxReport    *report,
                                       GPtrArray   *findings);

G_END_DECLS
