/* gx-report.h: one annual report, the model every part of GxReports shares */
#pragma once

#include <glib-object.h>

#include "gx-finding.h"
#include "gx-schema.h"

G_BEGIN_DECLS

typedef enum {
  GX_CELL_BLANK,     /* left empty in the source: read as 0, noted */
  GX_CELL_VALUE,     /* a number (fixed point, see GX_VALUE_SCALE) */
  GX_CELL_INVALID,   /* text that is not a number; kept as raw text */
} GxCellState;

typedef enum {
  GX_CELL_FLAG_NONE     = 0,
  /* the column of this value had to be inferred (ambiguous_layout) */
  GX_CELL_FLAG_INFERRED = 1 << 0,
  /* set on the first cell of a row (row-level): the row of a table that was
   * found could not be placed or its values not assigned; the row is blank
   * (unread, an error) */
  GX_CELL_FLAG_UNREAD   = 1 << 1,
  /* the source departs from the form here and the reader resolved it: the
   * row is missing, given as one merged row, or labelled differently
   * (form_variant, a note) */
  GX_CELL_FLAG_VARIANT  = 1 << 2,
} GxCellFlags;

/* A cell as gx_report_get_cells() copies it out. */
typedef struct {
  gint64 value;        /* 0 unless state is GX_CELL_VALUE */
  guint8 state;        /* GxCellState */
  guint8 flags;        /* GxCellFlags */
} GxCellValue;

#define GX_REPORT_FORMAT_2021 "2021"
#define GX_REPORT_FORMAT_2019 "2019"

#define GX_TYPE_REPORT (gx_report_get_type ())
G_DECLARE_FINAL_TYPE (GxReport, gx_report, GX, REPORT, GObject)

GxReport    *gx_report_new               (void);
/* a deep copy of metadata and cells, the revision included (not the
 * workspace id) */
GxReport    *gx_report_copy              (GxReport    *self);
void         gx_report_copy_cells_from   (GxReport    *self,
                                          GxReport    *other);

gint64       gx_report_get_id            (GxReport    *self);
void         gx_report_set_id            (GxReport    *self,
                                          gint64       id);
/* The revision of the stored report this one was loaded at (every content
 * write of a report in a workspace adds one to it): a save of it is refused
 * when the stored report is at another revision by then (someone else
 * saved it; GX_BACKEND_ERROR_CHANGED, gx-backend.h).  0: not loaded from a
 * workspace, or the user chose to overwrite; a save then writes whatever
 * is stored.  A save sets it to the revision written. */
gint64       gx_report_get_revision      (GxReport    *self);
void         gx_report_set_revision      (GxReport    *self,
                                          gint64       revision);
const char  *gx_report_get_issuer        (GxReport    *self);
void         gx_report_set_issuer        (GxReport    *self,
                                          const char  *issuer);
int          gx_report_get_year          (GxReport    *self);
void         gx_report_set_year          (GxReport    *self,
                                          int          year);
const char  *gx_report_get_source        (GxReport    *self);
void         gx_report_set_source        (GxReport    *self,
                                          const char  *source);
const char  *gx_report_get_format_version(GxReport    *self);
void         gx_report_set_format_version(GxReport    *self,
                                          const char  *version);

/* The national format of the report (from format-version), and whether a
 * cell of the template belongs to it.  Every part that walks the cells of a
 * report walks only these. */
GxFormat     gx_report_get_format        (GxReport    *self);
gboolean     gx_report_has_cell          (GxReport    *self,
                                          guint        cell);

/* The text of the report outside its tables (title, prose, signature), one
 * line a paragraph; what the prose checks read. */
const char  *gx_report_get_prose         (GxReport    *self);
void         gx_report_set_prose         (GxReport    *self,
                                          const char  *prose);

/* Cells, indexed as in gx_schema_cell(). */
/* A report keeps few cells compactly (a list summary has six); one that
 * will get most of them (a report being read) keeps them in one array from
 * the start. */
void         gx_report_reserve_cells     (GxReport    *self);
/* Copies the state, value and flags of every cell into @cells
 * (gx_schema_n_cells() of them): for code that reads them all. */
void         gx_report_get_cells         (GxReport    *self,
                                          GxCellValue *cells);
