/* test-samples.h: the five sample reports, as read by hand from the files
 *
 * Each line is one row of the template: its path, then its values in the
 * order of the official columns, "_" for a cell left blank in the file.
 * These were typed from the files in ../shared/samples, not produced by our reader.
 */
#pragma once

#include <string.h>

#include "gx-core.h"

typedef struct
{
  const char *file;
  const char *issuer;
  int year;
  const char *const *rows;
} SampleReport;

#define ZEROS7 "0 0 0 0 0 0 0"
#define BLANK7 "_ _ _ _ _ _ _"

static const char *const pinggu_rows[] = {
  "disclosure.regulations 0 0 0",
  "disclosure.normative_documents 90 4 256",
  "disclosure.licensing 37824",
  "disclosure.punishment 6431",
  "disclosure.enforcement 102",
  "disclosure.fees 8157.19",
  "applications.new_received 284 5 0 0 0 0 289",
  "applications.carried_over 7 0 0 0 0 0 7",
  "applications.granted 111 1 0 0 0 0 112",
  "applications.partially_granted 27 2 0 0 0 0 29",
  "applications.withheld_state_secret " ZEROS7,
  "applications.withheld_prohibited_by_law " ZEROS7,
  "applications.withheld_safety_stability 1 0 0 0 0 0 1",
  "applications.withheld_third_party 2 0 0 0 0 0 2",
  "applications.withheld_internal_affairs " ZEROS7,
  "applications.withheld_process_info 2 0 0 0 0 0 2",
  "applications.withheld_enforcement_file 9 0 0 0 0 0 9",
  "applications.withheld_inquiry 1 0 0 0 0 0 1",
  "applications.unavailable_not_held 127 2 0 0 0 0 129",
  "applications.unavailable_needs_creation 1 0 0 0 0 0 1",
  "applications.unavailable_unclear " ZEROS7,
  "applications.not_processed_petition " ZEROS7,
  "applications.not_processed_duplicate " ZEROS7,
  "applications.not_processed_publication " ZEROS7,
  "applications.not_processed_excessive " ZEROS7,
  "applications.not_processed_confirmation " ZEROS7,
  "applications.other_no_correction " ZEROS7,
  "applications.other_no_fee " ZEROS7,
  "applications.other_misc 8 0 0 0 0 0 8",
  "applications.results_total 289 5 0 0 0 0 294",
  "applications.carried_forward 2 0 0 0 0 0 2",
  "review_litigation.review 6 0 3 2 11",
  "review_litigation.litigation_direct 2 0 0 2 4",
  "review_litigation.litigation_after_review 1 0 0 3 4",
  NULL
};

static const char *const miyun_rows[] = {
  "disclosure.regulations 0 0 0",
  "disclosure.normative_documents 442 37 1633",
  "disclosure.licensing 49241",
  "disclosure.punishment 11926",
  "disclosure.enforcement 98",
  "disclosure.fees 254.38",
  "applications.new_received 559 11 0 2 0 0 572",
  "applications.carried_over 41 0 0 0 0 0 41",
  "applications.granted 164 3 0 0 0 0 167",
  "applications.partially_granted 96 5 0 0 0 0 101",
  "applications.withheld_state_secret 1 0 0 0 0 0 1",
  "applications.withheld_prohibited_by_law 7 0 0 0 0 0 7",
  "applications.withheld_safety_stability " ZEROS7,
  "applications.withheld_third_party 1 0 0 0 0 0 1",
  "applications.withheld_internal_affairs 3 0 0 0 0 0 3",
  "applications.withheld_process_info 3 0 0 0 0 0 3",
  "applications.withheld_enforcement_file 4 0 0 2 0 0 6",
  "applications.withheld_inquiry 8 0 0 0 0 0 8",
  "applications.unavailable_not_held 214 2 0 0 0 0 216",
  "applications.unavailable_needs_creation 10 0 0 0 0 0 10",
  "applications.unavailable_unclear 3 0 0 0 0 0 3",
  "applications.not_processed_petition 4 1 0 0 0 0 5",
  "applications.not_processed_duplicate " ZEROS7,
  "applications.not_processed_publication " ZEROS7,
  "applications.not_processed_excessive " ZEROS7,
  "applications.not_processed_confirmation " ZEROS7,
  "applications.other_no_correction 12 0 0 0 0 0 12",
  "applications.other_no_fee " ZEROS7,
  "applications.other_misc 45 0 0 0 0 0 45",
  "applications.results_total 575 11 0 2 0 0 588",
  "applications.carried_forward 25 0 0 0 0 0 25",
  "review_litigation.review 6 4 2 3 15",
  "review_litigation.litigation_direct 6 3 1 1 11",
  "review_litigation.litigation_after_review 6 1 0 2 9",
  NULL
};

