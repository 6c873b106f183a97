/* gx-prose.c: prose_mismatch, the figures of the text against the tables
 *
 * The text is width-folded (，→ ,) and cut into sentences at 。 ; ! ?.  In
 * a sentence, a statement starts at a whole figure of one of the kinds
 * below and runs to the next one or to the end of the sentence; the
 * figures after the whole (其中…N件, 其余N件尚在审理中) are its parts,
 * recognised by the words around them.  Parts that name nothing we know
 * are left alone, so a sentence is never read further than it says.
 *
 *   applications  (受理|收到|接收)…申请…N件: the whole is either the new
 *                 applications or new + carried over (reports use both:
 *                 Anding 13 new; Pinggu 296 = 289 new + 7 carried over).
 *                 Parts: 结转自上年 → carried_over, 新收 → new_received,
 *                 已答复/办结 → results_total, 结转下年 → carried_forward;
 *                 new + carried over, and answered + carried forward, must
 *                 make the whole when both are listed.
 *   review        行政复议…N件: review.total; parts 维持 纠正/纠错 其他
 *                 审理中/未审结 → the fields of the review group.
 *   litigation    行政诉讼…N件: the sum of both litigation groups.
 *   disclosure    规章 / 规范性文件 / 行政许可 / 行政处罚 / 行政强制 N件|条,
 *                 行政事业性收费 N万元, the number right after the word:
 *                 the cells of section 二 (2021 form).
 *
 * A generic 主动公开政府信息N条 has no cell in the national tables and is
 * not compared.  A statement whose sentence widens the scope (（含垂管部门）,
 * 包括所属单位…) counts more than the report's own tables: its finding is
 * a note, not a warning.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gx-prose.h"
#include "gx-crosscheck.h"
#include "gx-review.h"
#include "gx-rules.h"
#include "gx-sections.h"
#include "gx-text.h"

typedef enum {
  KIND_APPLICATIONS,
  KIND_REVIEW,
  KIND_LITIGATION,
  N_KINDS
} Kind;

/* parts of a statement */
enum {
  PART_NEW,          /* applications */
  PART_CARRIED_OVER,
  PART_ANSWERED,
  PART_FORWARD,
  PART_UPHELD = 0,   /* review and litigation: the fields, in schema order */
  PART_CORRECTED,
  PART_OTHER,
  PART_PENDING,
  N_PARTS = 4
};

typedef struct {
  Kind kind;
  gint64 whole;
  gint64 parts[N_PARTS];
  gboolean has_part[N_PARTS];
  char *widened;      /* the words that widen the scope, or NULL */
} Statement;

typedef struct {
  GxReport *report;
  GPtrArray *findings;
  GRegex *triggers[N_KINDS];
  GRegex *part;
  GRegex *widen;
  GRegex *disclosure;
  const char *sentence;   /* the one being read, quoted by its findings */
} Check;

static const char *const trigger_patterns[N_KINDS] = {
  [KIND_APPLICATIONS] = "(?:受理|收到|接收)[^,;:。、()\\d]{0,20}?申请[^,;:。、()\\d]{0,12}?(\\d+)\\s*件",
  [KIND_REVIEW] = "行政复议[^,;:。、()\\d]{0,8}?(\\d+)\\s*件",
  [KIND_LITIGATION] = "行政诉讼[^,;:。、()\\d]{0,8}?(\\d+)\\s*件",
};

/* a part: the words before, the number, the words after (to the next stop) */
static const char part_pattern[] =
  "([^,;:。、()\\d]{0,16}?)(\\d+)\\s*件([^,;:。、()\\d]{0,12})";

static const char widen_pattern[] =
  "(?:含|包括|包含)[^,;。]{0,10}?(?:垂管|垂直管理|下属|所属|部门|单位|街道|乡镇|镇街)[^,;。()]{0,6}";

/* the word, at most a few characters, then the number: 行政许可37824件 */
static const char disclosure_pattern[] =
  "(规章|规范性文件|行政许可|行政处罚|行政强制|行政事业性收费|收费)([^,;:。、()\\d]{0,4}?)"
  "(\\d+(?:\\.\\d{1,6})?)\\s*(件|条|万元)";

