/* gx-schema.c: the one template of the annual report
 *
 * Row label Y, column Z, section heading W: all defined here and nowhere
 * else.  Keys follow ../shared/report-schema.md; labels are the official ones
 * of 国办公开办函〔2021〕30号 with the numbering kept apart, and the variants are
 * spellings met in published reports.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gx-schema.h"
#include "gx-text.h"

/* Columns ------------------------------------------------------------------ */

#define F21 GX_FORMAT_2021
#define F19 GX_FORMAT_2019

/* Section 二.  The 2019 form counted documents made, published and published
 * in all, and items of the previous year with this year's change; the 2021
 * form counts issued, repealed and in force, and decisions. */
static const GxSchemaColumn document_fields[] = {
  { "issued",   "本年制发件数", "Issued this year",   NULL, NULL, GX_VALUE_COUNT, F21 },
  { "repealed", "本年废止件数", "Repealed this year", NULL, NULL, GX_VALUE_COUNT, F21 },
  { "in_force", "现行有效件数", "In force",           NULL, NULL, GX_VALUE_COUNT, F21 },
  { "made",     "本年新制作数量", "Made this year",      NULL, NULL, GX_VALUE_COUNT, F19 },
  { "published", "本年新公开数量", "Published this year", NULL, NULL, GX_VALUE_COUNT, F19 },
  { "total_published", "对外公开总数量", "Published in all", NULL, NULL, GX_VALUE_COUNT, F19 },
};

static const GxSchemaColumn decision_fields[] = {
  { "previous_items", "上一年项目数量", "Items last year", NULL, NULL, GX_VALUE_COUNT, F19 },
  { "change",    "本年增/减", "Change this year", NULL, NULL, GX_VALUE_CHANGE, F19 },
  { "decisions", "本年处理决定数量", "Decisions this year", NULL, NULL, GX_VALUE_COUNT, 0 },
};

static const GxSchemaColumn fee_fields[] = {
  { "previous_items", "上一年项目数量", "Items last year", NULL, NULL, GX_VALUE_COUNT, F19 },
  { "change",    "本年增/减", "Change this year", NULL, NULL, GX_VALUE_CHANGE, F19 },
  { "amount_wan", "本年收费金额（单位：万元）", "Fees collected (10,000 yuan)", NULL, NULL, GX_VALUE_AMOUNT, F21 },
};

static const GxSchemaColumn procurement_fields[] = {
  { "items",      "采购项目数量", "Procurement items", NULL, NULL, GX_VALUE_COUNT, F19 },
  { "amount_wan", "采购总金额（单位：万元）", "Procurement total (10,000 yuan)", NULL, NULL, GX_VALUE_AMOUNT, F19 },
};

#define ORG_ZH "法人或其他组织"
#define ORG_EN "Legal persons and other organisations"

static const GxSchemaColumn application_columns[] = {
  { "natural_person",  "自然人",       "Natural persons",       NULL,   NULL,   GX_VALUE_COUNT },
  { "commercial",      "商业企业",     "Commercial enterprises", ORG_ZH, ORG_EN, GX_VALUE_COUNT },
  { "research",        "科研机构",     "Research institutions", ORG_ZH, ORG_EN, GX_VALUE_COUNT },
  { "public_interest", "社会公益组织", "Public-interest organisations", ORG_ZH, ORG_EN, GX_VALUE_COUNT },
  { "legal_services",  "法律服务机构", "Legal service providers", ORG_ZH, ORG_EN, GX_VALUE_COUNT },
  { "other_org",       "其他",         "Other organisations",   ORG_ZH, ORG_EN, GX_VALUE_COUNT },
  { "total",           "总计",         "Total",                 NULL,   NULL,   GX_VALUE_COUNT },
};

static const GxSchemaColumn review_fields[] = {
  { "upheld",    "结果维持", "Upheld",    NULL, NULL, GX_VALUE_COUNT },
  { "corrected", "结果纠正", "Corrected", NULL, NULL, GX_VALUE_COUNT },
  { "other",     "其他结果", "Other outcome", NULL, NULL, GX_VALUE_COUNT },
  { "pending",   "尚未审结", "Pending",   NULL, NULL, GX_VALUE_COUNT },
  { "total",     "总计",     "Total",     NULL, NULL, GX_VALUE_COUNT },
};

/* Groups (the headings that rows hang under) -------------------------------- */

