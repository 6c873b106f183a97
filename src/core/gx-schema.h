/* gx-schema.h: the template of the annual report, as data
 *
 * Every section, row, column and cell of the national format
 * (国办公开办函〔2021〕30号) is described once, in gx-schema.c.  The reader,
 * the rules, JSON, CSV, the workspace, the editor and the printer all walk
 * these tables instead of spelling rows out themselves.  The keys are the
 * stable names of ../shared/report-schema.md.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GX_SECTION_DISCLOSURE,          /* 二 主动公开政府信息情况 */
  GX_SECTION_APPLICATIONS,        /* 三 收到和处理政府信息公开申请情况 */
  GX_SECTION_REVIEW_LITIGATION,   /* 四 行政复议、行政诉讼情况 */
  GX_N_SECTIONS
} GxSection;

typedef enum {
  GX_VALUE_COUNT,    /* a whole number >= 0 */
  GX_VALUE_AMOUNT,   /* >= 0 with at most 6 decimals (万元) */
  GX_VALUE_CHANGE,   /* a whole number, may be negative (2019: 本年增/减) */
} GxValueKind;

/* The national formats.  Rows and columns shared by both use the same keys,
 * so that years can be compared; a report records its format_version. */
typedef enum {
  GX_FORMAT_2021 = 1 << 0,   /* 国办公开办函〔2021〕30号, reports for 2021 on */
  GX_FORMAT_2019 = 1 << 1,   /* 国办公开办函〔2019〕60号, reports for 2019 and 2020 */
  GX_FORMAT_ALL = GX_FORMAT_2021 | GX_FORMAT_2019,
  /* in no report's form: a row kept only so that row and cell numbers (the
   * workspace's) stay as they were (other_handling, up to workspace
   * version 3 the 2019 form's single （六）其他处理 row) */
  GX_FORMAT_RETIRED = 1 << 2,
} GxFormat;

typedef enum {
  GX_ROW_FLAG_NONE = 0,
  /* The label is too generic to be recognised alone ("其他", "总计"): a
   * cell only names this row when it carries the numbering prefix too. */
  GX_ROW_FLAG_NEEDS_PREFIX = 1 << 0,
  /* One of the 21 result rows whose sum is results_total. */
  GX_ROW_FLAG_RESULT = 1 << 1,
  /* Not in the printed 2019 form, where （六）其他处理 is one row, kept in
   * other_misc (../shared/report-schema.md: its values go to 3.其他): a
   * 2019 report has this row, blank by its form (no blank_cell note, no
   * form_variant for a row missing). */
  GX_ROW_FLAG_BLANK_IN_2019 = 1 << 2,
} GxRowFlags;

/* Values are kept in fixed point: 1 unit = 1/GX_VALUE_SCALE, so that the
 * sums of fees (19656.3836 万元, 5949.088667 万元: 万元 to the fen, six
 * decimals) are exact.  The scale was 10000 up to workspace version 2. */
#define GX_VALUE_SCALE G_GINT64_CONSTANT (1000000)
#define GX_VALUE_DECIMALS 6   /* GX_VALUE_SCALE = 10^GX_VALUE_DECIMALS */

/* The largest value a cell keeps, counts and fees alike (999,999,999): a
 * larger one is refused by count_value ("too large").  Every sum of the
 * rules is then far from the gint64 limit; sums across reports are added
 * with overflow checks all the same. */
#define GX_VALUE_MAX_WHOLE G_GINT64_CONSTANT (999999999)
#define GX_VALUE_MAX (GX_VALUE_MAX_WHOLE * GX_VALUE_SCALE)

typedef struct {
  const char *key;
  const char *label_zh;
  const char *label_en;
  /* the header above this column, if any (法人或其他组织) */
  const char *group_zh;
  const char *group_en;
  GxValueKind kind;
  GxFormat formats;           /* the formats that have this column; 0 = all */
} GxSchemaColumn;

typedef struct {
  const char *key;
  const char *prefix_zh;      /* numbering in the official form: "（三）" */
  const char *label_zh;
  const char *label_en;
  int parent;                 /* index of the enclosing group, or -1 */
} GxSchemaGroup;

typedef struct {
  GxSection section;
  const char *key;
  const char *prefix_zh;      /* numbering in the official form: "一、", "（二）", "1." */
  const char *label_zh;       /* the official label, without the numbering */
  const char *label_en;
  const char *const *variants;/* other labels seen in real reports, or NULL */
  int group;                  /* index into the groups, or -1 */
  guint depth;                /* indentation level in the official table */
  GxRowFlags flags;
  const GxSchemaColumn *columns;
  guint n_columns;
  GxFormat formats;           /* the formats that have this row; 0 = all */
  /* filled in by the schema itself */
  guint index;                /* position among all rows */
  guint first_cell;           /* cell index of the first column */
} GxSchemaRow;