/* Which count of documents (section 二, 规章 and 规范性文件) a figure is,
 * from the words of its clause before the word and between the word and
 * the figure: 现行有效规范性文件698件 is in force, 废止规范性文件3件
 * repealed, 制发/出台/印发/公开…规范性文件90件 issued.  NULL when the words
 * tie it to no one count (政策及规范性文件类3条 is a category of the
 * information published, 累计/共有 … a stock of unknown scope): then
 * nothing is compared. */
static const char *
document_column (const char *before,
                 const char *gap)
{
  g_autofree char *words = g_strconcat (before, gap, NULL);
  static const char *const vague[] = { "类", "累计", "共有", "总数", "现有", "历年", "清理", "保留",
                                       "审查", "备案", "解读", "评估", NULL };
  static const char *const issued[] = { "制发", "制定", "出台", "印发", "发布", "公开", "新增", "下发",
                                        "新制", NULL };

  if (strstr (words, "有效"))
    return "in_force";
  if (strstr (words, "废止") || strstr (words, "失效"))
    return "repealed";
  for (guint i = 0; vague[i]; i++)
    if (strstr (words, vague[i]))
      return NULL;
  for (guint i = 0; issued[i]; i++)
    if (strstr (words, issued[i]))
      return "issued";
  return NULL;
}

/* The words of @sentence's clause before byte @at: back to the last stop
 * (, ; : 。 、 or a digit), at most 16 characters. */
static char *
clause_before (const char *sentence,
               gint        at)
{
  const char *end = sentence + at;
  const char *p = end;

  for (guint n = 0; p > sentence && n < 16; n++)
    {
      const char *prev = g_utf8_find_prev_char (sentence, p);
      gunichar c;

      if (prev == NULL)
        break;
      c = g_utf8_get_char (prev);
      if (c == ',' || c == ';' || c == ':' || c == 0x3002 || c == 0x3001 || (c < 0x80 && g_ascii_isdigit (c)) ||
          c == '(' || c == ')')
        break;
      p = prev;
    }
  return g_strndup (p, (gsize) (end - p));
}

/* Helpers -------------------------------------------------------------------- */

static gboolean
parse_count (const char *text,
             gint64     *out)
{
  guint64 v;
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  v = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0' || v > G_MAXINT32)
    return FALSE;
  *out = (gint64) v;
  return TRUE;
}

static int
cell_of (GxSection   section,
         const char *row,
         const char *column)
{
  return gx_schema_find_cell (section, row, column);
}

/* The value of a cell in whole units; FALSE when the cell is not part of
 * the report's form or not a number. */
static gboolean
table_count (GxReport *report,
             int       cell,
             gint64   *value)
{
  if (cell < 0 || !gx_report_has_cell (report, (guint) cell) ||
      gx_report_get_cell (report, (guint) cell, NULL) == GX_CELL_INVALID)
    return FALSE;
  *value = gx_report_get_value (report, (guint) cell) / GX_VALUE_SCALE;
  return TRUE;
}

static const char *const review_groups[] = { "review", NULL };
static const char *const litigation_groups[] = { "litigation_direct", "litigation_after_review", NULL };
static const char *const review_fields[] = { "upheld", "corrected", "other", "pending", "total" };

/* The sum of a field over the groups of @kind. */
static gboolean
table_review (Check      *check,
              Kind        kind,
              const char *field,
              gint64     *value,
              GArray     *cells)
{
  const char *const *groups = kind == KIND_REVIEW ? review_groups : litigation_groups;

  *value = 0;
  for (guint g = 0; groups[g]; g++)
    {
      int cell = cell_of (GX_SECTION_REVIEW_LITIGATION, groups[g], field);
      gint64 v;

      if (!table_count (check->report, cell, &v))
        return FALSE;
      *value += v;
      if (cells)
        g_array_append_val (cells, cell);
    }
  return TRUE;
}