enum {
  G_ART20_1, G_ART20_5, G_ART20_6, G_ART20_8, G_ART20_9,
  G_RESULTS, G_WITHHELD, G_UNAVAILABLE, G_NOT_PROCESSED, G_OTHER_HANDLING,
  G_LITIGATION,
  N_GROUPS
};

static const GxSchemaGroup groups[N_GROUPS] = {
  [G_ART20_1]        = { "article20_1", "", "第二十条第（一）项", "Article 20 (1)", -1 },
  [G_ART20_5]        = { "article20_5", "", "第二十条第（五）项", "Article 20 (5)", -1 },
  [G_ART20_6]        = { "article20_6", "", "第二十条第（六）项", "Article 20 (6)", -1 },
  [G_ART20_8]        = { "article20_8", "", "第二十条第（八）项", "Article 20 (8)", -1 },
  [G_ART20_9]        = { "article20_9", "", "第二十条第（九）项", "Article 20 (9)", -1 },
  [G_RESULTS]        = { "results", "三、", "本年度办理结果", "Results this year", -1 },
  [G_WITHHELD]       = { "withheld", "（三）", "不予公开", "Not disclosed", G_RESULTS },
  [G_UNAVAILABLE]    = { "unavailable", "（四）", "无法提供", "Cannot be provided", G_RESULTS },
  [G_NOT_PROCESSED]  = { "not_processed", "（五）", "不予处理", "Not processed", G_RESULTS },
  [G_OTHER_HANDLING] = { "other_handling", "（六）", "其他处理", "Other handling", G_RESULTS },
  [G_LITIGATION]     = { "litigation", "", "行政诉讼", "Administrative litigation", -1 },
};

/* Rows ------------------------------------------------------------------------ */

#define COLS(a) a, G_N_ELEMENTS (a)
#define ONLY(f) , f
#define V(...) (const char *const[]) { __VA_ARGS__, NULL }