static const char *const anding_rows[] = {
  "disclosure.regulations 0 0 0",
  "disclosure.normative_documents 0 0 0",
  "disclosure.licensing 0",
  "disclosure.punishment 385",
  "disclosure.enforcement 0",
  "disclosure.fees 0",
  "applications.new_received 13 0 0 0 0 0 13",
  "applications.carried_over " ZEROS7,
  "applications.granted 13 0 0 0 0 0 13",
  "applications.partially_granted " ZEROS7,
  "applications.withheld_state_secret " ZEROS7,
  "applications.withheld_prohibited_by_law " ZEROS7,
  "applications.withheld_safety_stability " ZEROS7,
  "applications.withheld_third_party " ZEROS7,
  "applications.withheld_internal_affairs " ZEROS7,
  "applications.withheld_process_info " ZEROS7,
  "applications.withheld_enforcement_file " ZEROS7,
  "applications.withheld_inquiry " ZEROS7,
  "applications.unavailable_not_held " ZEROS7,
  "applications.unavailable_needs_creation " ZEROS7,
  "applications.unavailable_unclear " ZEROS7,
  "applications.not_processed_petition " ZEROS7,
  "applications.not_processed_duplicate " ZEROS7,
  "applications.not_processed_publication " ZEROS7,
  "applications.not_processed_excessive " ZEROS7,
  "applications.not_processed_confirmation " ZEROS7,
  "applications.other_no_correction " ZEROS7,
  "applications.other_no_fee " ZEROS7,
  "applications.other_misc " ZEROS7,
  "applications.results_total 13 0 0 0 0 0 13",
  "applications.carried_forward " ZEROS7,
  "review_litigation.review 1 0 0 0 1",
  "review_litigation.litigation_direct 1 0 0 0 1",
  "review_litigation.litigation_after_review 0 0 0 0 0",
  NULL
};

static const char *const haidian_rows[] = {
  "disclosure.regulations 0 0 0",
  "disclosure.normative_documents 6 137 175",
  "disclosure.licensing 66739",
  "disclosure.punishment 21898",
  "disclosure.enforcement 57",
  "disclosure.fees 19656.3836",
  "applications.new_received 1448 60 2 2 1 8 1521",
  "applications.carried_over 100 2 0 0 1 0 103",
  "applications.granted 288 13 2 1 0 5 309",
  "applications.partially_granted 108 5 0 1 0 1 115",
  "applications.withheld_state_secret " ZEROS7,
  "applications.withheld_prohibited_by_law " ZEROS7,
  "applications.withheld_safety_stability " ZEROS7,
  "applications.withheld_third_party 3 0 0 0 0 0 3",
  "applications.withheld_internal_affairs 10 0 0 0 0 0 10",
  "applications.withheld_process_info 23 0 0 0 0 1 24",
  "applications.withheld_enforcement_file 49 1 0 0 0 0 50",
  "applications.withheld_inquiry 13 1 0 0 0 0 14",
  "applications.unavailable_not_held 817 38 0 0 2 1 858",
  "applications.unavailable_needs_creation 12 0 0 0 0 0 12",
  "applications.unavailable_unclear 1 0 0 0 0 0 1",
  "applications.not_processed_petition 63 0 0 0 0 0 63",
  "applications.not_processed_duplicate 14 0 0 0 0 0 14",
  "applications.not_processed_publication " ZEROS7,
  "applications.not_processed_excessive " ZEROS7,
  "applications.not_processed_confirmation " ZEROS7,
  "applications.other_no_correction 6 0 0 0 0 0 6",
  "applications.other_no_fee 1 0 0 0 0 0 1",
  "applications.other_misc 40 1 0 0 0 0 41",
  "applications.results_total 1448 59 2 2 2 8 1521",
  "applications.carried_forward 100 3 0 0 0 0 103",
  "review_litigation.review 67 15 7 36 125",
  "review_litigation.litigation_direct 39 1 13 32 85",
  "review_litigation.litigation_after_review 26 0 0 19 42",
  NULL
};

/* Pipes with empty cells collapsed: "| 4 | 4 |" in a 7-column row is
 * 自然人 4, 总计 4 (the leftmost placement whose row total holds). */