static const char *
kind_label (Kind kind)
{
  switch (kind)
    {
    case KIND_APPLICATIONS:
      return _("Applications in the text");
    case KIND_REVIEW:
      return _("Administrative reconsideration in the text");
    case KIND_LITIGATION:
    default:
      return _("Administrative litigation in the text");
    }
}

static const char *
part_label (Kind kind,
            guint part)
{
  if (kind == KIND_APPLICATIONS)
    {
      static const char *const rows[] = { "new_received", "carried_over", "results_total", "carried_forward" };
      const GxSchemaRow *row = gx_schema_find_row (GX_SECTION_APPLICATIONS, rows[part]);

      return row ? gx_schema_row_label (row) : rows[part];
    }
  else
    {
      guint n = 0;
      const GxSchemaColumn *fields = gx_schema_review_fields (&n);

      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (fields[i].key, review_fields[part]) == 0)
          return gx_schema_column_label (&fields[i]);
      return review_fields[part];
    }
}

/* Which part a figure is, from the words before and after it; -1: none. */
static int
classify_part (Kind        kind,
               const char *before,
               const char *after)
{
  if (kind == KIND_APPLICATIONS)
    {
      if (strstr (before, "结转下") || strstr (before, "转下年") || strstr (before, "结转至下") ||
          strstr (before, "转入下") || strstr (before, "下年度继续"))
        return PART_FORWARD;
      if (strstr (before, "上年") || strstr (before, "结转"))
        return PART_CARRIED_OVER;
      if (strstr (before, "新收") || strstr (before, "新增申请") || strstr (before, "本年新"))
        return PART_NEW;
      if (strstr (before, "答复") || strstr (before, "办结") || strstr (before, "办理完毕"))
        return PART_ANSWERED;
      return -1;
    }
  if (strstr (before, "审理") || strstr (before, "审结") || strstr (before, "未结") ||
      strstr (after, "审理") || strstr (after, "审结") || strstr (after, "未结"))
    return PART_PENDING;
  if (strstr (before, "维持"))
    return PART_UPHELD;
  if (strstr (before, "纠正") || strstr (before, "纠错") || strstr (before, "撤销") ||
      strstr (before, "确认违法"))
    return PART_CORRECTED;
  if (strstr (before, "其他"))
    return PART_OTHER;
  return -1;
}

/* Findings ------------------------------------------------------------------- */

static void
add_finding (Check      *check,
             guint       subject,
             GArray     *cells,
             GString    *problems,
             const char *label,
             const char *widened,
             gint64      expected,
             gint64      actual)
{
  g_autofree char *message = NULL;
  GxFinding *finding;

  if (widened)
    /* TRANSLATORS: prose_mismatch as a note: "正文中的政府信息公开申请：
     * 正文为758件，表中为572件（本年新收）或613件（含上年结转）；该句扩大了
     * 统计范围（含垂管部门），仅作提示" */
    message = g_strdup_printf (_("%s: %s; the sentence widens the scope (%s), so this is only a note"),
                               label, problems->str, widened);
  else
    message = g_strdup_printf ("%s: %s", label, problems->str);
  finding = gx_finding_new (GX_RULE_PROSE_MISMATCH,
                            widened ? GX_SEVERITY_NOTE : GX_SEVERITY_WARNING,
                            subject, FALSE, message);
  gx_finding_set_values (finding, expected * GX_VALUE_SCALE, actual * GX_VALUE_SCALE);
  for (guint i = 0; cells && i < cells->len; i++)
    gx_finding_add_cell (finding, g_array_index (cells, guint, i));
  gx_finding_set_quote (finding, check->sentence);
  g_ptr_array_add (check->findings, finding);
}

static void
problem (GString    *problems,
         gboolean   *first_values,
         gint64     *expected,
         gint64     *actual,
         gint64      stated,
         gint64      other,
         const char *text)
{
  if (problems->len > 0)
    g_string_append (problems, _("; "));
  g_string_append (problems, text);
  if (*first_values)
    {
      *expected = stated;
      *actual = other;
      *first_values = FALSE;
    }
}

