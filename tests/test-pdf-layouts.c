/* test-pdf-layouts.c: PDF tables read by their geometry, and the text
 * `pdftotext -layout` makes of them
 *
 * The fixtures in data/pdf-layouts were drawn by
 * data/pdf-layouts/make-pdf-fixtures.py: a made-up report of 测试县人民政府
 * for 2023 whose section 三 has narrow value columns (three-digit numbers
 * wrapped in their cells: "12" over "5"), header words one character a
 * line under a three-level header, labels wrapped over two or three lines,
 * the vertical 三、本年度办理结果, a page break with a page number; section
 * 四 is one line of 15 numbers (100 and 101 wrapped); centred-wide.txt has
 * the words of centred.pdf on a monospaced grid where a CJK character is two
 * columns wide.  The values below
 * are those the script draws, read off the drawn pages.
 */
#include <string.h>

#include "gx-core.h"
#include "gx-geometry.h"
#include "gx-layout-reader.h"

typedef struct
{
  const char *row;
  const char *values;   /* the seven columns; "-" for an empty cell */
} Row;

static const char *const columns[] = {
  "natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total",
};

/* centred.pdf: every cell filled */
static const Row centred[] = {
  { "new_received", "125 3 0 1 0 2 131" },
  { "carried_over", "4 0 0 0 1 0 5" },
  { "granted", "60 2 0 1 0 1 64" },
  { "partially_granted", "12 0 0 0 1 0 13" },
  { "withheld_state_secret", "1 0 0 0 0 0 1" },
  { "withheld_prohibited_by_law", "2 0 0 0 0 0 2" },
  { "withheld_safety_stability", "0 0 0 0 0 0 0" },
  { "withheld_third_party", "3 0 0 0 0 0 3" },
  { "withheld_internal_affairs", "4 0 0 0 0 0 4" },
  { "withheld_process_info", "5 0 0 0 0 0 5" },
  { "withheld_enforcement_file", "0 0 0 0 0 0 0" },
  { "withheld_inquiry", "1 0 0 0 0 0 1" },
  { "unavailable_not_held", "20 1 0 0 0 0 21" },
  { "unavailable_needs_creation", "3 0 0 0 0 0 3" },
  { "unavailable_unclear", "2 0 0 0 0 0 2" },
  { "not_processed_petition", "4 0 0 0 0 0 4" },
  { "not_processed_duplicate", "2 0 0 0 0 1 3" },
  { "not_processed_publication", "1 0 0 0 0 0 1" },
  { "not_processed_excessive", "0 0 0 0 0 0 0" },
  { "not_processed_confirmation", "1 0 0 0 0 0 1" },
  { "other_no_correction", "1 0 0 0 0 0 1" },
  { "other_no_fee", "0 0 0 0 0 0 0" },
  { "other_misc", "1 0 0 0 0 0 1" },
  { "results_total", "123 3 0 1 1 2 130" },
  { "carried_forward", "6 0 0 0 0 0 6" },
};

/* top-aligned.pdf: the 科研机构 column empty, and some rows' zeros */
static const Row top_aligned[] = {
  { "new_received", "125 3 - 1 0 2 131" },
  { "carried_over", "4 - - - 1 - 5" },
  { "granted", "60 2 - 1 0 1 64" },
  { "partially_granted", "12 0 - 0 1 0 13" },
  { "withheld_state_secret", "1 0 - 0 0 0 1" },
  { "withheld_prohibited_by_law", "2 0 - 0 0 0 2" },
  { "withheld_safety_stability", "- - - - - - -" },
  { "withheld_third_party", "3 0 - 0 0 0 3" },
  { "withheld_internal_affairs", "4 0 - 0 0 0 4" },
  { "withheld_process_info", "5 - - - - - 5" },
  { "withheld_enforcement_file", "0 0 - 0 0 0 0" },
  { "withheld_inquiry", "1 0 - 0 0 0 1" },
  { "unavailable_not_held", "20 1 - 0 0 0 21" },
  { "unavailable_needs_creation", "3 0 - 0 0 0 3" },
  { "unavailable_unclear", "2 - - - - - 2" },
  { "not_processed_petition", "4 0 - 0 0 0 4" },
  { "not_processed_duplicate", "2 - - - - 1 3" },
  { "not_processed_publication", "1 0 - 0 0 0 1" },
  { "not_processed_excessive", "0 0 - 0 0 0 0" },
  { "not_processed_confirmation", "1 - - - - - 1" },
  { "other_no_correction", "1 0 - 0 0 0 1" },
  { "other_no_fee", "- - - - - - -" },
  { "other_misc", "1 0 - 0 0 0 1" },
  { "results_total", "123 3 - 1 1 2 130" },
  { "carried_forward", "6 - - - - - 6" },
};

