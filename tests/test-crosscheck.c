/* test-crosscheck.c: carryover, hierarchy and prose_mismatch (issue 8)
 *
 * Values read by hand from the files in tests/data:
 *   miyun-2021  prose: 全年共受理申请758件（含垂管部门）… 引发行政复议共15件，
 *               其中维持6件、纠错4件、其他结果2件，其余3件尚在审理中；引发行政
 *               诉讼20件，其中结果维持12件，结果纠正4件，其他结果1件，其余1件
 *               尚在审理中 (12 + 4 + 1 + 1 = 18).
 *               table: new_received.total 572, carried_over.total 41;
 *               review 6 4 2 3 15; litigation_direct 6 3 1 1 11,
 *               litigation_after_review 6 1 0 2 9 (pending 1 + 2 = 3).
 *   pinggu-2022 prose: 受理依申请公开政府信息296件，其中：结转自上年度7件，
 *               已答复294件，结转下年度继续办理2件; 公开行政规范性文件90件，
 *               行政许可37824件，行政处罚6431件，行政强制102件，行政事业性
 *               收费8157.19万元.
 *               table: new_received 284 5 0 0 0 0 289, carried_over
 *               7 0 0 0 0 0 7, results_total.total 294, carried_forward
 *               2 0 0 0 0 0 2; review 6 0 3 2 11; normative_documents.issued
 *               90, licensing 37824.
 *   anding-2022 prose: 本年度共收到政府信息公开申请13件 (table 13).
 *               table: new_received.total 13, review 1 0 0 0 1.
 *   beidaihe    prose: 共收到依申请公开4件 (table new_received.total 4).
 *   haidian     prose: no figure of the tables.
 */
#include <string.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-crosscheck.h"
#include "gx-json.h"
#include "gx-prose.h"
#include "gx-review.h"
#include "gx-sections.h"
#include "gx-store.h"

#define V(n) ((gint64) (n) * GX_VALUE_SCALE)

/* Helpers -------------------------------------------------------------------- */

static GxReport *
read_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  GxReport *report = gx_reader_read_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* A sample with one piece of its text replaced (asserting it is there once). */
static GxReport *
read_variant (const char *name,
              const char *old,
              const char *new)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *hit;
  GxReport *report;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  hit = strstr (text, old);
  g_assert_nonnull (hit);
  g_assert_null (strstr (hit + 1, old));
  changed = g_strdup_printf ("%.*s%s%s", (int) (hit - text), text, new, hit + strlen (old));
  bytes = g_bytes_new (changed, strlen (changed));
  report = gx_reader_read_bytes (bytes, name, &error);
  g_assert_no_error (error);
  return report;
}

static guint
cell (const char *path)
{
  int c = gx_schema_find_cell_by_path (path);

  g_assert_cmpint (c, >=, 0);
  return (guint) c;
}

static guint
count_rule (GPtrArray  *findings,
            const char *rule)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (gx_finding_get_rule (g_ptr_array_index (findings, i)), rule) == 0)
      n++;
  return n;
}

static GxFinding *
find_at (GPtrArray  *findings,
         const char *rule,
         const char *path)
{
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      if (g_strcmp0 (gx_finding_get_rule (f), rule) == 0 &&
          gx_finding_get_cell (f) == cell (path))
        return f;
    }
  return NULL;
}

/* prose_mismatch ------------------------------------------------------------- */

static void
test_prose_miyun (void)
{
  g_autoptr(GxReport) report = read_sample ("miyun-2021.txt");
  g_autoptr(GPtrArray) rules = gx_rules_check (report);
  g_autoptr(GPtrArray) prose = gx_prose_check (report);
  GxFinding *lawsuits, *applications;

  /* exactly two: the lawsuits (a warning) and the 758 (a note) */
  g_assert_cmpuint (prose->len, ==, 2);
  g_assert_cmpuint (rules->len, ==, 0);
  g_assert_cmpuint (gx_report_get_findings (report)->len, ==, 2);
  g_assert_cmpuint (gx_report_get_n_warnings (report), ==, 1);
  g_assert_cmpuint (gx_report_get_n_notes (report), ==, 1);

  lawsuits = find_at (prose, GX_RULE_PROSE_MISMATCH, "review_litigation.litigation_direct.total");
  g_assert_nonnull (lawsuits);
  g_assert_cmpint (gx_finding_get_severity (lawsuits), ==, GX_SEVERITY_WARNING);
  g_assert_true (gx_finding_has_values (lawsuits));
  g_assert_cmpint (gx_finding_get_expected (lawsuits), ==, V (20));
  g_assert_cmpint (gx_finding_get_actual (lawsuits), ==, V (18));
  g_assert_nonnull (strstr (gx_finding_get_message (lawsuits), "18"));
  g_assert_nonnull (strstr (gx_finding_get_message (lawsuits), "20"));
  /* the table's pending lawsuits (1 + 2 = 3) against the text's 1 */
  g_assert_true (gx_finding_involves_cell (lawsuits, cell ("review_litigation.litigation_after_review.total")));
  g_assert_true (gx_finding_involves_cell (lawsuits, cell ("review_litigation.litigation_after_review.pending")));

  applications = find_at (prose, GX_RULE_PROSE_MISMATCH, "applications.new_received.total");
  g_assert_nonnull (applications);
  g_assert_cmpint (gx_finding_get_severity (applications), ==, GX_SEVERITY_NOTE);
  g_assert_cmpint (gx_finding_get_expected (applications), ==, V (758));
  g_assert_cmpint (gx_finding_get_actual (applications), ==, V (572));
  g_assert_nonnull (strstr (gx_finding_get_message (applications), "含垂管部门"));

  /* checking again does not add them twice */
  g_clear_pointer (&prose, g_ptr_array_unref);
  prose = gx_prose_check (report);
  g_assert_cmpuint (gx_report_get_findings (report)->len, ==, 2);
  g_clear_pointer (&prose, g_ptr_array_unref);
  g_clear_pointer (&rules, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&report));
}