static const char *const beidaihe_rows[] = {
  "disclosure.regulations 0 0 0",
  "disclosure.normative_documents 0 0 1",
  "disclosure.licensing 0",
  "disclosure.punishment 0",
  "disclosure.enforcement 0",
  "disclosure.fees 0",
  "applications.new_received 4 _ _ _ _ _ 4",
  "applications.carried_over " BLANK7,
  "applications.granted 4 _ _ _ _ _ 4",
  "applications.partially_granted " BLANK7,
  "applications.withheld_state_secret " BLANK7,
  "applications.withheld_prohibited_by_law " BLANK7,
  "applications.withheld_safety_stability " BLANK7,
  "applications.withheld_third_party " BLANK7,
  "applications.withheld_internal_affairs " BLANK7,
  "applications.withheld_process_info " BLANK7,
  "applications.withheld_enforcement_file " BLANK7,
  "applications.withheld_inquiry " BLANK7,
  "applications.unavailable_not_held " BLANK7,
  "applications.unavailable_needs_creation " BLANK7,
  "applications.unavailable_unclear " BLANK7,
  "applications.not_processed_petition " BLANK7,
  "applications.not_processed_duplicate " BLANK7,
  "applications.not_processed_publication " BLANK7,
  "applications.not_processed_excessive " BLANK7,
  "applications.not_processed_confirmation " BLANK7,
  "applications.other_no_correction " BLANK7,
  "applications.other_no_fee " BLANK7,
  "applications.other_misc " BLANK7,
  "applications.results_total " BLANK7,
  "applications.carried_forward " BLANK7,
  "review_litigation.review 1 _ _ _ 1",
  "review_litigation.litigation_direct _ _ _ _ _",
  "review_litigation.litigation_after_review _ _ _ _ _",
  NULL
};

/* tests/data/miyun-2020-format2019.txt: Miyun's numbers laid out in the
 * 2019 form (国办公开办函〔2019〕60号) — section 二 with 本年新制作数量 /
 * 本年新公开数量 / 对外公开总数量 and 上一年项目数量 / 本年增/减 / 处理决定数量,
 * 政府集中采购, and a single （六）其他处理 row (12 + 0 + 45 = 57), kept in
 * 3.其他 (other_misc), the two rows before it blank. */
static const char *const miyun2019_rows[] = {
  "disclosure.regulations 0 0 0",
  "disclosure.normative_documents 442 437 1633",
  "disclosure.licensing 512 -3 49241",
  "disclosure.other_services 61 2 756",
  "disclosure.punishment 1604 15 11926",
  "disclosure.enforcement 37 0 98",
  "disclosure.fees 12 -1",
  "disclosure.procurement 60 254.38",
  "applications.new_received 559 11 0 2 0 0 572",
  "applications.carried_over 41 0 0 0 0 0 41",
  "applications.granted 164 3 0 0 0 0 167",
  "applications.partially_granted 96 5 0 0 0 0 101",
  "applications.withheld_state_secret 1 0 0 0 0 0 1",
  "applications.withheld_prohibited_by_law 7 0 0 0 0 0 7",
  "applications.withheld_safety_stability " ZEROS7,
  "applications.withheld_third_party 1 0 0 0 0 0 1",
  "applications.withheld_internal_affairs 3 0 0 0 0 0 3",
  "applications.withheld_process_info 3 0 0 0 0 0 3",
  "applications.withheld_enforcement_file 4 0 0 2 0 0 6",
  "applications.withheld_inquiry 8 0 0 0 0 0 8",
  "applications.unavailable_not_held 214 2 0 0 0 0 216",
  "applications.unavailable_needs_creation 10 0 0 0 0 0 10",
  "applications.unavailable_unclear 3 0 0 0 0 0 3",
  "applications.not_processed_petition 4 1 0 0 0 0 5",
  "applications.not_processed_duplicate " ZEROS7,
  "applications.not_processed_publication " ZEROS7,
  "applications.not_processed_excessive " ZEROS7,
  "applications.not_processed_confirmation " ZEROS7,
  "applications.other_no_correction _ _ _ _ _ _ _",
  "applications.other_no_fee _ _ _ _ _ _ _",
  "applications.other_misc 57 0 0 0 0 0 57",
  "applications.results_total 575 11 0 2 0 0 588",
  "applications.carried_forward 25 0 0 0 0 0 25",
  "review_litigation.review 6 4 2 3 15",
  "review_litigation.litigation_direct 6 3 1 1 11",
  "review_litigation.litigation_after_review 6 1 0 2 9",
  NULL
};

static const SampleReport samples[] = {
  { "pinggu-2022.txt", "北京市平谷区人民政府", 2022, pinggu_rows },
  { "miyun-2021.txt", "北京市密云区人民政府", 2021, miyun_rows },
  { "anding-2022.txt", "北京市大兴区安定镇人民政府", 2022, anding_rows },
  { "haidian-2022.txt", "北京市海淀区人民政府", 2022, haidian_rows },
  { "beidaihe-2022-pipes.txt", "北戴河区人民政府办公室", 2022, beidaihe_rows },
};