/* the same in every fixture */
static const struct { const char *path; gint64 value; } fixed[] = {
  { "disclosure.regulations.issued", 1 },
  { "disclosure.regulations.repealed", 0 },
  { "disclosure.regulations.in_force", 5 },
  { "disclosure.normative_documents.issued", 2 },
  { "disclosure.normative_documents.repealed", 1 },
  { "disclosure.normative_documents.in_force", 30 },
  { "disclosure.licensing.decisions", 456 },
  { "disclosure.punishment.decisions", 78 },
  { "disclosure.enforcement.decisions", 9 },
  { "review_litigation.review.upheld", 3 },
  { "review_litigation.review.corrected", 1 },
  { "review_litigation.review.other", 0 },
  { "review_litigation.review.pending", 1 },
  { "review_litigation.review.total", 5 },
  { "review_litigation.litigation_direct.upheld", 100 },
  { "review_litigation.litigation_direct.corrected", 0 },
  { "review_litigation.litigation_direct.other", 1 },
  { "review_litigation.litigation_direct.pending", 0 },
  { "review_litigation.litigation_direct.total", 101 },
  { "review_litigation.litigation_after_review.upheld", 1 },
  { "review_litigation.litigation_after_review.corrected", 1 },
  { "review_litigation.litigation_after_review.other", 0 },
  { "review_litigation.litigation_after_review.pending", 0 },
  { "review_litigation.litigation_after_review.total", 2 },
};

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "pdf-layouts", name, NULL);
}

static GxReport *
read_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  GxReport *report = gx_reader_read_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpstr (gx_report_get_issuer (report), ==, "测试县人民政府");
  g_assert_cmpint (gx_report_get_year (report), ==, 2023);
  return report;
}

static guint
cell_of (const char *path)
{
  int cell = gx_schema_find_cell_by_path (path);

  if (cell < 0)
    g_error ("no cell %s", path);
  return (guint) cell;
}

/* Rows from @first to @last of @rows, cell by cell; @inferred: whether
 * their cells must carry the inferred flag (columns the source lost). */
static void
assert_rows (GxReport  *report,
             const Row *rows,
             guint      first,
             guint      last,
             gboolean   inferred)
{
  for (guint r = first; r <= last; r++)
    {
      g_auto(GStrv) values = g_strsplit (rows[r].values, " ", -1);
      guint n_inferred = 0;

      g_assert_cmpuint (g_strv_length (values), ==, G_N_ELEMENTS (columns));
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *path = g_strdup_printf ("applications.%s.%s", rows[r].row, columns[c]);
          guint cell = cell_of (path);

          if (inferred)
            {
              n_inferred += (gx_report_get_cell_flags (report, cell) & GX_CELL_FLAG_INFERRED) != 0;
              continue;
            }
          if (strcmp (values[c], "-") == 0)
            {
              if (!gx_report_is_blank (report, cell))
                g_error ("%s: %s is %" G_GINT64_FORMAT ", not blank", gx_report_get_source (report), path,
                         gx_report_get_count (report, cell));
            }
          else if (gx_report_is_blank (report, cell) ||
                   gx_report_get_count (report, cell) != g_ascii_strtoll (values[c], NULL, 10))
            g_error ("%s: %s is %" G_GINT64_FORMAT "%s, not %s", gx_report_get_source (report), path,
                     gx_report_get_count (report, cell), gx_report_is_blank (report, cell) ? " (blank)" : "",
                     values[c]);
          g_assert_false (gx_report_get_cell_flags (report, cell) & GX_CELL_FLAG_INFERRED);
        }
      /* the values given are placed by the assembler, which says so */
      if (inferred)
        g_assert_cmpuint (n_inferred, >, 0);
    }
}

static void
assert_fixed_counts (GxReport *report)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      guint cell = cell_of (fixed[i].path);

      if (gx_report_is_blank (report, cell) || gx_report_get_count (report, cell) != fixed[i].value)
        g_error ("%s: %s is %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT, gx_report_get_source (report),
                 fixed[i].path, gx_report_get_count (report, cell), fixed[i].value);
    }
}

static void
assert_fixed (GxReport *report)
{
  assert_fixed_counts (report);
  /* 1.5 万元, exactly */
  g_assert_cmpint (gx_report_get_value (report, cell_of ("disclosure.fees.amount_wan")), ==,
                   15 * GX_VALUE_SCALE / 10);
}

static guint
count_findings (GxReport   *report,
                GxSeverity  severity)
{
  g_autoptr(GPtrArray) findings = gx_rules_check (report);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += gx_finding_get_severity (g_ptr_array_index (findings, i)) == severity;
  return n;
}

