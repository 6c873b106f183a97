/* gx-recent.c: the list of recent workspaces (gx-recent.h) */
#include "gx-config.h"

#include "gx-backend.h"
#include "gx-recent.h"

#define RECENT_KEY "recent-workspaces"

/* How @location is kept: a path made absolute, a server as given; NULL
 * when it is not to be kept. */
static char *
recent_form (const char *location)
{
  if (location == NULL || *location == '\0')
    return NULL;
  if (gx_backend_location_is_postgres (location))
    return gx_backend_location_has_password (location) ? NULL : g_strdup (location);
  return g_canonicalize_filename (location, NULL);
}

char **
gx_recent_dup_workspaces (GSettings *settings)
{
  g_auto(GStrv) stored = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  stored = g_settings_get_strv (settings, RECENT_KEY);
  for (guint i = 0; stored[i] != NULL && n < GX_RECENT_MAX; i++)
    {
      if (*stored[i] == '\0' || gx_backend_location_has_password (stored[i]))
        continue;
      g_strv_builder_add (kept, stored[i]);
      n++;
    }
  return g_strv_builder_end (kept);
}

void
gx_recent_add_workspace (GSettings  *settings,
                         const char *location)
{
  g_autofree char *kept = recent_form (location);
  g_auto(GStrv) before = NULL;
  g_autoptr(GStrvBuilder) after = NULL;
  g_auto(GStrv) list = NULL;
  guint n = 1;

  g_return_if_fail (G_IS_SETTINGS (settings));

  if (kept == NULL)
    return;
  before = gx_recent_dup_workspaces (settings);
  after = g_strv_builder_new ();
  g_strv_builder_add (after, kept);
  for (guint i = 0; before[i] != NULL && n < GX_RECENT_MAX; i++)
    if (g_strcmp0 (before[i], kept) != 0)
      {
        g_strv_builder_add (after, before[i]);
        n++;
      }
  list = g_strv_builder_end (after);
  g_settings_set_strv (settings, RECENT_KEY, (const char * const *) list);
}
