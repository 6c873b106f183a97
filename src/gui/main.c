/* main.c: the gxreports program */
#include "gx-config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "gx-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GxApplication) app = NULL;
  /* a build-tree run (tests, screenshots) finds its catalogue here */
  const char *localedir = g_getenv ("GX_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("GxReports"));
  gx_application_choose_renderer ();

  app = gx_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
