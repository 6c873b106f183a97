/* gx-draft.c: the draft of an editing session, kept on disk while editing */
#include "gx-config.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gx-draft.h"
#include "gx-json.h"
#include "gx-schema.h"

#define DRAFT_FORMAT 1

struct _GxDraft
{
  GObject parent_instance;

  char *workspace;
  gint64 report_id;
  char *path;
  char *token;          /* names the draft of a new report */
  GxReport *report;
  GArray *computed;
  GDateTime *written;
};

G_DEFINE_FINAL_TYPE (GxDraft, gx_draft, G_TYPE_OBJECT)

/* Helpers ------------------------------------------------------------------- */

static char *
workspace_hash (const char *workspace)
{
  g_autofree char *canonical = g_canonicalize_filename (workspace, NULL);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);

  return g_strndup (sum, 16);
}

static void
update_path (GxDraft *self)
{
  g_autofree char *dir = gx_draft_dir ();
  g_autofree char *hash = workspace_hash (self->workspace);
  g_autofree char *name = NULL;

  if (self->report_id > 0)
    name = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".json", hash, self->report_id);
  else
    name = g_strdup_printf ("%s-new-%s.json", hash, self->token);
  g_free (self->path);
  self->path = g_build_filename (dir, name, NULL);
}

/* a session that is still running (another instance) keeps its draft */
static gboolean
owner_is_alive (gint64 pid)
{
  if (pid <= 0 || pid == (gint64) getpid ())
    return FALSE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

static GxDraft *
read_draft (const char *path,
            const char *workspace)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GxDraft) self = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *report_text = NULL;
  g_autofree char *canonical = g_canonicalize_filename (workspace, NULL);
  g_autofree char *draft_canonical = NULL;
  JsonObject *object;
  JsonNode *node;
  JsonArray *computed;

  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (json_object_get_int_member_with_default (object, "format", 0) != DRAFT_FORMAT ||
      json_object_get_string_member_with_default (object, "workspace", NULL) == NULL ||
      !json_object_has_member (object, "report"))
    return NULL;

  draft_canonical = g_canonicalize_filename (json_object_get_string_member (object, "workspace"), NULL);
  if (g_strcmp0 (draft_canonical, canonical) != 0)
    return NULL;
  if (owner_is_alive (json_object_get_int_member_with_default (object, "pid", 0)))
    return NULL;

  report_text = json_to_string (json_object_get_member (object, "report"), FALSE);
  reports = gx_json_read_reports (report_text, -1, path, NULL);
  if (reports == NULL || reports->len != 1)
    return NULL;

  self = g_object_new (GX_TYPE_DRAFT, NULL);
  self->workspace = g_strdup (workspace);
  self->report_id = json_object_get_int_member_with_default (object, "report_id", 0);
  self->path = g_strdup (path);
  self->report = g_object_ref (g_ptr_array_index (reports, 0));
  gx_report_set_revision (self->report,
                          MAX (json_object_get_int_member_with_default (object, "revision", 0), 0));
  self->written = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (object, "written", ""), NULL);

  computed = json_object_get_array_member (object, "computed");
  for (guint i = 0; computed != NULL && i < json_array_get_length (computed); i++)
    {
      gint64 cell = json_array_get_int_element (computed, i);

      if (cell >= 0 && cell < (gint64) gx_schema_n_cells ())
        {
          guint c = (guint) cell;
          g_array_append_val (self->computed, c);
        }
    }
  return g_steal_pointer (&self);
}

static int
compare_written (gconstpointer a,
                 gconstpointer b)
{
  GxDraft *da = *(GxDraft **) a;
  GxDraft *db = *(GxDraft **) b;

  if (da->written == NULL || db->written == NULL)
    return (da->written != NULL) - (db->written != NULL);
  return g_date_time_compare (da->written, db->written);
}

/* GObject --------------------------------------------------------------------- */

static void
gx_draft_finalize (GObject *object)
{
  GxDraft *self = GX_DRAFT (object);

  g_free (self->workspace);
  g_free (self->path);
  g_free (self->token);
  g_clear_object (&self->report);
  g_array_unref (self->computed);
  g_clear_pointer (&self->written, g_date_time_unref);

  G_OBJECT_CLASS (gx_draft_parent_class)->finalize (object);
}

