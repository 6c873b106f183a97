/* gx-dialogs.h: the app's file choosers and alerts, on any GTK >= 4.8
 *
 * GtkFileDialog and GtkAlertDialog (GTK 4.10) when the GTK built against
 * has them and the version pins allow them; GtkFileChooserNative and
 * GtkMessageDialog (deprecated in 4.10) otherwise.  Callers never see
 * which: they get the chosen file(s), and nothing when the user cancels.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called only when the user chose something; parent is the window the
 * dialog was for (kept alive until then). */
typedef void (*GxDialogsFileFunc)  (GtkWindow  *parent,
                                    GFile      *file,
                                    gpointer    user_data);
/* files: a list model of GFile, at least one */
typedef void (*GxDialogsFilesFunc) (GtkWindow  *parent,
                                    GListModel *files,
                                    gpointer    user_data);

typedef enum
{
  GX_DIALOGS_ERROR,
  GX_DIALOGS_INFO,
} GxDialogsAlert;

/* One existing file.  initial_folder and filters (a list model of
 * GtkFileFilter, the first one active) may be NULL. */
void gx_dialogs_open_file      (GtkWindow          *parent,
                                const char         *title,
                                const char         *accept_label,
                                GFile              *initial_folder,
                                GListModel         *filters,
                                GxDialogsFileFunc   func,
                                gpointer            user_data);
/* Several files, or several folders when folders is TRUE (filters are
 * ignored then). */
void gx_dialogs_open_multiple  (GtkWindow          *parent,
                                const char         *title,
                                const char         *accept_label,
                                gboolean            folders,
                                GFile              *initial_folder,
                                GListModel         *filters,
                                GxDialogsFilesFunc  func,
                                gpointer            user_data);
/* A file to write, offered as initial_name in initial_folder (either may
 * be NULL). */
void gx_dialogs_save_file      (GtkWindow          *parent,
                                const char         *title,
                                const char         *accept_label,
                                GFile              *initial_folder,
                                const char         *initial_name,
                                GxDialogsFileFunc   func,
                                gpointer            user_data);
/* A modal alert with a Close button; detail may be NULL. */
void gx_dialogs_alert          (GtkWindow          *parent,
                                GxDialogsAlert      kind,
                                const char         *message,
                                const char         *detail);

/* Asks whether to go ahead: @func runs only when the user chose
 * @accept_label (Cancel is the other button, and the default). */
typedef void (*GxDialogsConfirmFunc) (GtkWindow *parent,
                                      gpointer   user_data);
void gx_dialogs_confirm        (GtkWindow            *parent,
                                const char           *message,
                                const char           *detail,
                                const char           *accept_label,
                                GxDialogsConfirmFunc  func,
                                gpointer              user_data,
                                GDestroyNotify        destroy);

/* Asks to choose one of @options (a NULL-terminated array, the first one
 * offered): @func gets the index chosen, only when the user chose
 * @accept_label.  The window is named @name (for tests), the drop-down is
 * its "choices" data. */
typedef void (*GxDialogsChooseFunc) (GtkWindow *parent,
                                     guint      chosen,
                                     gpointer   user_data);
void gx_dialogs_choose         (GtkWindow            *parent,
                                const char           *name,
                                const char           *title,
                                const char           *message,
                                const char * const   *options,
                                const char           *accept_label,
                                GxDialogsChooseFunc   func,
                                gpointer              user_data,
                                GDestroyNotify        destroy);

/* Asks @message (@detail may be NULL) with a button of each of @labels (a
 * NULL-terminated array, shown in that order): @func gets the index of the
 * button chosen, or @cancel_index when the question went away otherwise
 * (Escape, closed with its parent); it is called exactly once.
 * @default_index is the button Enter chooses.  Returns the question,
 * already shown and owned by the dialogs, valid until @func is called:
 * gx_dialogs_answer() answers it (tests). */
typedef void (*GxDialogsAskFunc) (GtkWindow *parent,
                                  guint      answer,
                                  gpointer   user_data);
GObject *gx_dialogs_ask        (GtkWindow            *parent,
                                const char           *message,
                                const char           *detail,
                                const char * const   *labels,
                                guint                 cancel_index,
                                guint                 default_index,
                                GxDialogsAskFunc      func,
                                gpointer              user_data,
                                GDestroyNotify        destroy);
/* Answers @question as if its button @answer had been chosen. */
void     gx_dialogs_answer     (GObject              *question,
                                guint                 answer);

G_END_DECLS
