/* gx-finding.h: one finding of a consistency rule */
#pragma once

#include <glib-object.h>

#include "gx-schema.h"

G_BEGIN_DECLS

typedef enum {
  GX_SEVERITY_NOTE,
  GX_SEVERITY_WARNING,
  GX_SEVERITY_ERROR,
} GxSeverity;

#define GX_TYPE_FINDING (gx_finding_get_type ())
G_DECLARE_FINAL_TYPE (GxFinding, gx_finding, GX, FINDING, GObject)

/* The cell of a finding that has none (gx_finding_get_cell()). */
#define GX_FINDING_NO_CELL G_MAXUINT

/* @cell is the cell the finding is about (the total that does not tie out,
 * the blank cell); it gives section, row and column.  @row_only: the finding
 * concerns the whole row (ambiguous_layout), column is then NULL. */
GxFinding   *gx_finding_new            (const char *rule,
                                        GxSeverity  severity,
                                        guint       cell,
                                        gboolean    row_only,
                                        const char *message);
/* A finding about no cell: the text of the report (section 五 empty, the
 * statistics period of another year …).  Its section, row and column are
 * NULL (null in JSON), it involves no cell and marks none; the message says
 * where in the text to look. */
GxFinding   *gx_finding_new_without_cell (const char *rule,
                                          GxSeverity  severity,
                                          const char *message);

/* For findings that come by the hundred (blank cells): the message is
 * formatted by @func the first time it is asked for. */
typedef char *(*GxFindingMessageFunc) (GxFinding *finding);
void         gx_finding_set_message_func (GxFinding            *self,
                                          GxFindingMessageFunc  func);

void         gx_finding_set_values     (GxFinding  *self,
                                        gint64      expected,
                                        gint64      actual);
void         gx_finding_add_cell       (GxFinding  *self,
                                        guint       cell);

const char  *gx_finding_get_rule       (GxFinding  *self);
GxSeverity   gx_finding_get_severity   (GxFinding  *self);
/* FALSE for gx_finding_new_without_cell() */
gboolean     gx_finding_has_cell       (GxFinding  *self);
/* GX_FINDING_NO_CELL when it has none */
guint        gx_finding_get_cell       (GxFinding  *self);
/* GX_N_SECTIONS, and NULL keys, when it has no cell */
GxSection    gx_finding_get_section    (GxFinding  *self);
const char  *gx_finding_get_section_key(GxFinding  *self);
const char  *gx_finding_get_row_key    (GxFinding  *self);
/* NULL when the finding concerns a whole row, or no cell */
const char  *gx_finding_get_column_key (GxFinding  *self);
gboolean     gx_finding_has_values     (GxFinding  *self);
gint64       gx_finding_get_expected   (GxFinding  *self);
gint64       gx_finding_get_actual     (GxFinding  *self);
const char  *gx_finding_get_message    (GxFinding  *self);
/* every cell involved (the operands and the total), for highlighting */
const guint *gx_finding_get_cells      (GxFinding  *self,
                                        guint      *n_cells);
gboolean     gx_finding_involves_cell  (GxFinding  *self,
                                        guint       cell);
/* What the finding read in the text (the sentence of a prose_mismatch),
 * or NULL; shown with the finding, not stored */
void         gx_finding_set_quote      (GxFinding  *self,
                                        const char *quote);
const char  *gx_finding_get_quote      (GxFinding  *self);

const char  *gx_severity_to_key        (GxSeverity  severity);
gboolean     gx_severity_from_key      (const char *key,
                                        GxSeverity *severity);
/* translated: "error", "warning", "note" */
const char  *gx_severity_to_label      (GxSeverity  severity);

G_END_DECLS