typedef struct {
  GxSection id;
  const char *key;
  const char *number_zh;      /* 二, 三, 四 */
  const char *label_zh;       /* heading: 主动公开政府信息情况 */
  const char *label_en;
  const char *const *heading_variants;
  guint first_row;
  guint n_rows;
} GxSchemaSection;

typedef struct {
  guint index;
  GxSection section;
  const GxSchemaRow *row;
  const GxSchemaColumn *column;
  guint column_index;
  const char *path;           /* "applications.new_received.total" */
} GxSchemaCell;

/* "2021" / "2019" (GxReport:format-version); NULL or unknown → 2021 */
GxFormat               gx_format_from_version     (const char *version);
const char            *gx_format_to_version       (GxFormat    format);

/* Whether a row, a column of a row, or a cell is part of @format. */
gboolean               gx_schema_row_in_format    (const GxSchemaRow *row,
                                                   GxFormat           format);
gboolean               gx_schema_column_in_format (const GxSchemaColumn *column,
                                                   GxFormat              format);
gboolean               gx_schema_cell_in_format   (guint       cell,
                                                   GxFormat    format);
/* The columns of @row in @format, in order: fills @indices (at most
 * row->n_columns) and returns how many. */
guint                  gx_schema_row_format_columns (const GxSchemaRow *row,
                                                     GxFormat           format,
                                                     guint             *indices);
/* The number of cells of @format (200 for 2021). */
guint                  gx_schema_n_cells_in_format (GxFormat   format);

const GxSchemaSection *gx_schema_section          (GxSection section);
GxSection              gx_schema_section_from_key (const char *key);

guint                  gx_schema_n_rows           (void);
const GxSchemaRow     *gx_schema_row              (guint index);
const GxSchemaRow     *gx_schema_find_row         (GxSection section,
                                                   const char *row_key);

guint                  gx_schema_n_groups         (void);
const GxSchemaGroup   *gx_schema_group            (guint index);

guint                  gx_schema_n_cells          (void);
const GxSchemaCell    *gx_schema_cell             (guint index);
int                    gx_schema_find_cell        (GxSection section,
                                                   const char *row_key,
                                                   const char *column_key);
int                    gx_schema_find_cell_by_path (const char *path);
int                    gx_schema_row_column_index (const GxSchemaRow *row,
                                                   const char *column_key);

/* The columns of section 三 and the fields of section 四. */
const GxSchemaColumn  *gx_schema_application_columns (guint *n_columns);
const GxSchemaColumn  *gx_schema_review_fields       (guint *n_fields);

/* Labels in the user's language: Chinese when the UI language is Chinese
 * (LANGUAGE/LC_MESSAGES zh*), English otherwise. */
gboolean               gx_schema_prefers_chinese  (void);
void                   gx_schema_set_prefers_chinese (int prefers); /* -1 = follow locale */
const char            *gx_schema_pick             (const char *zh,
                                                   const char *en);
const char            *gx_schema_row_label        (const GxSchemaRow *row);
const char            *gx_schema_column_label     (const GxSchemaColumn *column);

/* Value helpers ---------------------------------------------------------- */

typedef enum {
  GX_VALUE_PARSE_OK,
  GX_VALUE_PARSE_NOT_NUMBER,    /* letters, several points, "1,3" */
  GX_VALUE_PARSE_TOO_PRECISE,   /* more than 6 decimals */
  GX_VALUE_PARSE_TOO_LARGE,     /* beyond ±GX_VALUE_MAX */
} GxValueParse;

/* Parses a number as reports print it: full-width digits, thousands
 * separators (groups of exactly three digits: "1,234", not "1,3"; the
 * full-width ， too), surrounding spaces.  Sets *@fixed only when it
 * returns GX_VALUE_PARSE_OK. */
GxValueParse           gx_value_parse_full        (const char *text,
                                                   gint64     *fixed);
/* TRUE when gx_value_parse_full() gives GX_VALUE_PARSE_OK.  With @fixed
 * NULL the question is "is this a number?", and a number too large to keep
 * is one (the readers place it in its column; count_value says why it was
 * not kept). */
gboolean               gx_value_parse             (const char *text,
                                                   gint64     *fixed);
/* -GX_VALUE_MAX <= @fixed <= GX_VALUE_MAX */
gboolean               gx_value_in_range          (gint64      fixed);
/* "1521", "19656.3836", "-3", "0.5": shortest exact decimal form */
char                  *gx_value_format            (gint64 fixed);
gboolean               gx_value_is_whole          (gint64 fixed);

G_END_DECLS