/* Centred cells: the numbers of a wrapped label on its middle line, "12"
 * over "5" with the row's other numbers between, the header repeated on
 * the next page; the PDF and its pdftotext -layout text; that text with a
 * row's first number beside its label's first line and the others on the
 * next, and a "1." on the line of the numbers below its words. */
static void
test_centred (gconstpointer data)
{
  g_autoptr(GxReport) report = read_fixture (data);

  assert_rows (report, centred, 0, G_N_ELEMENTS (centred) - 1, FALSE);
  assert_fixed (report);
  g_assert_cmpuint (count_findings (report, GX_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (count_findings (report, GX_SEVERITY_WARNING), ==, 0);
}

/* The pdftotext text of centred.pdf as pdftotext sets a table squeezed to
 * the page: the first number of a row whose label wraps beside the
 * label's first line, far left of its column and of the words of other
 * rows' labels, the others two lines below with the "5." between, or on
 * the same line; a second page without a header, where a cell is empty;
 * a sentence starting with a number under the heading.  Every row read,
 * the empty cell blank. */
static void
test_squeezed_text (void)
{
  g_autoptr(GxReport) report = read_fixture ("centred-squeezed.txt");
  static const Row secret[] = { { "withheld_state_secret", "1 - 0 0 0 0 1" } };

  assert_rows (report, centred, 0, 3, FALSE);
  g_assert_cmpstr (centred[4].row, ==, secret[0].row);
  assert_rows (report, secret, 0, 0, FALSE);
  assert_rows (report, centred, 5, G_N_ELEMENTS (centred) - 1, FALSE);
  assert_fixed (report);
  g_assert_cmpuint (count_findings (report, GX_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (count_findings (report, GX_SEVERITY_WARNING), ==, 0);
}

/* Top-aligned cells, empty cells and a wholly empty column (told by the
 * header cells), no header on the next page. */
static void
test_top_aligned_pdf (void)
{
  g_autoptr(GxReport) report = read_fixture ("top-aligned.pdf");

  assert_rows (report, top_aligned, 0, G_N_ELEMENTS (top_aligned) - 1, FALSE);
  assert_fixed (report);
  g_assert_cmpuint (count_findings (report, GX_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (count_findings (report, GX_SEVERITY_WARNING), ==, 0);
}

/* pdftotext drops the empty 科研机构 column of the second page, which
 * repeats no header: the rows there cannot be placed by position.  They
 * are read, but with their values in order and flagged (ambiguous_layout)
 * instead of guessed; the first page is exact. */
static void
test_top_aligned_text (void)
{
  g_autoptr(GxReport) report = read_fixture ("top-aligned-pdftotext.txt");

  assert_rows (report, top_aligned, 0, 2, FALSE);
  assert_rows (report, top_aligned, 3, 5, TRUE);
  assert_fixed (report);
  g_assert_cmpuint (count_findings (report, GX_SEVERITY_WARNING), >, 0);
}

/* Numbers of neighbouring narrow cells closer than the space between two
 * words ("125" and "3" 2.9 pt apart, only a cell border between them); a
 * borderless section 二 whose labels run into the number after them
 * ("行政规范性文件2", "行政事业性收费1.5"); section 四 without borders,
 * "100" and "0" 4 pt apart: the borders cut the first, the column where the
 * cells of other rows begin the second, the gap between digits (those of
 * one number touch) the third. */
static void
test_packed_pdf (void)
{
  g_autoptr(GxReport) report = read_fixture ("packed.pdf");

  assert_rows (report, centred, 0, G_N_ELEMENTS (centred) - 1, FALSE);
  assert_fixed (report);
  g_assert_cmpuint (count_findings (report, GX_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (count_findings (report, GX_SEVERITY_WARNING), ==, 0);
}

/* Its pdftotext -layout text keeps one space between a label and the
 * numbers after it ("不计其 12 0", "行政规范性文件 2    1    30"), and
 * between the fee and its label, the number ending the line
 * ("行政事业性收费 1.5"): all read. */
static void
test_packed_text (void)
{
  g_autoptr(GxReport) report = read_fixture ("packed-pdftotext.txt");

  assert_rows (report, centred, 0, G_N_ELEMENTS (centred) - 1, FALSE);
  assert_fixed (report);
  g_assert_cmpuint (count_findings (report, GX_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (count_findings (report, GX_SEVERITY_WARNING), ==, 0);
}

/* A row's numbering set apart from its words ("4.   保护第三方合法权益",
 * as a list item printed to PDF gives it) is part of the label, never a
 * value: the row keeps its seven values */
static void
test_numbering_chunk (void)
{
  g_autoptr(GArray) lines = gx_geo_lines_new ();
  GxGeoLine line;
  static const char *const values[] = { "3", "0", "0", "0", "0", "0", "3" };

  gx_geo_line_init (&line);
  gx_geo_line_add_chunk (&line, "4.", -1, 13, 15, 0, 1);
  gx_geo_line_add_chunk (&line, "保护第三方合法权益", -1, 18, 36, 0, 1);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    gx_geo_line_add_chunk (&line, values[i], -1, 48 + 5 * i, 49 + 5 * i, 0, 1);
  g_array_append_val (lines, line);

  g_assert_cmpuint (line.chunks->len, ==, 8);
  g_assert_cmpstr (GX_GEO_CHUNK (&line, 0)->text, ==, "4.保护第三方合法权益");
  g_assert_false (GX_GEO_CHUNK (&line, 0)->value);
  g_assert_cmpfloat (GX_GEO_CHUNK (&line, 0)->x1, ==, 13);
  g_assert_cmpfloat (GX_GEO_CHUNK (&line, 0)->x2, ==, 36);
  for (guint i = 1; i < 8; i++)
    g_assert_true (GX_GEO_CHUNK (&line, i)->value);
  /* a number with a decimal point stays a value */
  g_assert_true (gx_geo_is_value_text ("4.5"));
}

/* Which text is read as a page laid out with spaces */
static void
test_sniff (void)
{
  static const char *const samples[] = { "haidian-2022.txt", "beidaihe-2022-pipes.txt", "miyun-2021.txt" };
  g_autofree char *path = fixture_path ("centred-pdftotext.txt");
  g_autofree char *text = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  g_assert_true (gx_layout_reader_sniff (text, len));
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *sample_path = g_test_build_filename (G_TEST_DIST, "data", samples[i], NULL);
      g_autofree char *sample = NULL;

      g_assert_true (g_file_get_contents (sample_path, &sample, &len, NULL));
      g_assert_false (gx_layout_reader_sniff (sample, len));
    }
}

/* The real report of ../shared/real, when it is there: every row of
 * section 三 is read, its label typo and its single （六） row aligned to
 * the form by the assembler. */
static void
test_real (gconstpointer data)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "..", "shared", "real", data, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/real is not there");
      return;
    }
  report = gx_reader_read_path (path, &error);
  g_assert_no_error (error);
  g_ptr_array_unref (gx_rules_check (report));
  /* the typo row and the single （六） row are placed by the alignment,
   * each with a form_variant note; nothing is unread */
  {
    guint n_variant = 0;
    GPtrArray *findings = gx_report_get_findings (report);

    for (guint i = 0; i < findings->len; i++)
      {
        GxFinding *f = g_ptr_array_index (findings, i);

        g_assert_cmpstr (gx_finding_get_rule (f), !=, "unread");
        n_variant += g_strcmp0 (gx_finding_get_rule (f), "form_variant") == 0;
      }
    g_assert_cmpuint (n_variant, ==, 4);
  }
  g_assert_cmpuint (gx_report_get_n_errors (report), ==, 0);
  g_assert_cmpstr (gx_report_get_issuer (report), ==, "淮安市洪泽区人民政府");
  g_assert_cmpint (gx_report_get_year (report), ==, 2024);
  g_assert_cmpint (gx_report_get_count (report, cell_of ("applications.new_received.total")), ==, 95);
  g_assert_cmpint (gx_report_get_count (report, cell_of ("applications.unavailable_not_held.natural_person")), ==, 31);
  g_assert_cmpint (gx_report_get_count (report, cell_of ("review_litigation.litigation_after_review.total")), ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gx_reader_init ();

  g_test_add_data_func ("/pdf-layouts/centred/pdf", "centred.pdf", test_centred);
  g_test_add_data_func ("/pdf-layouts/centred/text", "centred-pdftotext.txt", test_centred);
  g_test_add_data_func ("/pdf-layouts/centred/wide-text", "centred-wide.txt", test_centred);
  g_test_add_data_func ("/pdf-layouts/centred/split-lines", "centred-split.txt", test_centred);
  g_test_add_func ("/pdf-layouts/centred/squeezed-text", test_squeezed_text);
  g_test_add_func ("/pdf-layouts/top-aligned/pdf", test_top_aligned_pdf);
  g_test_add_func ("/pdf-layouts/top-aligned/text", test_top_aligned_text);
  g_test_add_func ("/pdf-layouts/packed/pdf", test_packed_pdf);
  g_test_add_func ("/pdf-layouts/packed/text", test_packed_text);
  g_test_add_func ("/pdf-layouts/numbering-chunk", test_numbering_chunk);
  g_test_add_func ("/pdf-layouts/sniff", test_sniff);
  g_test_add_data_func ("/pdf-layouts/real/pdf", "r02-hongze-2024.pdf", test_real);
  g_test_add_data_func ("/pdf-layouts/real/text", "r10-hongze-2024-pdftotext.txt", test_real);
  return g_test_run ();
}