/* One hand-written row, "section.row v1 v2 …": the cells of @format's
 * columns of that row into @cells, the row split at spaces into @words
 * (words[1…] the values, "_" a blank).  Returns the number of values,
 * which must be the row's number of columns in @format. */
G_GNUC_UNUSED static guint
sample_row (const char  *spec,
            GxFormat     format,
            guint        cells[16],
            char      ***words)
{
  g_auto(GStrv) path = NULL;
  const GxSchemaRow *row;
  guint columns[16];
  guint n_columns;

  *words = g_strsplit (spec, " ", -1);
  path = g_strsplit ((*words)[0], ".", 2);
  row = gx_schema_find_row (gx_schema_section_from_key (path[0]), path[1]);
  g_assert_nonnull (row);
  g_assert_true (gx_schema_row_in_format (row, format));
  n_columns = gx_schema_row_format_columns (row, format, columns);
  g_assert_cmpuint (g_strv_length (*words) - 1, ==, n_columns);
  for (guint c = 0; c < n_columns; c++)
    cells[c] = row->first_cell + columns[c];
  return n_columns;
}

/* Checks every cell of @report against the hand-written rows. */
G_GNUC_UNUSED static void
assert_cells (GxReport          *report,
              const char *const *rows)
{
  GxFormat format = gx_report_get_format (report);
  guint n_checked = 0;

  for (guint r = 0; rows[r]; r++)
    {
      g_auto(GStrv) tokens = NULL;
      guint cells[16];
      guint n_columns = sample_row (rows[r], format, cells, &tokens);

      for (guint c = 0; c < n_columns; c++)
        {
          guint cell = cells[c];
          const char *expected = tokens[c + 1];
          g_autofree char *actual = gx_report_dup_text (report, cell);

          if (strcmp (expected, "_") == 0)
            {
              if (!gx_report_is_blank (report, cell))
                g_error ("%s: expected blank, got “%s”", gx_schema_cell (cell)->path, actual);
            }
          else if (strcmp (expected, actual) != 0 ||
                   gx_report_get_cell (report, cell, NULL) != GX_CELL_VALUE)
            g_error ("%s: expected %s, got “%s”", gx_schema_cell (cell)->path, expected, actual);
          n_checked++;
        }
    }
  /* every cell of the report's form was named */
  g_assert_cmpuint (n_checked, ==, gx_schema_n_cells_in_format (format));
}

typedef struct
{
  const char *rule;
  const char *path;      /* section.row.column, section.row for a row finding, "-" for none */
  const char *expected;  /* NULL: no values */
  const char *actual;
} ExpectedFinding;

G_GNUC_UNUSED static char *
finding_path (GxFinding *f)
{
  if (!gx_finding_has_cell (f))
    return g_strdup ("-");   /* about the text, or the tables as a whole */
  if (gx_finding_get_column_key (f))
    return g_strdup_printf ("%s.%s.%s", gx_finding_get_section_key (f),
                            gx_finding_get_row_key (f), gx_finding_get_column_key (f));
  return g_strdup_printf ("%s.%s", gx_finding_get_section_key (f), gx_finding_get_row_key (f));
}

/* The findings of @severity are exactly @expected (in any order). */
G_GNUC_UNUSED static void
assert_findings (GxReport              *report,
                 GxSeverity             severity,
                 const ExpectedFinding *expected,
                 guint                  n_expected)
{
  GPtrArray *findings = gx_report_get_findings (report);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *path = NULL;
      gboolean matched = FALSE;

      if (gx_finding_get_severity (f) != severity)
        continue;
      n++;
      path = finding_path (f);
      for (guint e = 0; e < n_expected && !matched; e++)
        {
          if (strcmp (expected[e].rule, gx_finding_get_rule (f)) != 0 ||
              strcmp (expected[e].path, path) != 0)
            continue;
          if (expected[e].expected)
            {
              g_autofree char *exp = gx_value_format (gx_finding_get_expected (f));
              g_autofree char *act = gx_value_format (gx_finding_get_actual (f));

              g_assert_true (gx_finding_has_values (f));
              g_assert_cmpstr (exp, ==, expected[e].expected);
              g_assert_cmpstr (act, ==, expected[e].actual);
            }
          matched = TRUE;
        }
      if (!matched)
        g_error ("unexpected %s finding %s at %s: %s", gx_severity_to_key (severity),
                 gx_finding_get_rule (f), path, gx_finding_get_message (f));
    }
  g_assert_cmpuint (n, ==, n_expected);
}