GxCellState  gx_report_get_cell          (GxReport    *self,
                                          guint        cell,
                                          gint64      *value);
/* the value in fixed point; 0 for a blank or invalid cell */
gint64       gx_report_get_value         (GxReport    *self,
                                          guint        cell);
/* the value in whole units (counts); 0 for blank or invalid */
gint64       gx_report_get_count         (GxReport    *self,
                                          guint        cell);
gboolean     gx_report_is_blank          (GxReport    *self,
                                          guint        cell);
/* raw text of an invalid cell, NULL otherwise */
const char  *gx_report_get_raw           (GxReport    *self,
                                          guint        cell);
void         gx_report_set_value         (GxReport    *self,
                                          guint        cell,
                                          gint64       fixed);
void         gx_report_set_count         (GxReport    *self,
                                          guint        cell,
                                          gint64       count);
void         gx_report_set_blank         (GxReport    *self,
                                          guint        cell);
void         gx_report_set_invalid       (GxReport    *self,
                                          guint        cell,
                                          const char  *raw);
/* Blank for "", a value for a number, invalid otherwise. */
void         gx_report_set_text          (GxReport    *self,
                                          guint        cell,
                                          const char  *text);
/* The cell as text: "" for blank, the number, or the raw invalid text. */
char        *gx_report_dup_text          (GxReport    *self,
                                          guint        cell);


/* What the reader says about a row it flagged GX_CELL_FLAG_UNREAD or
 * GX_CELL_FLAG_VARIANT: the source line or label quoted (NULL when none,
 * e.g. after loading from a workspace). */
const char  *gx_report_get_row_quote     (GxReport    *self,
                                          guint        row);
void         gx_report_set_row_quote     (GxReport    *self,
                                          guint        row,
                                          const char  *quote);
GxCellFlags  gx_report_get_cell_flags    (GxReport    *self,
                                          guint        cell);
void         gx_report_set_cell_flags    (GxReport    *self,
                                          guint        cell,
                                          GxCellFlags  flags);
/* 1-based line of the source the value was read from, 0 if unknown */
guint        gx_report_get_cell_line     (GxReport    *self,
                                          guint        cell);
void         gx_report_set_cell_line     (GxReport    *self,
                                          guint        cell,
                                          guint        line);

gboolean     gx_report_values_equal      (GxReport    *self,
                                          GxReport    *other);

/* A list summary (what the workspace's list holds of a report): id,
 * issuer, year, source, form, counts and the GX_REPORT_N_SUMMARY_CELLS
 * cells gx_report_summary_cell() names (the figures the list shows). */
#define GX_REPORT_N_SUMMARY_CELLS 6
guint        gx_report_summary_cell      (guint        k);
/* The summary of a report (checked: its counts are the list's). */
GxReport    *gx_report_dup_summary       (GxReport    *self);

/* Findings, as computed by gx_rules_check(); a GPtrArray of GxFinding. */
GPtrArray   *gx_report_get_findings      (GxReport    *self);
void         gx_report_set_findings      (GxReport    *self,
                                          GPtrArray   *findings);
guint        gx_report_get_n_errors      (GxReport    *self);
guint        gx_report_get_n_warnings    (GxReport    *self);
guint        gx_report_get_n_notes       (GxReport    *self);
/* Notes counted in n-notes but not in the findings: the blank_cell notes
 * of a check that did not build them (GX_RULES_NO_BLANK_CELLS).  Set by the
 * rules; 0 after a check with every rule. */
guint        gx_report_get_n_unlisted_notes (GxReport *self);
void         gx_report_set_n_unlisted_notes (GxReport *self,
                                             guint     n_notes);
/* Whether the findings (rules and prose) are those of the current values:
 * gx_report_set_checked() says so after checking; any change of a cell or
 * of the prose makes it FALSE again.  The workspace skips checking a report
 * again when it is. */
void         gx_report_set_checked       (GxReport    *self);
gboolean     gx_report_is_checked        (GxReport    *self);

/* For lists loaded from a cache without findings. */
void         gx_report_set_counts        (GxReport    *self,
                                          guint        n_errors,
                                          guint        n_warnings,
                                          guint        n_notes);

G_END_DECLS