static void
gx_draft_class_init (GxDraftClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gx_draft_finalize;
}

static void
gx_draft_init (GxDraft *self)
{
  self->computed = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Public API ------------------------------------------------------------------ */

char *
gx_draft_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "gxreports", "drafts", NULL);
}

GxDraft *
gx_draft_new (const char *workspace,
              gint64      report_id)
{
  GxDraft *self;

  g_return_val_if_fail (workspace != NULL, NULL);

  self = g_object_new (GX_TYPE_DRAFT, NULL);
  self->workspace = g_strdup (workspace);
  self->report_id = report_id;
  self->token = g_uuid_string_random ();
  update_path (self);
  return self;
}

const char *
gx_draft_get_path (GxDraft *self)
{
  g_return_val_if_fail (GX_IS_DRAFT (self), NULL);
  return self->path;
}

const char *
gx_draft_get_workspace (GxDraft *self)
{
  g_return_val_if_fail (GX_IS_DRAFT (self), NULL);
  return self->workspace;
}

gint64
gx_draft_get_report_id (GxDraft *self)
{
  g_return_val_if_fail (GX_IS_DRAFT (self), 0);
  return self->report_id;
}

void
gx_draft_set_report_id (GxDraft *self,
                        gint64   report_id)
{
  g_return_if_fail (GX_IS_DRAFT (self));

  if (self->report_id == report_id)
    return;
  gx_draft_remove (self);
  self->report_id = report_id;
  if (self->token == NULL)
    self->token = g_uuid_string_random ();
  update_path (self);
}

GxReport *
gx_draft_get_report (GxDraft *self)
{
  g_return_val_if_fail (GX_IS_DRAFT (self), NULL);
  return self->report;
}

GArray *
gx_draft_get_computed (GxDraft *self)
{
  g_return_val_if_fail (GX_IS_DRAFT (self), NULL);
  return self->computed;
}

GDateTime *
gx_draft_get_written (GxDraft *self)
{
  g_return_val_if_fail (GX_IS_DRAFT (self), NULL);
  return self->written;
}

gboolean
gx_draft_write (GxDraft         *self,
                GxReport        *report,
                const gboolean  *computed,
                GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (GX_IS_DRAFT (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, DRAFT_FORMAT);
  json_builder_set_member_name (builder, "workspace");
  json_builder_add_string_value (builder, self->workspace);
  json_builder_set_member_name (builder, "report_id");
  json_builder_add_int_value (builder, self->report_id);
  /* the revision the edits were made on: a save after restoring is
   * refused when someone else saved the report meanwhile */
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, gx_report_get_revision (report));
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, (gint64) getpid ());
  json_builder_set_member_name (builder, "written");
  json_builder_add_string_value (builder, now_text);
  json_builder_set_member_name (builder, "computed");
  json_builder_begin_array (builder);
  for (guint i = 0; computed != NULL && i < gx_schema_n_cells (); i++)
    if (computed[i])
      json_builder_add_int_value (builder, i);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "report");
  json_builder_add_value (builder, gx_json_from_report (report, FALSE));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  /* atomic: a crash while writing leaves the previous draft */
  return g_file_set_contents_full (self->path, text, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

void
gx_draft_remove (GxDraft *self)
{
  g_return_if_fail (GX_IS_DRAFT (self));
  g_remove (self->path);
}

GPtrArray *
gx_draft_list (const char *workspace)
{
  g_autofree char *dir_path = gx_draft_dir ();
  g_autofree char *prefix = NULL;
  g_autoptr(GDir) dir = NULL;
  GPtrArray *drafts = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  g_return_val_if_fail (workspace != NULL, drafts);

  dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    return drafts;

  prefix = workspace_hash (workspace);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GxDraft *draft;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      draft = read_draft (path, workspace);
      if (draft != NULL)
        g_ptr_array_add (drafts, draft);
    }
  g_ptr_array_sort (drafts, compare_written);
  return drafts;
}