static GxSchemaRow rows[] = {
  /* 二 主动公开政府信息情况 */
  { GX_SECTION_DISCLOSURE, "regulations", "", "规章", "Regulations",
    NULL, G_ART20_1, 1, 0, COLS (document_fields) },
  { GX_SECTION_DISCLOSURE, "normative_documents", "", "行政规范性文件", "Normative documents",
    V ("规范性文件"), G_ART20_1, 1, 0, COLS (document_fields) },
  { GX_SECTION_DISCLOSURE, "licensing", "", "行政许可", "Administrative licensing",
    NULL, G_ART20_5, 1, 0, COLS (decision_fields) },
  { GX_SECTION_DISCLOSURE, "other_services", "", "其他对外管理服务事项",
    "Other external management services", NULL, G_ART20_5, 1, 0, COLS (decision_fields) ONLY (F19) },
  { GX_SECTION_DISCLOSURE, "punishment", "", "行政处罚", "Administrative penalties",
    NULL, G_ART20_6, 1, 0, COLS (decision_fields) },
  { GX_SECTION_DISCLOSURE, "enforcement", "", "行政强制", "Administrative enforcement",
    NULL, G_ART20_6, 1, 0, COLS (decision_fields) },
  { GX_SECTION_DISCLOSURE, "fees", "", "行政事业性收费", "Administrative fees",
    NULL, G_ART20_8, 1, 0, COLS (fee_fields) },
  { GX_SECTION_DISCLOSURE, "procurement", "", "政府集中采购", "Centralised government procurement",
    NULL, G_ART20_9, 1, 0, COLS (procurement_fields) ONLY (F19) },

  /* 三 收到和处理政府信息公开申请情况 */
  { GX_SECTION_APPLICATIONS, "new_received", "一、", "本年新收政府信息公开申请数量",
    "New applications received this year", V ("本年新收申请数量"), -1, 0, 0,
    COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "carried_over", "二、", "上年结转政府信息公开申请数量",
    "Carried over from last year", V ("上年结转申请数量"), -1, 0, 0,
    COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "granted", "（一）", "予以公开", "Disclosed",
    NULL, G_RESULTS, 1, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "partially_granted", "（二）",
    "部分公开（区分处理的，只计这一情形，不计其他情形）", "Partially disclosed",
    V ("部分公开"), G_RESULTS, 1, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "withheld_state_secret", "1.", "属于国家秘密",
    "State secret", NULL, G_WITHHELD, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "withheld_prohibited_by_law", "2.", "其他法律行政法规禁止公开",
    "Prohibited by other laws", NULL, G_WITHHELD, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "withheld_safety_stability", "3.", "危及“三安全一稳定”",
    "Endangers security or stability", V ("危及\"三安全一稳定\"", "危及三安全一稳定"),
    G_WITHHELD, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "withheld_third_party", "4.", "保护第三方合法权益",
    "Protects third-party rights", NULL, G_WITHHELD, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "withheld_internal_affairs", "5.", "属于三类内部事务信息",
    "Internal affairs", NULL, G_WITHHELD, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "withheld_process_info", "6.", "属于四类过程性信息",
    "Process information", NULL, G_WITHHELD, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "withheld_enforcement_file", "7.", "属于行政执法案卷",
    "Enforcement case files", NULL, G_WITHHELD, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "withheld_inquiry", "8.", "属于行政查询事项",
    "Administrative inquiry matters", NULL, G_WITHHELD, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "unavailable_not_held", "1.", "本机关不掌握相关政府信息",
    "Not held by this body", NULL, G_UNAVAILABLE, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "unavailable_needs_creation", "2.", "没有现成信息需要另行制作",
    "Would have to be created", NULL, G_UNAVAILABLE, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "unavailable_unclear", "3.", "补正后申请内容仍不明确",
    "Still unclear after correction", NULL, G_UNAVAILABLE, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "not_processed_petition", "1.", "信访举报投诉类申请",
    "Petitions, reports and complaints", NULL, G_NOT_PROCESSED, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "not_processed_duplicate", "2.", "重复申请",
    "Repeated applications", NULL, G_NOT_PROCESSED, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "not_processed_publication", "3.", "要求提供公开出版物",
    "Requests for publications", NULL, G_NOT_PROCESSED, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "not_processed_excessive", "4.", "无正当理由大量反复申请",
    "Excessive repeated applications", NULL, G_NOT_PROCESSED, 2, GX_ROW_FLAG_RESULT, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "not_processed_confirmation", "5.", "要求行政机关确认或重新出具已获取信息",
    "Requests to confirm or reissue information", NULL, G_NOT_PROCESSED, 2, GX_ROW_FLAG_RESULT,
    COLS (application_columns) },
  /* （六）其他处理: three rows in the 2021 form, one in the 2019 form, whose
   * values are kept in 3.其他 (other_misc) as report-schema.md says of a
   * single （六） row; other_handling was that row up to workspace version
   * 3 and stays only so that the numbers of the rows after it do not move
   * (JSON import still takes it, gx-json.c) */
  { GX_SECTION_APPLICATIONS, "other_handling", "（六）", "其他处理", "Other handling",
    NULL, G_RESULTS, 1, 0, COLS (application_columns) ONLY (GX_FORMAT_RETIRED) },
  { GX_SECTION_APPLICATIONS, "other_no_correction", "1.",
    "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "Applicant did not correct in time", NULL, G_OTHER_HANDLING, 2,
    GX_ROW_FLAG_RESULT | GX_ROW_FLAG_BLANK_IN_2019, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "other_no_fee", "2.",
    "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "Applicant did not pay the fee in time", NULL, G_OTHER_HANDLING, 2,
    GX_ROW_FLAG_RESULT | GX_ROW_FLAG_BLANK_IN_2019, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "other_misc", "3.", "其他", "Other",
    NULL, G_OTHER_HANDLING, 2, GX_ROW_FLAG_RESULT | GX_ROW_FLAG_NEEDS_PREFIX,
    COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "results_total", "（七）", "总计", "Total of results",
    NULL, G_RESULTS, 1, GX_ROW_FLAG_NEEDS_PREFIX, COLS (application_columns) },
  { GX_SECTION_APPLICATIONS, "carried_forward", "四、", "结转下年度继续办理",
    "Carried forward to next year", V ("结转下年度继续办理数量"), -1, 0, 0,
    COLS (application_columns) },

  /* 四 行政复议、行政诉讼情况 */
  { GX_SECTION_REVIEW_LITIGATION, "review", "", "行政复议", "Administrative review",
    NULL, -1, 0, 0, COLS (review_fields) },
  { GX_SECTION_REVIEW_LITIGATION, "litigation_direct", "", "未经复议直接起诉",
    "Litigation without prior review", NULL, G_LITIGATION, 1, 0, COLS (review_fields) },
  { GX_SECTION_REVIEW_LITIGATION, "litigation_after_review", "", "复议后起诉",
    "Litigation after review", NULL, G_LITIGATION, 1, 0, COLS (review_fields) },
};