static void
check_applications (Check     *check,
                    Statement *st)
{
  GxReport *report = check->report;
  int c_new = cell_of (GX_SECTION_APPLICATIONS, "new_received", "total");
  int c_over = cell_of (GX_SECTION_APPLICATIONS, "carried_over", "total");
  int c_results = cell_of (GX_SECTION_APPLICATIONS, "results_total", "total");
  int c_forward = cell_of (GX_SECTION_APPLICATIONS, "carried_forward", "total");
  const int part_cells[N_PARTS] = { c_new, c_over, c_results, c_forward };
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 t_new = 0, t_over = 0, expected = 0, actual = 0;
  gboolean first = TRUE;

  if (!table_count (report, c_new, &t_new))
    return;
  if (!table_count (report, c_over, &t_over))
    t_over = 0;
  g_array_append_val (cells, c_new);
  g_array_append_val (cells, c_over);

  if (st->whole != t_new && st->whole != t_new + t_over)
    {
      g_autofree char *text = NULL;

      if (t_over != 0)
        text = g_strdup_printf (_("the text says %lld, the table gives %lld new (%lld with those carried over)"),
                                (long long) st->whole, (long long) t_new, (long long) t_new + t_over);
      else
        text = g_strdup_printf (_("the text says %lld, the table gives %lld"),
                                (long long) st->whole, (long long) t_new);
      problem (problems, &first, &expected, &actual, st->whole, t_new, text);
    }

  /* the parts against the whole */
  if (st->has_part[PART_NEW] && st->has_part[PART_CARRIED_OVER] &&
      st->parts[PART_NEW] + st->parts[PART_CARRIED_OVER] != st->whole)
    {
      gint64 sum = st->parts[PART_NEW] + st->parts[PART_CARRIED_OVER];
      g_autofree char *text = g_strdup_printf (_("the parts listed add up to %lld, not %lld"),
                                               (long long) sum, (long long) st->whole);

      problem (problems, &first, &expected, &actual, st->whole, sum, text);
    }
  if (st->has_part[PART_ANSWERED] && st->has_part[PART_FORWARD] &&
      st->parts[PART_ANSWERED] + st->parts[PART_FORWARD] != st->whole)
    {
      gint64 sum = st->parts[PART_ANSWERED] + st->parts[PART_FORWARD];
      g_autofree char *text = g_strdup_printf (_("the parts listed add up to %lld, not %lld"),
                                               (long long) sum, (long long) st->whole);

      problem (problems, &first, &expected, &actual, st->whole, sum, text);
    }

  /* each part against its cell */
  for (guint p = 0; p < N_PARTS; p++)
    {
      gint64 t;

      if (!st->has_part[p] || !table_count (report, part_cells[p], &t))
        continue;
      g_array_append_val (cells, part_cells[p]);
      if (t != st->parts[p])
        {
          g_autofree char *text = g_strdup_printf (_("%s: the text says %lld, the table gives %lld"),
                                                   part_label (KIND_APPLICATIONS, p), (long long) st->parts[p], (long long) t);

          problem (problems, &first, &expected, &actual, st->parts[p], t, text);
        }
    }

  if (problems->len > 0)
    add_finding (check, (guint) c_new, cells, problems, kind_label (st->kind), st->widened,
                 expected, actual);
}