static void
test_prose_miyun_review_broken (void)
{
  /* the review sentence is right in the file; a wrong 维持 makes it a
   * second warning (parts 7 + 4 + 2 + 3 = 16, table 6) */
  g_autoptr(GxReport) report = read_variant ("miyun-2021.txt", "其中维持6件", "其中维持7件");
  g_autoptr(GPtrArray) prose = gx_prose_check (report);
  GxFinding *review = find_at (prose, GX_RULE_PROSE_MISMATCH, "review_litigation.review.total");

  g_assert_cmpuint (prose->len, ==, 3);
  g_assert_nonnull (review);
  g_assert_cmpint (gx_finding_get_severity (review), ==, GX_SEVERITY_WARNING);
  g_assert_cmpint (gx_finding_get_expected (review), ==, V (15));
  g_assert_cmpint (gx_finding_get_actual (review), ==, V (16));
}

static void
test_prose_pinggu (void)
{
  g_autoptr(GxReport) report = read_sample ("pinggu-2022.txt");
  g_autoptr(GPtrArray) rules = gx_rules_check (report);
  g_autoptr(GPtrArray) prose = gx_prose_check (report);

  g_assert_cmpuint (rules->len, ==, 0);
  g_assert_cmpuint (prose->len, ==, 0);
  g_assert_cmpuint (gx_report_get_findings (report)->len, ==, 0);
}

/* The Pinggu sentence is really read: changing one figure of it is caught. */
static void
test_prose_pinggu_variants (void)
{
  struct {
    const char *old, *new, *path;
    gint64 expected, actual;
  } cases[] = {
    /* 293 answered and 2 carried forward are not the 296 received (and
     * the table says 294 answered) */
    { "已答复294件", "已答复293件", "applications.new_received.total", 296, 295 },
    /* 296 is neither 289 nor 289 + 7 */
    { "政府信息296件", "政府信息298件", "applications.new_received.total", 298, 289 },
    /* 结转自上年度 8, the table 7 */
    { "结转自上年度7件", "结转自上年度8件", "applications.new_received.total", 8, 7 },
    /* 行政许可 37825, the table 37824 */
    { "行政许可37824件", "行政许可37825件", "disclosure.licensing.decisions", 37825, 37824 },
    /* fees 8157.2 万元, the table 8157.19 */
    { "收费8157.19万元", "收费8157.2万元", "disclosure.fees.amount_wan", -1, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GxReport) report = read_variant ("pinggu-2022.txt", cases[i].old, cases[i].new);
      g_autoptr(GPtrArray) prose = gx_prose_check (report);
      GxFinding *f;

      g_test_message ("%s → %s", cases[i].old, cases[i].new);
      g_assert_cmpuint (prose->len, ==, 1);
      f = g_ptr_array_index (prose, 0);
      g_assert_cmpstr (gx_finding_get_rule (f), ==, GX_RULE_PROSE_MISMATCH);
      g_assert_cmpint (gx_finding_get_severity (f), ==, GX_SEVERITY_WARNING);
      g_assert_cmpuint (gx_finding_get_cell (f), ==, cell (cases[i].path));
      if (cases[i].expected >= 0)
        {
          g_assert_cmpint (gx_finding_get_expected (f), ==, V (cases[i].expected));
          g_assert_cmpint (gx_finding_get_actual (f), ==, V (cases[i].actual));
        }
      else
        {
          g_assert_cmpint (gx_finding_get_expected (f), ==, G_GINT64_CONSTANT (8157200000));
          g_assert_cmpint (gx_finding_get_actual (f), ==, G_GINT64_CONSTANT (8157190000));
        }
    }
}

static void
test_prose_others_clean (void)
{
  const char *const files[] = { "anding-2022.txt", "haidian-2022.txt", "beidaihe-2022-pipes.txt" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GxReport) report = read_sample (files[i]);
      g_autoptr(GPtrArray) prose = gx_prose_check (report);

      if (prose->len > 0)
        g_error ("%s: unexpected %s", files[i],
                 gx_finding_get_message (g_ptr_array_index (prose, 0)));
    }

  /* and their figures are read: Anding's 13 and Beidaihe's 4 */
  {
    g_autoptr(GxReport) anding = read_variant ("anding-2022.txt", "申请13件", "申请14件");
    g_autoptr(GxReport) beidaihe = read_variant ("beidaihe-2022-pipes.txt", "公开4件", "公开5件");
    g_autoptr(GPtrArray) a = gx_prose_check (anding);
    g_autoptr(GPtrArray) b = gx_prose_check (beidaihe);

    g_assert_cmpuint (a->len, ==, 1);
    g_assert_cmpint (gx_finding_get_expected (g_ptr_array_index (a, 0)), ==, V (14));
    g_assert_cmpint (gx_finding_get_actual (g_ptr_array_index (a, 0)), ==, V (13));
    g_assert_cmpuint (b->len, ==, 1);
    g_assert_cmpint (gx_finding_get_expected (g_ptr_array_index (b, 0)), ==, V (5));
    g_assert_cmpint (gx_finding_get_actual (g_ptr_array_index (b, 0)), ==, V (4));
  }
}

static void
test_prose_bad_input (void)
{
  const char *const texts[] = {
    "",
    "受理申请件",
    "引发行政诉讼99999999999999999999件，其中维持1件",
    "行政复议1件行政复议2件行政诉讼3件，其中其他4件；收到申请5件",
    "共受理申请\xff\xfe 5件",
    "其中维持6件、纠错4件",
    "。。；；\n\n\n",
    "行政许可.5件，收费万元，收费1.23456万元",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GxReport) report = read_sample ("anding-2022.txt");
      g_autoptr(GPtrArray) prose = NULL;

      gx_report_set_prose (report, texts[i]);
      prose = gx_prose_check (report);
      g_assert_nonnull (prose);
    }
  {
    /* a blank report: every figure differs, nothing crashes */
    g_autoptr(GxReport) blank = gx_report_new ();
    g_autoptr(GPtrArray) prose = NULL;

    gx_report_set_prose (blank, "共受理申请5件，其中：结转自上年度1件；引发行政复议2件，其中维持1件。");
    prose = gx_prose_check (blank);
    g_assert_cmpuint (prose->len, ==, 2);
  }
}