static GxSchemaSection sections[GX_N_SECTIONS] = {
  { GX_SECTION_DISCLOSURE, "disclosure", "二", "主动公开政府信息情况",
    "Proactive disclosure", V ("主动公开政府信息"), 0, 0 },
  { GX_SECTION_APPLICATIONS, "applications", "三", "收到和处理政府信息公开申请情况",
    "Applications received and handled", V ("收到和处理政府信息公开申请"), 0, 0 },
  { GX_SECTION_REVIEW_LITIGATION, "review_litigation", "四", "政府信息公开行政复议、行政诉讼情况",
    "Administrative review and litigation",
    V ("行政复议、行政诉讼情况", "政府信息公开行政复议、诉讼情况", "行政复议和行政诉讼情况"), 0, 0 },
};

/* Derived tables, built once ------------------------------------------------ */

static GxSchemaCell *cells;
static guint n_cells;
static GHashTable *cells_by_path;

static void
schema_init (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;

  n_cells = 0;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GxSchemaSection *s = &sections[rows[i].section];

      rows[i].index = i;
      rows[i].first_cell = n_cells;
      n_cells += rows[i].n_columns;
      if (s->n_rows == 0)
        s->first_row = i;
      s->n_rows++;
    }

  cells = g_new0 (GxSchemaCell, n_cells);
  cells_by_path = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    for (guint c = 0; c < rows[i].n_columns; c++)
      {
        GxSchemaCell *cell = &cells[rows[i].first_cell + c];

        cell->index = rows[i].first_cell + c;
        cell->section = rows[i].section;
        cell->row = &rows[i];
        cell->column = &rows[i].columns[c];
        cell->column_index = c;
        g_autofree char *path = g_strdup_printf ("%s.%s.%s",
                                                 sections[rows[i].section].key,
                                                 rows[i].key,
                                                 rows[i].columns[c].key);

        /* interned: lives as long as the program, like the tables */
        cell->path = g_intern_string (path);
        g_hash_table_insert (cells_by_path, (gpointer) cell->path, cell);
      }

  g_once_init_leave (&initialized, 1);
}

GxFormat
gx_format_from_version (const char *version)
{
  return g_strcmp0 (version, "2019") == 0 ? GX_FORMAT_2019 : GX_FORMAT_2021;
}

const char *
gx_format_to_version (GxFormat format)
{
  return format == GX_FORMAT_2019 ? "2019" : "2021";
}

gboolean
gx_schema_row_in_format (const GxSchemaRow *row,
                         GxFormat           format)
{
  return row->formats == 0 || (row->formats & format) != 0;
}

gboolean
gx_schema_column_in_format (const GxSchemaColumn *column,
                            GxFormat              format)
{
  return column->formats == 0 || (column->formats & format) != 0;
}

gboolean
gx_schema_cell_in_format (guint    cell,
                          GxFormat format)
{
  const GxSchemaCell *c = gx_schema_cell (cell);

  return gx_schema_row_in_format (c->row, format) &&
         gx_schema_column_in_format (c->column, format);
}

guint
gx_schema_row_format_columns (const GxSchemaRow *row,
                              GxFormat           format,
                              guint             *indices)
{
  guint n = 0;

  if (!gx_schema_row_in_format (row, format))
    return 0;
  for (guint c = 0; c < row->n_columns; c++)
    if (gx_schema_column_in_format (&row->columns[c], format))
      indices[n++] = c;
  return n;
}

guint
gx_schema_n_cells_in_format (GxFormat format)
{
  guint n = 0;

  for (guint i = 0; i < gx_schema_n_cells (); i++)
    n += gx_schema_cell_in_format (i, format);
  return n;
}

const GxSchemaSection *
gx_schema_section (GxSection section)
{
  g_return_val_if_fail (section < GX_N_SECTIONS, NULL);
  schema_init ();
  return &sections[section];
}

GxSection
gx_schema_section_from_key (const char *key)
{
  for (guint i = 0; i < GX_N_SECTIONS; i++)
    if (g_strcmp0 (sections[i].key, key) == 0)
      return sections[i].id;
  return GX_N_SECTIONS;
}

guint
gx_schema_n_rows (void)
{
  return G_N_ELEMENTS (rows);
}

const GxSchemaRow *
gx_schema_row (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (rows), NULL);
  schema_init ();
  return &rows[index];
}

const GxSchemaRow *
gx_schema_find_row (GxSection section,
                    const char *row_key)
{
  schema_init ();
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i].section == section && g_strcmp0 (rows[i].key, row_key) == 0)
      return &rows[i];
  return NULL;
}

guint
gx_schema_n_groups (void)
{
  return N_GROUPS;
}