static void
check_review (Check     *check,
              Statement *st)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 total, expected = 0, actual = 0, sum = 0;
  gboolean first = TRUE;
  guint n_parts = 0;

  if (!table_review (check, st->kind, "total", &total, cells))
    return;

  if (st->whole != total)
    {
      g_autofree char *text = g_strdup_printf (_("the text says %lld, the table gives %lld"),
                                               (long long) st->whole, (long long) total);

      problem (problems, &first, &expected, &actual, st->whole, total, text);
    }

  for (guint p = 0; p < N_PARTS; p++)
    if (st->has_part[p])
      {
        sum += st->parts[p];
        n_parts++;
      }
  if (n_parts >= 2 && sum != st->whole)
    {
      g_autofree char *text = g_strdup_printf (_("the parts listed add up to %lld, not %lld"),
                                               (long long) sum, (long long) st->whole);

      problem (problems, &first, &expected, &actual, st->whole, sum, text);
    }

  for (guint p = 0; p < N_PARTS; p++)
    {
      gint64 t;

      if (!st->has_part[p] || !table_review (check, st->kind, review_fields[p], &t, cells))
        continue;
      if (t != st->parts[p])
        {
          g_autofree char *text = g_strdup_printf (_("%s: the text says %lld, the table gives %lld"),
                                                   part_label (st->kind, p), (long long) st->parts[p], (long long) t);

          problem (problems, &first, &expected, &actual, st->parts[p], t, text);
        }
    }

  if (problems->len > 0)
    {
      guint subject = g_array_index (cells, guint, 0);

      add_finding (check, subject, cells, problems, kind_label (st->kind), st->widened,
                   expected, actual);
    }
}

/* Reading -------------------------------------------------------------------- */

static char *
find_widening (Check      *check,
               const char *text,
               gssize      len)
{
  g_autoptr(GMatchInfo) match = NULL;
  char *found = NULL;

  if (len <= 0)
    return NULL;
  if (g_regex_match_full (check->widen, text, len, 0, 0, &match, NULL))
    found = g_match_info_fetch (match, 0);
  return found;
}

static void
read_statement (Check      *check,
                Kind        kind,
                const char *sentence,
                gint        from,       /* where the words before it start */
                gint        start,      /* of the trigger */
                gint        whole_end,  /* after the whole figure */
                gint        end,        /* of the statement */
                const char *whole_text)
{
  g_autoptr(GMatchInfo) match = NULL;
  Statement st = { .kind = kind };

  if (!parse_count (whole_text, &st.whole))
    return;

  /* the parts, after the whole */
  if (end > whole_end &&
      g_regex_match_full (check->part, sentence, end, whole_end, 0, &match, NULL))
    {
      do
        {
          g_autofree char *before = g_match_info_fetch (match, 1);
          g_autofree char *number = g_match_info_fetch (match, 2);
          g_autofree char *after = g_match_info_fetch (match, 3);
          int part = classify_part (kind, before, after);
          gint64 v;

          if (part >= 0 && !st.has_part[part] && parse_count (number, &v))
            {
              st.has_part[part] = TRUE;
              st.parts[part] = v;
            }
        }
      while (g_match_info_next (match, NULL));
    }

  /* the scope: in the statement, or in the words before it that belong to
   * no other statement */
  st.widened = find_widening (check, sentence + start, end - start);
  if (st.widened == NULL && start > from)
    st.widened = find_widening (check, sentence + from, start - from);

  if (kind == KIND_APPLICATIONS)
    check_applications (check, &st);
  else
    check_review (check, &st);
  g_free (st.widened);
}