/* stock (issue 19) ------------------------------------------------------------
 *
 * tests/data/checks/stock-2021.txt and stock-2022.txt: 安定镇's report
 * (anding-2022.txt) for two years; 行政规范性文件 2021: issued 5, repealed 1,
 * in force 20; 2022: issued 3, repealed 2, in force 25 (20 + 3 − 2 = 21,
 * not 25); 规章 0 0 0 in both.  The 2022 text says 本年制发行政规范性文件
 * 3件，废止行政规范性文件2件，现行有效规范性文件25件.
 */

static void
test_stock_pair (void)
{
  g_autoptr(GxReport) previous = read_sample ("checks/stock-2021.txt");
  g_autoptr(GxReport) current = read_sample ("checks/stock-2022.txt");
  g_autoptr(GPtrArray) found = gx_crosscheck_stock (previous, current);
  g_autoptr(GPtrArray) reversed = gx_crosscheck_stock (current, previous);
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  GxFinding *f;

  g_assert_cmpuint (found->len, ==, 1);
  f = g_ptr_array_index (found, 0);
  g_assert_cmpstr (gx_finding_get_rule (f), ==, GX_RULE_STOCK);
  g_assert_cmpint (gx_finding_get_severity (f), ==, GX_SEVERITY_WARNING);
  g_assert_cmpuint (gx_finding_get_cell (f), ==, cell ("disclosure.normative_documents.in_force"));
  g_assert_cmpint (gx_finding_get_expected (f), ==, V (21));
  g_assert_cmpint (gx_finding_get_actual (f), ==, V (25));
  g_assert_true (gx_finding_involves_cell (f, cell ("disclosure.normative_documents.issued")));
  g_assert_true (gx_finding_involves_cell (f, cell ("disclosure.normative_documents.repealed")));
  /* the message names both reports */
  g_assert_nonnull (strstr (gx_finding_get_message (f), "2021"));
  g_assert_nonnull (strstr (gx_finding_get_message (f), "2022"));

  /* 2022 → 2021 read backwards: 25 + 5 − 1 is not 20 either, but the
   * function is only given pairs in order; among files the order is found */
  g_assert_cmpuint (reversed->len, ==, 1);
  g_ptr_array_add (reports, g_object_ref (current));
  g_ptr_array_add (reports, g_object_ref (previous));
  g_ptr_array_unref (gx_rules_check (current));
  g_ptr_array_unref (gx_rules_check (previous));
  /* carryover holds (0 carried forward, 0 carried over): stock alone */
  g_assert_cmpuint (gx_crosscheck_reports (reports, NULL), ==, 1);
  g_assert_cmpuint (count_rule (gx_report_get_findings (current), GX_RULE_STOCK), ==, 1);
  g_assert_cmpuint (count_rule (gx_report_get_findings (previous), GX_RULE_STOCK), ==, 0);

  /* in force 21: the stock follows */
  gx_report_set_count (current, cell ("disclosure.normative_documents.in_force"), 21);
  {
    g_autoptr(GPtrArray) none = gx_crosscheck_stock (previous, current);

    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_stock_forms (void)
{
  /* Miyun 2020 (2019 form; 规范性文件 made 442, published 437, in all
   * 1633) and Miyun 2021 (2021 form): 对外公开总数量 is not 现行有效 */
  g_autoptr(GxReport) y2020 = read_sample ("miyun-2020-format2019.txt");
  g_autoptr(GxReport) y2021 = read_sample ("miyun-2021.txt");
  g_autoptr(GPtrArray) mixed = gx_crosscheck_stock (y2020, y2021);
  g_autoptr(GxReport) y2019 = gx_report_copy (y2020);
  g_autoptr(GPtrArray) found = NULL;
  GxFinding *f;

  g_assert_cmpstr (gx_report_get_format_version (y2020), ==, "2019");
  g_assert_cmpuint (mixed->len, ==, 0);

  /* a 2019 report of the same form: 1633 − 437 = 1196 published in all
   * makes 1633 in 2020; 1200 does not */
  gx_report_set_year (y2019, 2019);
  gx_report_set_count (y2019, cell ("disclosure.normative_documents.total_published"), 1196);
  found = gx_crosscheck_stock (y2019, y2020);
  g_assert_cmpuint (count_rule (found, GX_RULE_STOCK), ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  gx_report_set_count (y2019, cell ("disclosure.normative_documents.total_published"), 1200);
  found = gx_crosscheck_stock (y2019, y2020);
  g_assert_cmpuint (found->len, ==, 1);
  f = g_ptr_array_index (found, 0);
  /* no column for withdrawn documents: only a note */
  g_assert_cmpint (gx_finding_get_severity (f), ==, GX_SEVERITY_NOTE);
  g_assert_cmpuint (gx_finding_get_cell (f), ==, cell ("disclosure.normative_documents.total_published"));
  g_assert_cmpint (gx_finding_get_expected (f), ==, V (1637));
  g_assert_cmpint (gx_finding_get_actual (f), ==, V (1633));
}

/* The 现行有效 sentence (issue 19): 规范性文件 figures are tied to 制发,
 * 废止 or 现行有效 by their words, or not compared. */
static void
test_prose_document_counts (void)
{
  static const struct {
    const char *old, *new, *path;
    gint64 expected, actual;
  } cases[] = {
    /* the in-force count against in_force, not against the 3 issued */
    { "现行有效规范性文件25件", "现行有效规范性文件698件", "disclosure.normative_documents.in_force", 698, 25 },
    { "废止行政规范性文件2件", "废止行政规范性文件4件", "disclosure.normative_documents.repealed", 4, 2 },
    { "本年制发行政规范性文件3件", "本年制发行政规范性文件393件", "disclosure.normative_documents.issued", 393, 3 },
    /* a category of information published, a stock of unknown scope:
     * tied to no one cell, nothing said */
    { "现行有效规范性文件25件", "政策及规范性文件类11条", NULL, 0, 0 },
    { "现行有效规范性文件25件", "累计公开规范性文件50件", NULL, 0, 0 },
  };

  /* as published: the three figures agree with their three cells */
  {
    g_autoptr(GxReport) report = read_sample ("checks/stock-2022.txt");
    g_autoptr(GPtrArray) prose = gx_prose_check (report);

    g_assert_cmpuint (count_rule (prose, GX_RULE_PROSE_MISMATCH), ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GxReport) report = read_variant ("checks/stock-2022.txt", cases[i].old, cases[i].new);
      g_autoptr(GPtrArray) prose = gx_prose_check (report);
      GxFinding *f;

      g_test_message ("%s → %s", cases[i].old, cases[i].new);
      if (cases[i].path == NULL)
        {
          g_assert_cmpuint (count_rule (prose, GX_RULE_PROSE_MISMATCH), ==, 0);
          continue;
        }
      g_assert_cmpuint (count_rule (prose, GX_RULE_PROSE_MISMATCH), ==, 1);
      f = find_at (prose, GX_RULE_PROSE_MISMATCH, cases[i].path);
      g_assert_nonnull (f);
      g_assert_cmpint (gx_finding_get_expected (f), ==, V (cases[i].expected));
      g_assert_cmpint (gx_finding_get_actual (f), ==, V (cases[i].actual));
    }
}


/* stock with --db: the year before in a workspace (gx_store_check_across) */
static void
test_stock_workspace (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gx-stock-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "workspace.db", NULL);
  g_autoptr(GxStore) store = gx_store_open (db, &error);
  g_autoptr(GxReport) previous = read_sample ("checks/stock-2021.txt");
  g_autoptr(GxReport) current = read_sample ("checks/stock-2022.txt");
  g_autoptr(GPtrArray) across = NULL;
  GxFinding *f;

  g_assert_no_error (error);
  g_assert_true (gx_store_put_report (store, previous, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  across = gx_store_check_across (store, current, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_rule (across, GX_RULE_STOCK), ==, 1);
  f = find_at (gx_report_get_findings (current), GX_RULE_STOCK, "disclosure.normative_documents.in_force");
  g_assert_nonnull (f);
  g_assert_cmpint (gx_finding_get_expected (f), ==, V (21));
  g_assert_cmpint (gx_finding_get_actual (f), ==, V (25));

  g_clear_object (&store);
  g_remove (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

/* sections of the text (issue 19) -------------------------------------------- */

static guint
count_text_rules (GPtrArray *findings)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (gx_sections_is_text_rule (gx_finding_get_rule (g_ptr_array_index (findings, i))))
      n++;
  return n;
}

/* The one text finding of @name, which must be of @rule and @severity. */
static GxFinding *
only_text_finding (GPtrArray  *findings,
                   const char *rule,
                   GxSeverity  severity)
{
  g_assert_cmpuint (count_text_rules (findings), ==, 1);
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      if (gx_sections_is_text_rule (gx_finding_get_rule (f)))
        {
          guint n_cells = 99;

          g_assert_cmpstr (gx_finding_get_rule (f), ==, rule);
          g_assert_cmpint (gx_finding_get_severity (f), ==, severity);
          /* about the text: no cell at all */
          g_assert_false (gx_finding_has_cell (f));
          g_assert_cmpuint (gx_finding_get_cell (f), ==, GX_FINDING_NO_CELL);
          g_assert_null (gx_finding_get_section_key (f));
          g_assert_null (gx_finding_get_row_key (f));
          g_assert_null (gx_finding_get_column_key (f));
          gx_finding_get_cells (f, &n_cells);
          g_assert_cmpuint (n_cells, ==, 0);
          return f;
        }
    }
  g_assert_not_reached ();
}

/* A finding about the text has no cell: JSON writes section, row and column
 * null (and reads them back); its review key is its rule, and a decision
 * on it is kept in the workspace like any other. */
static void
test_sections_without_cell (void)
{
  g_autoptr(GxReport) report = read_sample ("checks/empty-five.txt");
  g_autoptr(GPtrArray) found = gx_prose_check (report);
  g_autoptr(GPtrArray) reports = g_ptr_array_new ();
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *key = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  GxFinding *f = only_text_finding (found, GX_RULE_SECTION_MISSING_CONTENT, GX_SEVERITY_WARNING);
  GxReport *loaded;
  GxStore *store;

  key = gx_finding_dup_key (f);
  g_assert_cmpstr (key, ==, "section_missing_content");

  g_ptr_array_add (reports, report);
  json = gx_json_write_reports (reports, TRUE);
  g_assert_nonnull (strstr (json, "{\"rule\": \"section_missing_content\", \"severity\": \"warning\", "
                                  "\"section\": null, \"row\": null, \"column\": null, "
                                  "\"expected\": null, \"actual\": null, \"message\": "));
  back = gx_json_read_reports (json, -1, "empty-five.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 1);

  /* kept in the workspace: dismissed, closed, opened again */
  dir = g_dir_make_tmp ("gx-text-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "workspace.db", NULL);
  store = gx_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (gx_store_put_report (store, report, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gx_store_set_review (store, report, f, GX_REVIEW_DISMISSED, "已另行报送", &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  store = gx_store_open (db, &error);
  g_assert_no_error (error);
  loaded = gx_store_load_report (store, gx_report_get_id (report), &error);
  g_assert_no_error (error);
  f = only_text_finding (gx_report_get_findings (loaded), GX_RULE_SECTION_MISSING_CONTENT, GX_SEVERITY_WARNING);
  g_assert_cmpint (gx_finding_get_review (f), ==, GX_REVIEW_DISMISSED);
  g_assert_cmpstr (gx_finding_get_review_note (f), ==, "已另行报送");
  g_assert_finalize_object (loaded);
  g_assert_finalize_object (store);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (db);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

static void
test_sections_fixtures (void)
{
  /* 五 says only 无。 */
  {
    g_autoptr(GxReport) report = read_sample ("checks/empty-five.txt");
    g_autoptr(GPtrArray) found = gx_prose_check (report);
    GxFinding *f = only_text_finding (found, GX_RULE_SECTION_MISSING_CONTENT, GX_SEVERITY_WARNING);

    g_assert_nonnull (strstr (gx_finding_get_message (f), "“无”"));
    /* and it is the report's */
    g_assert_cmpuint (count_rule (gx_report_get_findings (report), GX_RULE_SECTION_MISSING_CONTENT), ==, 1);
  }
  /* 五 with nothing at all under its heading */
  {
    g_autoptr(GxReport) report = read_variant ("checks/empty-five.txt", "五、存在的主要问题及改进情况\n无。\n",
                                               "五、存在的主要问题及改进情况\n");
    g_autoptr(GPtrArray) found = gx_prose_check (report);

    only_text_finding (found, GX_RULE_SECTION_MISSING_CONTENT, GX_SEVERITY_WARNING);
  }
  /* 六 本年度未收取信息处理费; 一 依申请公开共收取信息处理费200元 */
  {
    g_autoptr(GxReport) report = read_sample ("checks/fee-six.txt");
    g_autoptr(GPtrArray) found = gx_prose_check (report);
    GxFinding *f = only_text_finding (found, GX_RULE_FEE_CONTRADICTION, GX_SEVERITY_WARNING);

    g_assert_nonnull (strstr (gx_finding_get_message (f), "未收取信息处理费"));
    g_assert_nonnull (strstr (gx_finding_get_message (f), "200元"));
  }
  /* 0 yuan collected is no contradiction */
  {
    g_autoptr(GxReport) report = read_variant ("checks/fee-six.txt", "信息处理费200元", "信息处理费0元");
    g_autoptr(GPtrArray) found = gx_prose_check (report);

    g_assert_cmpuint (count_text_rules (found), ==, 0);
  }
  /* 统计期限自2021年1月1日至2021年12月31日 in the 2022 report */
  {
    g_autoptr(GxReport) report = read_sample ("checks/period-year.txt");
    g_autoptr(GPtrArray) found = gx_prose_check (report);
    GxFinding *f = only_text_finding (found, GX_RULE_PERIOD_YEAR, GX_SEVERITY_WARNING);

    g_assert_cmpint (gx_finding_get_expected (f), ==, V (2022));
    g_assert_cmpint (gx_finding_get_actual (f), ==, V (2021));
    g_assert_nonnull (strstr (gx_finding_get_message (f), "2021年1月1日至2021年12月31日"));
  }
  /* the right year, and a period that only names the end's month */
  {
    g_autoptr(GxReport) report = read_variant ("checks/period-year.txt", "自2021年1月1日至2021年12月31日",
                                               "为2022年1月1日至12月31日");
    g_autoptr(GPtrArray) found = gx_prose_check (report);

    g_assert_cmpuint (count_text_rules (found), ==, 0);
  }
  /* 六 before 五 */
  {
    g_autoptr(GxReport) report = read_sample ("checks/headings-order.txt");
    g_autoptr(GPtrArray) found = gx_prose_check (report);
    GxFinding *f = only_text_finding (found, GX_RULE_SECTION_HEADINGS, GX_SEVERITY_NOTE);

    g_assert_nonnull (strstr (gx_finding_get_message (f), "一、二、三、四、六、五"));
  }
  /* no heading of 五 */
  {
    g_autoptr(GxReport) report = read_variant ("anding-2022.txt", "五、存在的主要问题及改进情况\n", "");
    g_autoptr(GPtrArray) found = gx_prose_check (report);
    GxFinding *f = only_text_finding (found, GX_RULE_SECTION_HEADINGS, GX_SEVERITY_NOTE);

    g_assert_nonnull (strstr (gx_finding_get_message (f), "五、存在的主要问题及改进情况"));
  }
}

static void
test_sections_clean (void)
{
  /* the five samples and their other formats: headings numbered 一、, 1、,
   * unnumbered (Miyun's 总体情况), 2、 for 三 (Haidian); 五 written; 六
   * with 0 yuan collected — nothing to say */
  const char *const files[] = { "anding-2022.txt", "haidian-2022.txt", "beidaihe-2022-pipes.txt",
                                "miyun-2021.txt", "miyun-2020-format2019.txt", "pinggu-2022.txt",
                                "formats/haidian-2022.docx", "formats/haidian-2022.pdf",
                                "formats/beidaihe-2022.docx", "formats/pinggu-2022-gbk.html" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GxReport) report = read_sample (files[i]);
      g_autoptr(GPtrArray) found = gx_sections_check (report);

      g_test_message ("%s", files[i]);
      g_assert_cmpuint (found->len, ==, 0);
    }

  /* 五 worded otherwise, as many offices do: still its heading */
  {
    const char *const wordings[] = { "五、存在问题及改进情况", "五、存在的问题和改进措施",
                                     "5.主要问题和改进情况" };

    for (guint i = 0; i < G_N_ELEMENTS (wordings); i++)
      {
        g_autoptr(GxReport) report = read_variant ("anding-2022.txt", "五、存在的主要问题及改进情况",
                                                   wordings[i]);
        g_autoptr(GPtrArray) found = gx_sections_check (report);

        g_test_message ("%s", wordings[i]);
        g_assert_cmpuint (found->len, ==, 0);
      }
  }

  /* a report without text (typed, or read from JSON): nothing */
  {
    g_autoptr(GxReport) report = read_sample ("anding-2022.txt");
    g_autoptr(GPtrArray) found = NULL;

    gx_report_set_prose (report, "");
    found = gx_sections_check (report);
    g_assert_cmpuint (found->len, ==, 0);
  }

  /* real published reports, when ../shared is there: none of the text
   * rules, and no prose_mismatch from 政策及规范性文件类3条 (r13) */
  {
    static const char *const real[] = { "r04-pingtan-2024.html", "r13-pingtan-zrz-2023.html",
                                        "r18-pingtan-czj-2022.html" };
    g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "real", NULL);

    if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
      {
        g_test_message ("../shared/real is absent: real reports not checked");
        return;
      }
    for (guint i = 0; i < G_N_ELEMENTS (real); i++)
      {
        g_autofree char *path = g_build_filename (dir, real[i], NULL);
        g_autoptr(GError) error = NULL;
        g_autoptr(GxReport) report = gx_reader_read_path (path, &error);
        g_autoptr(GPtrArray) found = NULL;

        if (report == NULL)
          {
            g_test_message ("%s: %s", real[i], error->message);
            continue;
          }
        found = gx_prose_check (report);
        g_test_message ("%s", real[i]);
        g_assert_cmpuint (found->len, ==, 0);
      }
  }
}

/* carryover ------------------------------------------------------------------ */

/* Pinggu 2022 (carried_over 7 0 0 0 0 0 7) and a 2021 report of the same
 * issuer made from it, carrying 7 0 0 0 0 0 7 forward. */
static GxReport *
make_previous (GxReport   *current,
               const char *issuer)
{
  GxReport *previous = gx_report_copy (current);
  const char *const columns[] = { "natural_person", "commercial", "research", "public_interest",
                                  "legal_services", "other_org", "total" };
  const int values[] = { 7, 0, 0, 0, 0, 0, 7 };

  gx_report_set_issuer (previous, issuer);
  gx_report_set_year (previous, 2021);
  gx_report_set_source (previous, "pinggu-2021 (made)");
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_autofree char *path = g_strdup_printf ("applications.carried_forward.%s", columns[c]);

      gx_report_set_count (previous, cell (path), values[c]);
    }
  /* and a stock of documents that 2022 follows (issue 19): 2021 in force =
   * 2022 in force − issued + repealed (Pinggu: 256 − 90 + repealed) */
  for (guint r = 0; r < 2; r++)
    {
      const char *row = r == 0 ? "regulations" : "normative_documents";
      g_autofree char *in_force = g_strdup_printf ("disclosure.%s.in_force", row);
      g_autofree char *issued = g_strdup_printf ("disclosure.%s.issued", row);
      g_autofree char *repealed = g_strdup_printf ("disclosure.%s.repealed", row);

      gx_report_set_value (previous, cell (in_force),
                           gx_report_get_value (current, cell (in_force)) -
                           gx_report_get_value (current, cell (issued)) +
                           gx_report_get_value (current, cell (repealed)));
    }
  return previous;
}

static void
break_two_columns (GxReport *previous)
{
  /* 9 natural persons and 9 in all carried forward, where 2022 says 7 */
  gx_report_set_count (previous, cell ("applications.carried_forward.natural_person"), 9);
  gx_report_set_count (previous, cell ("applications.carried_forward.total"), 9);
}

static void
assert_two_carryover (GPtrArray *findings)
{
  GxFinding *np, *total;

  g_assert_cmpuint (count_rule (findings, GX_RULE_CARRYOVER), ==, 2);
  np = find_at (findings, GX_RULE_CARRYOVER, "applications.carried_over.natural_person");
  total = find_at (findings, GX_RULE_CARRYOVER, "applications.carried_over.total");
  g_assert_nonnull (np);
  g_assert_nonnull (total);
  g_assert_cmpint (gx_finding_get_severity (np), ==, GX_SEVERITY_WARNING);
  g_assert_cmpint (gx_finding_get_expected (np), ==, V (9));
  g_assert_cmpint (gx_finding_get_actual (np), ==, V (7));
  g_assert_cmpint (gx_finding_get_expected (total), ==, V (9));
  g_assert_cmpint (gx_finding_get_actual (total), ==, V (7));
  /* the message names both reports and both values */
  g_assert_nonnull (strstr (gx_finding_get_message (total), "2021"));
  g_assert_nonnull (strstr (gx_finding_get_message (total), "2022"));
  g_assert_nonnull (strstr (gx_finding_get_message (total), "9"));
  g_assert_nonnull (strstr (gx_finding_get_message (total), "7"));
}

static void
test_carryover_pair (void)
{
  g_autoptr(GxReport) current = read_sample ("pinggu-2022.txt");
  g_autoptr(GxReport) previous = make_previous (current, "北京市平谷区人民政府");
  g_autoptr(GPtrArray) none = gx_crosscheck_carryover (previous, current);
  g_autoptr(GPtrArray) two = NULL;

  g_assert_cmpuint (none->len, ==, 0);
  break_two_columns (previous);
  two = gx_crosscheck_carryover (previous, current);
  assert_two_carryover (two);
}

static void
test_carryover_among_files (void)
{
  /* the same issuer written four ways */
  const char *const spellings[] = {
    "北京市平谷区人民政府",
    "北京市平谷区　人民政府",     /* ideographic space */
    " 北京市平谷区 政府",         /* 人民政府 vs 政府, spaces */
  };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
      GxReport *current = read_sample ("pinggu-2022.txt");
      GxReport *previous = make_previous (current, spellings[i]);

      g_ptr_array_unref (gx_rules_check (current));
      g_ptr_array_unref (gx_rules_check (previous));
      break_two_columns (previous);
      /* the later report first: the order of the files does not matter;
       * an unrelated report in between */
      g_ptr_array_add (reports, current);
      g_ptr_array_add (reports, read_sample ("anding-2022.txt"));
      g_ptr_array_add (reports, previous);
      g_assert_cmpuint (gx_crosscheck_reports (reports, NULL), ==, 2);
      assert_two_carryover (gx_report_get_findings (current));
      g_assert_cmpuint (count_rule (gx_report_get_findings (previous), GX_RULE_CARRYOVER), ==, 0);
      g_assert_cmpuint (gx_report_get_n_warnings (current), ==, 2);
    }

  /* full-width letters fold too */
  {
    g_autofree char *a = gx_issuer_normalize ("ＡＢ区人民政府");
    g_autofree char *b = gx_issuer_normalize ("AB区 政府");

    g_assert_cmpstr (a, ==, b);
    g_assert_null (gx_issuer_normalize ("  "));
    g_assert_null (gx_issuer_normalize (NULL));
  }
}

static void
test_carryover_alias (void)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GxReport *current = read_sample ("pinggu-2022.txt");
  GxReport *previous = make_previous (current, "平谷区政府");

  break_two_columns (previous);
  g_ptr_array_add (reports, current);
  g_ptr_array_add (reports, previous);
  g_ptr_array_unref (gx_rules_check (current));

  /* 平谷区政府 is another name until the user merges it */
  g_assert_cmpuint (gx_crosscheck_reports (reports, NULL), ==, 0);
  g_hash_table_insert (aliases, gx_issuer_normalize ("平谷区政府"),
                       gx_issuer_normalize ("北京市平谷区人民政府"));
  g_assert_cmpuint (gx_crosscheck_reports (reports, aliases), ==, 2);
  assert_two_carryover (gx_report_get_findings (current));
  /* a second run adds nothing twice */
  gx_crosscheck_reports (reports, aliases);
  g_assert_cmpuint (count_rule (gx_report_get_findings (current), GX_RULE_CARRYOVER), ==, 2);
}

static void
test_carryover_not_consecutive (void)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  GxReport *current = read_sample ("pinggu-2022.txt");
  GxReport *previous = make_previous (current, "北京市平谷区人民政府");

  break_two_columns (previous);
  gx_report_set_year (previous, 2020);
  g_ptr_array_add (reports, current);
  g_ptr_array_add (reports, previous);
  g_assert_cmpuint (gx_crosscheck_reports (reports, NULL), ==, 0);
}

/* hierarchy ------------------------------------------------------------------- */

static void
test_hierarchy (void)
{
  g_autoptr(GxReport) pinggu = read_sample ("pinggu-2022.txt");
  g_autoptr(GxReport) anding = read_sample ("anding-2022.txt");
  g_autoptr(GxReport) parent = gx_report_new ();
  g_autoptr(GPtrArray) children = g_ptr_array_new ();
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) found = NULL;
  GxFinding *f;

  gx_report_set_issuer (parent, "两个单位合计");
  gx_report_set_year (parent, 2022);
  /* the parent as it should be: each cell the sum of the two */
  for (guint c = 0; c < gx_schema_n_cells (); c++)
    if (gx_report_has_cell (parent, c))
      gx_report_set_value (parent, c, gx_report_get_value (pinggu, c) + gx_report_get_value (anding, c));
  g_ptr_array_add (children, pinggu);
  g_ptr_array_add (children, anding);

  none = gx_crosscheck_hierarchy (parent, children);
  g_assert_cmpuint (none->len, ==, 0);

  /* by hand: new_received.total 289 + 13 = 302, review.upheld 6 + 1 = 7,
   * licensing 37824 + 0 */
  g_assert_cmpint (gx_report_get_count (parent, cell ("applications.new_received.total")), ==, 302);
  gx_report_set_count (parent, cell ("applications.new_received.total"), 300);
  gx_report_set_count (parent, cell ("review_litigation.review.upheld"), 0);
  gx_report_set_count (parent, cell ("disclosure.licensing.decisions"), 37825);

  found = gx_crosscheck_hierarchy (parent, children);
  g_assert_cmpuint (found->len, ==, 3);
  f = find_at (found, GX_RULE_HIERARCHY, "applications.new_received.total");
  g_assert_nonnull (f);
  g_assert_cmpint (gx_finding_get_expected (f), ==, V (302));
  g_assert_cmpint (gx_finding_get_actual (f), ==, V (300));
  g_assert_nonnull (strstr (gx_finding_get_message (f), "302"));
  g_assert_nonnull (strstr (gx_finding_get_message (f), "300"));
  f = find_at (found, GX_RULE_HIERARCHY, "review_litigation.review.upheld");
  g_assert_nonnull (f);
  g_assert_cmpint (gx_finding_get_expected (f), ==, V (7));
  g_assert_cmpint (gx_finding_get_actual (f), ==, V (0));
  f = find_at (found, GX_RULE_HIERARCHY, "disclosure.licensing.decisions");
  g_assert_nonnull (f);
  g_assert_cmpint (gx_finding_get_expected (f), ==, V (37824));
  g_assert_cmpint (gx_finding_get_actual (f), ==, V (37825));
}

/* The same through the workspace: aliases, links, the year before. */
static void
test_workspace_across (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gx-cross-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "workspace.db", NULL);
  g_autoptr(GxStore) store = gx_store_open (db, &error);
  g_autoptr(GxReport) current = read_sample ("pinggu-2022.txt");
  g_autoptr(GxReport) previous = make_previous (current, "平谷区政府");
  g_autoptr(GxReport) anding = read_sample ("anding-2022.txt");
  g_autoptr(GxReport) parent = gx_report_new ();
  g_autoptr(GxReport) loaded = NULL;
  g_autoptr(GPtrArray) across = NULL;
  g_autoptr(GArray) kids = NULL;
  g_autoptr(GPtrArray) issuers = NULL;
  gint64 ids[2];

  g_assert_no_error (error);
  break_two_columns (previous);
  g_assert_true (gx_store_put_report (store, previous, NULL, FALSE, NULL, &error));
  g_assert_true (gx_store_put_report (store, current, NULL, FALSE, NULL, &error));
  g_assert_true (gx_store_put_report (store, anding, NULL, FALSE, NULL, &error));
  g_assert_no_error (error);

  /* not the same issuer yet */
  g_assert_cmpint (gx_store_find_report (store, "北京市平谷区人民政府", 2021, 0, &error), ==, 0);
  across = gx_store_check_across (store, current, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (across->len, ==, 0);
  g_clear_pointer (&across, g_ptr_array_unref);

  g_assert_true (gx_store_set_issuer_alias (store, "平谷区 政府", "北京市平谷区人民政府", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_store_find_report (store, "北京市平谷区人民政府", 2021, 0, &error), ==,
                   gx_report_get_id (previous));
  issuers = gx_store_list_issuers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (issuers->len, ==, 3);
  {
    g_autofree char *key = gx_store_dup_issuer_key (store, "平谷区政府");
    guint same = 0;

    for (guint i = 0; i < issuers->len; i++)
      if (g_strcmp0 (((GxStoreIssuer *) g_ptr_array_index (issuers, i))->key, key) == 0)
        same++;
    g_assert_cmpuint (same, ==, 2);
  }

  loaded = gx_store_load_report (store, gx_report_get_id (current), &error);
  g_assert_no_error (error);
  assert_two_carryover (gx_report_get_findings (loaded));
  g_clear_object (&loaded);

  /* undoing the merge */
  g_assert_true (gx_store_set_issuer_alias (store, "平谷区政府", NULL, &error));
  loaded = gx_store_load_report (store, gx_report_get_id (current), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_rule (gx_report_get_findings (loaded), GX_RULE_CARRYOVER), ==, 0);
  g_clear_object (&loaded);

  /* a parent of Pinggu 2022 and Anding 2022, with one cell off by 2 */
  gx_report_set_issuer (parent, "合计");
  gx_report_set_year (parent, 2022);
  for (guint c = 0; c < gx_schema_n_cells (); c++)
    if (gx_report_has_cell (parent, c))
      gx_report_set_value (parent, c, gx_report_get_value (current, c) + gx_report_get_value (anding, c));
  gx_report_set_count (parent, cell ("applications.new_received.total"), 300);
  g_assert_true (gx_store_save_report (store, parent, &error));
  ids[0] = gx_report_get_id (current);
  ids[1] = gx_report_get_id (anding);
  g_assert_false (gx_store_set_children (store, gx_report_get_id (parent),
                                         (gint64[]) { gx_report_get_id (parent) }, 1, &error));
  g_clear_error (&error);
  g_assert_false (gx_store_set_children (store, gx_report_get_id (parent),
                                         (gint64[]) { 999999 }, 1, &error));
  g_clear_error (&error);
  g_assert_true (gx_store_set_children (store, gx_report_get_id (parent), ids, 2, &error));
  g_assert_no_error (error);
  kids = gx_store_get_children (store, gx_report_get_id (parent), &error);
  g_assert_cmpuint (kids->len, ==, 2);

  loaded = gx_store_load_report (store, gx_report_get_id (parent), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_rule (gx_report_get_findings (loaded), GX_RULE_HIERARCHY), ==, 1);
  {
    GxFinding *f = find_at (gx_report_get_findings (loaded), GX_RULE_HIERARCHY,
                            "applications.new_received.total");

    g_assert_nonnull (f);
    g_assert_cmpint (gx_finding_get_expected (f), ==, V (302));
    g_assert_cmpint (gx_finding_get_actual (f), ==, V (300));
  }

  /* removing a child drops the link */
  g_assert_true (gx_store_remove_report (store, gx_report_get_id (anding), &error));
  g_clear_pointer (&kids, g_array_unref);
  kids = gx_store_get_children (store, gx_report_get_id (parent), &error);
  g_assert_cmpuint (kids->len, ==, 1);

  g_clear_object (&store);
  g_remove (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gx_schema_set_prefers_chinese (0);

  g_test_add_func ("/crosscheck/prose/miyun", test_prose_miyun);
  g_test_add_func ("/crosscheck/prose/miyun-review-broken", test_prose_miyun_review_broken);
  g_test_add_func ("/crosscheck/prose/pinggu", test_prose_pinggu);
  g_test_add_func ("/crosscheck/prose/pinggu-variants", test_prose_pinggu_variants);
  g_test_add_func ("/crosscheck/prose/others-clean", test_prose_others_clean);
  g_test_add_func ("/crosscheck/prose/bad-input", test_prose_bad_input);
  g_test_add_func ("/crosscheck/prose/document-counts", test_prose_document_counts);
  g_test_add_func ("/crosscheck/stock/pair", test_stock_pair);
  g_test_add_func ("/crosscheck/stock/forms", test_stock_forms);
  g_test_add_func ("/crosscheck/stock/workspace", test_stock_workspace);
  g_test_add_func ("/crosscheck/sections/fixtures", test_sections_fixtures);
  g_test_add_func ("/crosscheck/sections/without-cell", test_sections_without_cell);
  g_test_add_func ("/crosscheck/sections/clean", test_sections_clean);
  g_test_add_func ("/crosscheck/carryover/pair", test_carryover_pair);
  g_test_add_func ("/crosscheck/carryover/among-files", test_carryover_among_files);
  g_test_add_func ("/crosscheck/carryover/alias", test_carryover_alias);
  g_test_add_func ("/crosscheck/carryover/not-consecutive", test_carryover_not_consecutive);
  g_test_add_func ("/crosscheck/hierarchy", test_hierarchy);
  g_test_add_func ("/crosscheck/workspace", test_workspace_across);
  return g_test_run ();
}