const GxSchemaGroup *
gx_schema_group (guint index)
{
  g_return_val_if_fail (index < N_GROUPS, NULL);
  return &groups[index];
}

guint
gx_schema_n_cells (void)
{
  schema_init ();
  return n_cells;
}

const GxSchemaCell *
gx_schema_cell (guint index)
{
  schema_init ();
  g_return_val_if_fail (index < n_cells, NULL);
  return &cells[index];
}

int
gx_schema_row_column_index (const GxSchemaRow *row,
                            const char        *column_key)
{
  for (guint c = 0; c < row->n_columns; c++)
    if (g_strcmp0 (row->columns[c].key, column_key) == 0)
      return (int) c;
  return -1;
}

int
gx_schema_find_cell (GxSection   section,
                     const char *row_key,
                     const char *column_key)
{
  const GxSchemaRow *row = gx_schema_find_row (section, row_key);
  int c;

  if (row == NULL)
    return -1;
  c = gx_schema_row_column_index (row, column_key);
  return c < 0 ? -1 : (int) row->first_cell + c;
}

int
gx_schema_find_cell_by_path (const char *path)
{
  const GxSchemaCell *cell;

  schema_init ();
  cell = g_hash_table_lookup (cells_by_path, path);
  return cell ? (int) cell->index : -1;
}

const GxSchemaColumn *
gx_schema_application_columns (guint *n_columns)
{
  if (n_columns)
    *n_columns = G_N_ELEMENTS (application_columns);
  return application_columns;
}

const GxSchemaColumn *
gx_schema_review_fields (guint *n_fields)
{
  if (n_fields)
    *n_fields = G_N_ELEMENTS (review_fields);
  return review_fields;
}

/* Language ------------------------------------------------------------------ */

static int prefers_chinese_override = -1;
static gsize prefers_chinese_from_locale = 0;   /* 0 unknown, 1 no, 2 yes */

void
gx_schema_set_prefers_chinese (int prefers)
{
  prefers_chinese_override = prefers;
}

gboolean
gx_schema_prefers_chinese (void)
{
  if (prefers_chinese_override >= 0)
    return prefers_chinese_override;

  /* Labels follow the language gettext picked for our messages, so that a
   * message never mixes Chinese labels into English text.  The translation
   * of this marker names the language of the template's labels to use.
   * Looked up once: programs bind their text domain before any message. */
  if (g_once_init_enter (&prefers_chinese_from_locale))
    g_once_init_leave (&prefers_chinese_from_locale,
                       g_str_has_prefix (g_dpgettext2 (GETTEXT_PACKAGE, "labels", "en"), "zh") ? 2 : 1);
  return prefers_chinese_from_locale == 2;
}

const char *
gx_schema_pick (const char *zh,
                const char *en)
{
  return gx_schema_prefers_chinese () ? zh : en;
}

const char *
gx_schema_row_label (const GxSchemaRow *row)
{
  return gx_schema_pick (row->label_zh, row->label_en);
}

const char *
gx_schema_column_label (const GxSchemaColumn *column)
{
  return gx_schema_pick (column->label_zh, column->label_en);
}

/* Values -------------------------------------------------------------------- */

/* The next character of a number, folded to ASCII: full-width digits and
 * signs, the full-width comma and point, ideographic and no-break spaces.
 * Returns 0 at the end, and advances *p. */
static char
next_number_char (const char **p)
{
  const guchar *u = (const guchar *) *p;
  gunichar c;

  if (*u == 0)
    return 0;
  if (*u < 0x80)
    {
      (*p)++;
      return (char) *u;
    }
  c = g_utf8_get_char_validated (*p, -1);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      (*p)++;
      return '\x7f';   /* not part of any number */
    }
  *p = g_utf8_next_char (*p);
  if (c >= 0xFF01 && c <= 0xFF5E)
    return (char) (c - 0xFF01 + 0x21);
  if (c == 0x3000 || c == 0x00A0)
    return ' ';
  return '\x7f';
}