static void
read_disclosure (Check      *check,
                 const char *sentence)
{
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (check->disclosure, sentence, 0, &match))
    return;
  do
    {
      g_autofree char *word = g_match_info_fetch (match, 1);
      g_autofree char *gap = g_match_info_fetch (match, 2);
      g_autofree char *number = g_match_info_fetch (match, 3);
      g_autofree char *unit = g_match_info_fetch (match, 4);
      g_autofree char *before = NULL;
      gint word_start = 0, word_end = 0;
      gboolean money = strcmp (unit, "万元") == 0;
      gboolean is_fee = strstr (word, "收费") != NULL;
      const char *row = NULL, *column = NULL;
      gint64 stated, table;
      int cell;

      if (money != is_fee)
        continue;
      if (strcmp (word, "规章") == 0 || strcmp (word, "规范性文件") == 0)
        {
          g_match_info_fetch_pos (match, 1, &word_start, &word_end);
          before = clause_before (sentence, word_start);
          row = strcmp (word, "规章") == 0 ? "regulations" : "normative_documents";
          column = document_column (before, gap);
          if (column == NULL)
            continue;
        }
      else if (strcmp (word, "行政许可") == 0)
        row = "licensing", column = "decisions";
      else if (strcmp (word, "行政处罚") == 0)
        row = "punishment", column = "decisions";
      else if (strcmp (word, "行政强制") == 0)
        row = "enforcement", column = "decisions";
      else
        row = "fees", column = "amount_wan";

      cell = cell_of (GX_SECTION_DISCLOSURE, row, column);
      if (cell < 0 || !gx_report_has_cell (check->report, (guint) cell) ||
          gx_report_get_cell (check->report, (guint) cell, NULL) == GX_CELL_INVALID ||
          !gx_value_parse (number, &stated))
        continue;
      table = gx_report_get_value (check->report, (guint) cell);
      if (table != stated)
        {
          const GxSchemaCell *c = gx_schema_cell ((guint) cell);
          /* 规范性文件 has three counts: say which one was compared */
          g_autofree char *label = c->row == NULL ? NULL :
            (strcmp (c->row->key, "regulations") == 0 || strcmp (c->row->key, "normative_documents") == 0)
            ? g_strdup_printf ("%s · %s", gx_schema_row_label (c->row), gx_schema_column_label (c->column))
            : g_strdup (gx_schema_row_label (c->row));
          g_autofree char *stated_s = gx_value_format (stated);
          g_autofree char *table_s = gx_value_format (table);
          g_autofree char *message =
            /* TRANSLATORS: "行政许可：正文为37824，表中为37820" */
            g_strdup_printf (_("%s: the text says %s, the table gives %s"),
                             label, stated_s, table_s);
          GxFinding *finding = gx_finding_new (GX_RULE_PROSE_MISMATCH, GX_SEVERITY_WARNING,
                                               (guint) cell, FALSE, message);

          gx_finding_set_values (finding, stated, table);
          gx_finding_set_quote (finding, sentence);
          g_ptr_array_add (check->findings, finding);
        }
    }
  while (g_match_info_next (match, NULL));
}

typedef struct {
  Kind kind;
  gint start, whole_end;
  char *whole;
} Trigger;

static int
compare_triggers (gconstpointer a,
                  gconstpointer b)
{
  return ((const Trigger *) a)->start - ((const Trigger *) b)->start;
}

static void
read_sentence (Check      *check,
               const char *sentence)
{
  g_autoptr(GArray) triggers = NULL;
  gint len = (gint) strlen (sentence);

  /* every figure read is a number followed by 件, 条 or 万元: most
   * sentences have none, and need no regular expression */
  if (strpbrk (sentence, "0123456789") == NULL ||
      (strstr (sentence, "件") == NULL && strstr (sentence, "条") == NULL &&
       strstr (sentence, "万元") == NULL))
    return;
  triggers = g_array_new (FALSE, FALSE, sizeof (Trigger));

  for (guint k = 0; k < N_KINDS; k++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (!g_regex_match (check->triggers[k], sentence, 0, &match))
        continue;
      do
        {
          Trigger t = { .kind = (Kind) k };
          gint end;

          g_match_info_fetch_pos (match, 0, &t.start, &end);
          t.whole_end = end;
          t.whole = g_match_info_fetch (match, 1);
          g_array_append_val (triggers, t);
        }
      while (g_match_info_next (match, NULL));
    }
  g_array_sort (triggers, compare_triggers);

  check->sentence = sentence;
  for (guint i = 0; i < triggers->len; i++)
    {
      Trigger *t = &g_array_index (triggers, Trigger, i);
      gint end = i + 1 < triggers->len ? g_array_index (triggers, Trigger, i + 1).start : len;

      if (end >= t->whole_end)
        read_statement (check, t->kind, sentence, i == 0 ? 0 : t->start,
                        t->start, t->whole_end, end, t->whole);
      g_free (t->whole);
    }
  check->sentence = NULL;

  read_disclosure (check, sentence);
}

/* Only paragraphs with a digit can state a figure; most have none, and
 * folding the whole text would cost more than reading it.  Returns those
 * paragraphs of @prose (one a line), width-folded. */
static char *
fold_paragraphs_with_digits (const char *prose)
{
  g_autoptr(GString) kept = g_string_sized_new (strlen (prose) / 2);
  const char *p = prose;
  const char *line = prose;   /* the start of the line p is in */

  for (;;)
    {
      /* the next ASCII digit or possible full-width one (EF BC 90…99) */
      const char *hit = p + strcspn (p, "0123456789\xEF");
      const char *start, *end;

      if (*hit == '\0')
        break;
      if ((guchar) hit[0] == 0xEF &&
          !((guchar) hit[1] == 0xBC && (guchar) hit[2] >= 0x90 && (guchar) hit[2] <= 0x99))
        {
          p = hit + 1;
          continue;
        }
      /* keep the whole paragraph the digit is in */
      for (start = hit; start > line && start[-1] != '\n'; start--)
        ;
      end = strchr (hit, '\n');
      if (end == NULL)
        end = hit + strlen (hit);
      g_string_append_len (kept, start, end - start);
      g_string_append_c (kept, '\n');
      if (*end == '\0')
        break;
      p = line = end + 1;
    }
  return gx_text_fold_width (kept->str);
}

/* Public API ----------------------------------------------------------------- */

GPtrArray *
gx_prose_check (GxReport *report)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folded = NULL;
  Check check = { .report = report, .findings = findings };
  const char *prose;

  g_return_val_if_fail (GX_IS_REPORT (report), findings);

  prose = gx_report_get_prose (report);
  if (prose == NULL || *prose == '\0')
    return findings;

  folded = fold_paragraphs_with_digits (prose);
  /* compiled once: a compiled GRegex is shared by the reader threads */
  {
    static GRegex *regexes[N_KINDS + 3];
    static gsize compiled = 0;

    if (g_once_init_enter (&compiled))
      {
        for (guint k = 0; k < N_KINDS; k++)
          regexes[k] = g_regex_new (trigger_patterns[k], G_REGEX_OPTIMIZE, 0, NULL);
        regexes[N_KINDS] = g_regex_new (part_pattern, G_REGEX_OPTIMIZE, 0, NULL);
        regexes[N_KINDS + 1] = g_regex_new (widen_pattern, G_REGEX_OPTIMIZE, 0, NULL);
        regexes[N_KINDS + 2] = g_regex_new (disclosure_pattern, G_REGEX_OPTIMIZE, 0, NULL);
        for (guint k = 0; k < G_N_ELEMENTS (regexes); k++)
          g_assert (regexes[k] != NULL);
        g_once_init_leave (&compiled, 1);
      }
    for (guint k = 0; k < N_KINDS; k++)
      check.triggers[k] = regexes[k];
    check.part = regexes[N_KINDS];
    check.widen = regexes[N_KINDS + 1];
    check.disclosure = regexes[N_KINDS + 2];
  }

  /* sentences: 。 ; ! ? and line ends (the prose is one paragraph a
   * line), cut in place */
  for (char *sentence = folded, *p = folded; ; )
    {
      gsize stop;   /* the bytes of the stop; 0 at the end */

      p += strcspn (p, "\n;!?\r\xE3");
      if (*p == '\xE3' && !((guchar) p[1] == 0x80 && (guchar) p[2] == 0x82))   /* not 。 */
        {
          p++;
          continue;
        }
      stop = *p == '\xE3' ? 3 : *p != '\0' ? 1 : 0;
      *p = '\0';
      if (sentence[0] != '\0')   /* folded text: valid UTF-8 */
        read_sentence (&check, sentence);
      if (stop == 0)
        break;
      sentence = p = p + stop;
    }

  /* the sections of the text (gx-sections.c) */
  {
    g_autoptr(GPtrArray) sections = gx_sections_check (report);

    g_ptr_array_extend_and_steal (findings, g_steal_pointer (&sections));
  }

  gx_crosscheck_add_findings (report, findings);
  return findings;
}