GxValueParse
gx_value_parse_full (const char *text,
                     gint64     *fixed)
{
  const char *p = text;
  gboolean negative = FALSE;
  gboolean too_large = FALSE;
  guint n_digits = 0;        /* digits before the point */
  int group = -1;            /* digits since the last thousands separator, -1 before one */
  guint64 whole = 0;
  gint64 frac = 0;
  int frac_digits = 0;
  char c;

  G_STATIC_ASSERT (GX_VALUE_SCALE == 1000000);

  if (text == NULL)
    return GX_VALUE_PARSE_NOT_NUMBER;

  /* most cells are a few ASCII digits and nothing else (9 digits at most
   * cannot pass the maximum) */
  {
    const char *q = text;
    guint64 v = 0;

    while (g_ascii_isdigit (*q) && q - text < 9)
      v = v * 10 + (guint64) (*q++ - '0');
    if (*q == '\0' && q > text)
      {
        if (fixed)
          *fixed = (gint64) v * GX_VALUE_SCALE;
        return GX_VALUE_PARSE_OK;
      }
  }

  do
    c = next_number_char (&p);
  while (c == ' ' || c == '\t' || c == '\n');

  if (c == '+' || c == '-')
    {
      negative = c == '-';
      c = next_number_char (&p);
    }

  for (; c != 0; c = next_number_char (&p))
    {
      if (g_ascii_isdigit (c))
        {
          /* keep reading past the maximum: "too large" is only said of
           * something that is a number */
          if (whole > (guint64) GX_VALUE_MAX_WHOLE)
            too_large = TRUE;
          else
            whole = whole * 10 + (guint64) (c - '0');
          n_digits++;
          if (group >= 0)
            group++;
        }
      else if (c == ',' && n_digits > 0)
        {
          /* thousands separator: groups of exactly three digits, the first
           * of one to three ("1,234", "12,345,678"; not "1,3" nor "1234,5") */
          if ((group < 0 && n_digits > 3) || (group >= 0 && group != 3))
            return GX_VALUE_PARSE_NOT_NUMBER;
          group = 0;
        }
      else
        break;
    }
  if (group >= 0 && group != 3)
    return GX_VALUE_PARSE_NOT_NUMBER;

  if (c == '.')
    {
      gboolean too_precise = FALSE;

      for (c = next_number_char (&p); g_ascii_isdigit (c); c = next_number_char (&p))
        {
          if (++frac_digits > GX_VALUE_DECIMALS)
            too_precise = TRUE;
          else
            frac = frac * 10 + (c - '0');
          n_digits++;
        }
      while (c == ' ' || c == '\t' || c == '\n')
        c = next_number_char (&p);
      if (c == 0 && n_digits > 0 && too_precise)
        return GX_VALUE_PARSE_TOO_PRECISE;
      for (int i = frac_digits; i < GX_VALUE_DECIMALS; i++)
        frac *= 10;
    }

  while (c == ' ' || c == '\t' || c == '\n')
    c = next_number_char (&p);

  if (c != 0 || n_digits == 0)
    return GX_VALUE_PARSE_NOT_NUMBER;

  if (too_large || whole > (guint64) GX_VALUE_MAX_WHOLE ||
      (whole == (guint64) GX_VALUE_MAX_WHOLE && frac > 0))
    return GX_VALUE_PARSE_TOO_LARGE;

  if (fixed)
    {
      gint64 v = (gint64) whole * GX_VALUE_SCALE + frac;
      *fixed = negative ? -v : v;
    }
  return GX_VALUE_PARSE_OK;
}

gboolean
gx_value_parse (const char *text,
                gint64     *fixed)
{
  GxValueParse r = gx_value_parse_full (text, fixed);

  /* without @fixed the question is "is this a number?": one too large to
   * keep still is (the reader places it; count_value then says why it was
   * not kept) */
  return r == GX_VALUE_PARSE_OK || (fixed == NULL && r == GX_VALUE_PARSE_TOO_LARGE);
}

gboolean
gx_value_in_range (gint64 fixed)
{
  return fixed <= GX_VALUE_MAX && fixed >= -GX_VALUE_MAX;
}

char *
gx_value_format (gint64 fixed)
{
  guint64 a = fixed < 0 ? (guint64) (-(fixed + 1)) + 1 : (guint64) fixed;
  guint64 whole = a / GX_VALUE_SCALE;
  guint64 frac = a % GX_VALUE_SCALE;
  char fbuf[16];
  int len;

  if (frac == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, fixed < 0 ? "-" : "", whole);

  g_snprintf (fbuf, sizeof fbuf, "%0*" G_GUINT64_FORMAT, GX_VALUE_DECIMALS, frac);
  for (len = GX_VALUE_DECIMALS; len > 0 && fbuf[len - 1] == '0'; len--)
    fbuf[len - 1] = '\0';
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%s", fixed < 0 ? "-" : "", whole, fbuf);
}

gboolean
gx_value_is_whole (gint64 fixed)
{
  return fixed % GX_VALUE_SCALE == 0;
}
