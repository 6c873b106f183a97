/* gx-dialogs.c: the app's file choosers and alerts, on any GTK >= 4.8
 *
 * Two paths, chosen at build time as the editor chooses its alert
 * (editor/gx-editor-window.c): GtkFileDialog/GtkAlertDialog when GTK is
 * 4.10 or newer and GDK_VERSION_MAX_ALLOWED (the pins in
 * src/print/meson.build) lets them be called; GtkFileChooserNative and
 * GtkMessageDialog, deprecated in 4.10, otherwise.  Both show the same
 * title, button, folder, name and filters.
 */
#include "gx-config.h"

#include <glib/gi18n.h>

#include "gx-dialogs.h"

#if GTK_CHECK_VERSION (4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= G_ENCODE_VERSION (4, 10)
#define GX_USE_FILE_DIALOG 1
#endif

typedef enum
{
  CHOOSE_OPEN,
  CHOOSE_OPEN_MULTIPLE,
  CHOOSE_FOLDERS,
  CHOOSE_SAVE,
} Choice;

/* one chooser shown, until the user answers */
typedef struct
{
  GtkWindow *parent;            /* owned, or NULL */
  Choice choice;
  GxDialogsFileFunc file_func;  /* CHOOSE_OPEN, CHOOSE_SAVE */
  GxDialogsFilesFunc files_func; /* CHOOSE_OPEN_MULTIPLE, CHOOSE_FOLDERS */
  gpointer user_data;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->parent);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Request *
request_new (GtkWindow *parent,
             Choice     choice)
{
  Request *request = g_new0 (Request, 1);

  request->parent = parent != NULL ? g_object_ref (parent) : NULL;
  request->choice = choice;
  return request;
}

/* the answer, if the user chose something */
static void
request_deliver (Request    *request,
                 GFile      *file,
                 GListModel *files)
{
  if (request->file_func != NULL && file != NULL)
    request->file_func (request->parent, file, request->user_data);
  if (request->files_func != NULL && files != NULL && g_list_model_get_n_items (files) > 0)
    request->files_func (request->parent, files, request->user_data);
}

#ifdef GX_USE_FILE_DIALOG

static void
file_dialog_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GtkFileDialog *dialog = GTK_FILE_DIALOG (object);
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GListModel) files = NULL;

  switch (request->choice)
    {
    case CHOOSE_OPEN:
      file = gtk_file_dialog_open_finish (dialog, result, &error);
      break;
    case CHOOSE_OPEN_MULTIPLE:
      files = gtk_file_dialog_open_multiple_finish (dialog, result, &error);
      break;
    case CHOOSE_FOLDERS:
      files = gtk_file_dialog_select_multiple_folders_finish (dialog, result, &error);
      break;
    case CHOOSE_SAVE:
    default:
      file = gtk_file_dialog_save_finish (dialog, result, &error);
      break;
    }
  /* cancelling is an answer too; anything else is worth a line in the log */
  if (error != NULL &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    g_message ("The file chooser failed: %s", error->message);
  request_deliver (request, file, files);
}

static void
request_run (Request    *request,
             const char *title,
             const char *accept_label,
             GFile      *initial_folder,
             const char *initial_name,
             GListModel *filters)
{
  /* the running chooser holds its own reference */
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (initial_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, initial_folder);
  if (initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, initial_name);
  if (filters != NULL && request->choice != CHOOSE_FOLDERS)
    gtk_file_dialog_set_filters (dialog, filters);

  switch (request->choice)
    {
    case CHOOSE_OPEN:
      gtk_file_dialog_open (dialog, request->parent, NULL, file_dialog_done_cb, request);
      break;
    case CHOOSE_OPEN_MULTIPLE:
      gtk_file_dialog_open_multiple (dialog, request->parent, NULL, file_dialog_done_cb, request);
      break;
    case CHOOSE_FOLDERS:
      gtk_file_dialog_select_multiple_folders (dialog, request->parent, NULL,
                                               file_dialog_done_cb, request);
      break;
    case CHOOSE_SAVE:
    default:
      gtk_file_dialog_save (dialog, request->parent, NULL, file_dialog_done_cb, request);
      break;
    }
}

#else /* GtkFileChooserNative */

static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(Request) request = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      if (request->file_func != NULL)
        {
          g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

          request_deliver (request, file, NULL);
        }
      else
        {
          g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

          request_deliver (request, NULL, files);
        }
    }
  g_object_unref (native);
}

static void
request_run (Request    *request,
             const char *title,
             const char *accept_label,
             GFile      *initial_folder,
             const char *initial_name,
             GListModel *filters)
{
  GtkFileChooserNative *native;
  GtkFileChooserAction action;
  GtkFileChooser *chooser;

  switch (request->choice)
    {
    case CHOOSE_FOLDERS:
      action = GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
      break;
    case CHOOSE_SAVE:
      action = GTK_FILE_CHOOSER_ACTION_SAVE;
      break;
    case CHOOSE_OPEN:
    case CHOOSE_OPEN_MULTIPLE:
    default:
      action = GTK_FILE_CHOOSER_ACTION_OPEN;
      break;
    }
  /* released by native_response_cb */
  native = gtk_file_chooser_native_new (title, request->parent, action, accept_label, _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (native);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (chooser, request->choice == CHOOSE_OPEN_MULTIPLE ||
                                                 request->choice == CHOOSE_FOLDERS);
  if (initial_folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, initial_folder, NULL);
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (chooser, initial_name);
  if (filters != NULL && request->choice != CHOOSE_FOLDERS)
    for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
      {
        g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

        gtk_file_chooser_add_filter (chooser, filter);
      }
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

void
gx_dialogs_open_file (GtkWindow         *parent,
                      const char        *title,
                      const char        *accept_label,
                      GFile             *initial_folder,
                      GListModel        *filters,
                      GxDialogsFileFunc  func,
                      gpointer           user_data)
{
  Request *request;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (func != NULL);

  request = request_new (parent, CHOOSE_OPEN);
  request->file_func = func;
  request->user_data = user_data;
  request_run (request, title, accept_label, initial_folder, NULL, filters);
}

void
gx_dialogs_open_multiple (GtkWindow          *parent,
                          const char         *title,
                          const char         *accept_label,
                          gboolean            folders,
                          GFile              *initial_folder,
                          GListModel         *filters,
                          GxDialogsFilesFunc  func,
                          gpointer            user_data)
{
  Request *request;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (func != NULL);

  request = request_new (parent, folders ? CHOOSE_FOLDERS : CHOOSE_OPEN_MULTIPLE);
  request->files_func = func;
  request->user_data = user_data;
  request_run (request, title, accept_label, initial_folder, NULL, filters);
}

void
gx_dialogs_save_file (GtkWindow         *parent,
                      const char        *title,
                      const char        *accept_label,
                      GFile             *initial_folder,
                      const char        *initial_name,
                      GxDialogsFileFunc  func,
                      gpointer           user_data)
{
  Request *request;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (func != NULL);

  request = request_new (parent, CHOOSE_SAVE);
  request->file_func = func;
  request->user_data = user_data;
  request_run (request, title, accept_label, initial_folder, initial_name, NULL);
}

void
gx_dialogs_alert (GtkWindow      *parent,
                  GxDialogsAlert  kind,
                  const char     *message,
                  const char     *detail)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (message != NULL);

#ifdef GX_USE_FILE_DIALOG
  {
    /* the shown alert holds its own reference; no buttons set means one
     * Close button.  An alert has no error or info look of its own. */
    g_autoptr(GtkAlertDialog) dialog = gtk_alert_dialog_new ("%s", message);

    (void) kind;
    gtk_alert_dialog_set_modal (dialog, TRUE);
    if (detail != NULL)
      gtk_alert_dialog_set_detail (dialog, detail);
    gtk_alert_dialog_show (dialog, parent);
  }
#else
  {
    GtkWidget *dialog;

    dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     kind == GX_DIALOGS_ERROR ? GTK_MESSAGE_ERROR : GTK_MESSAGE_INFO,
                                     GTK_BUTTONS_CLOSE, "%s", message);
    if (detail != NULL)
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
    g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
    gtk_window_present (GTK_WINDOW (dialog));
  }
#endif
}

typedef struct
{
  GtkWindow *parent;
  GxDialogsConfirmFunc func;
  gpointer user_data;
  GDestroyNotify destroy;
} Confirm;

static void
confirm_free (Confirm *confirm)
{
  g_clear_object (&confirm->parent);
  if (confirm->destroy)
    confirm->destroy (confirm->user_data);
  g_free (confirm);
}

#ifdef GX_USE_FILE_DIALOG
static void
confirm_chosen_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  Confirm *confirm = data;
  int button = gtk_alert_dialog_choose_finish (GTK_ALERT_DIALOG (source), result, NULL);

  if (button == 1)
    confirm->func (confirm->parent, confirm->user_data);
  confirm_free (confirm);
}
#else
static void
confirm_response_cb (GtkDialog *dialog,
                     int        response,
                     gpointer   data)
{
  Confirm *confirm = data;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT)
    confirm->func (confirm->parent, confirm->user_data);
  confirm_free (confirm);
}
#endif

void
gx_dialogs_confirm (GtkWindow            *parent,
                    const char           *message,
                    const char           *detail,
                    const char           *accept_label,
                    GxDialogsConfirmFunc  func,
                    gpointer              user_data,
                    GDestroyNotify        destroy)
{
  Confirm *confirm;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (message != NULL && accept_label != NULL && func != NULL);

  confirm = g_new0 (Confirm, 1);
  confirm->parent = parent ? g_object_ref (parent) : NULL;
  confirm->func = func;
  confirm->user_data = user_data;
  confirm->destroy = destroy;

#ifdef GX_USE_FILE_DIALOG
  {
    g_autoptr(GtkAlertDialog) dialog = gtk_alert_dialog_new ("%s", message);
    const char *buttons[] = { _("_Cancel"), accept_label, NULL };

    gtk_alert_dialog_set_modal (dialog, TRUE);
    if (detail != NULL)
      gtk_alert_dialog_set_detail (dialog, detail);
    gtk_alert_dialog_set_buttons (dialog, buttons);
    gtk_alert_dialog_set_cancel_button (dialog, 0);
    gtk_alert_dialog_set_default_button (dialog, 0);
    gtk_alert_dialog_choose (dialog, parent, NULL, confirm_chosen_cb, confirm);
  }
#else
  {
    GtkWidget *dialog;

    dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", message);
    if (detail != NULL)
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
    gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                            accept_label, GTK_RESPONSE_ACCEPT, NULL);
    gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
    g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), confirm);
    gtk_window_present (GTK_WINDOW (dialog));
  }
#endif
}

typedef struct
{
  GtkWindow *parent;
  GtkWindow *window;
  GtkDropDown *choices;
  GxDialogsChooseFunc func;
  gpointer user_data;
  GDestroyNotify destroy;
} Choose;

static void
choose_free (gpointer data)
{
  Choose *choose = data;

  g_clear_object (&choose->parent);
  if (choose->destroy)
    choose->destroy (choose->user_data);
  g_free (choose);
}

static void
choose_accept_cb (GtkButton *button,
                  Choose    *choose)
{
  guint chosen = gtk_drop_down_get_selected (choose->choices);
  GtkWindow *parent = choose->parent ? g_object_ref (choose->parent) : NULL;
  GxDialogsChooseFunc func = choose->func;
  gpointer user_data = choose->user_data;
  GDestroyNotify destroy = choose->destroy;

  /* the window (and with it @choose) goes first; the callback then owns
   * the data */
  choose->destroy = NULL;
  gtk_window_destroy (choose->window);
  if (chosen != GTK_INVALID_LIST_POSITION)
    func (parent, chosen, user_data);
  if (destroy)
    destroy (user_data);
  g_clear_object (&parent);
}

void
gx_dialogs_choose (GtkWindow            *parent,
                   const char           *name,
                   const char           *title,
                   const char           *message,
                   const char * const   *options,
                   const char           *accept_label,
                   GxDialogsChooseFunc   func,
                   gpointer              user_data,
                   GDestroyNotify        destroy)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label, *cancel, *accept, *choices;
  Choose *choose;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (options != NULL && options[0] != NULL && func != NULL);

  choose = g_new0 (Choose, 1);
  choose->parent = parent ? g_object_ref (parent) : NULL;
  choose->window = GTK_WINDOW (window);
  choose->func = func;
  choose->user_data = user_data;
  choose->destroy = destroy;

  choices = gtk_drop_down_new_from_strings (options);
  choose->choices = GTK_DROP_DOWN (choices);
  gtk_widget_set_name (window, name);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  label = gtk_label_new (message);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), choices);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  accept = gtk_button_new_with_mnemonic (accept_label);
  gtk_widget_set_name (accept, "accept");
  gtk_widget_add_css_class (accept, "suggested-action");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), accept);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (GTK_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "choices", choices);
  g_object_set_data (G_OBJECT (window), "accept", accept);
  g_object_set_data_full (G_OBJECT (window), "gx-choose", choose, choose_free);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  g_signal_connect (accept, "clicked", G_CALLBACK (choose_accept_cb), choose);
  gtk_window_set_default_widget (GTK_WINDOW (window), accept);
  gtk_window_present (GTK_WINDOW (window));
}

/* A question of several buttons (gx_dialogs_ask()) */
typedef struct
{
  GtkWindow *parent;
  GxDialogsAskFunc func;
  gpointer user_data;
  GDestroyNotify destroy;
  guint n_labels;
  guint cancel_index;
  gboolean answered;
  GCancellable *cancellable;    /* GtkAlertDialog */
} Ask;

/* The answer, once: the question may go away more than one way. */
static void
ask_answered (Ask  *ask,
              guint answer)
{
  if (ask->answered)
    return;
  ask->answered = TRUE;
  ask->func (ask->parent, answer < ask->n_labels ? answer : ask->cancel_index, ask->user_data);
}

static void
ask_free (gpointer data)
{
  Ask *ask = data;

  /* gone unanswered (with its parent): that is no */
  ask_answered (ask, ask->cancel_index);
  if (ask->destroy)
    ask->destroy (ask->user_data);
  g_clear_object (&ask->cancellable);
  g_clear_object (&ask->parent);
  g_free (ask);
}

#ifdef GX_USE_FILE_DIALOG
static void
ask_chosen_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Ask *ask = data;
  int button = gtk_alert_dialog_choose_finish (GTK_ALERT_DIALOG (source), result, NULL);

  /* answered already when gx_dialogs_answer() cancelled it */
  g_object_set_data (source, "gx-ask", NULL);
  ask_answered (ask, button >= 0 ? (guint) button : ask->cancel_index);
  ask_free (ask);
}
#else
static void
ask_response_cb (GtkDialog *dialog,
                 int        response,
                 gpointer   data)
{
  Ask *ask = g_object_steal_data (G_OBJECT (dialog), "gx-ask");

  /* the dialog goes first, knowing its parent no more (the parent may go
   * in the answer) */
  g_signal_handlers_disconnect_by_func (dialog, ask_response_cb, data);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (ask == NULL)
    return;
  ask_answered (ask, response >= 0 ? (guint) response : ask->cancel_index);
  ask_free (ask);
}
#endif

GObject *
gx_dialogs_ask (GtkWindow            *parent,
                const char           *message,
                const char           *detail,
                const char * const   *labels,
                guint                 cancel_index,
                guint                 default_index,
                GxDialogsAskFunc      func,
                gpointer              user_data,
                GDestroyNotify        destroy)
{
  Ask *ask;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (message != NULL && labels != NULL && labels[0] != NULL && func != NULL, NULL);
  g_return_val_if_fail (cancel_index < g_strv_length ((char **) labels), NULL);
  g_return_val_if_fail (default_index < g_strv_length ((char **) labels), NULL);

  ask = g_new0 (Ask, 1);
  ask->parent = parent ? g_object_ref (parent) : NULL;
  ask->func = func;
  ask->user_data = user_data;
  ask->destroy = destroy;
  ask->n_labels = g_strv_length ((char **) labels);
  ask->cancel_index = cancel_index;

#ifdef GX_USE_FILE_DIALOG
  {
    g_autoptr(GtkAlertDialog) dialog = gtk_alert_dialog_new ("%s", message);

    gtk_alert_dialog_set_modal (dialog, TRUE);
    if (detail != NULL)
      gtk_alert_dialog_set_detail (dialog, detail);
    gtk_alert_dialog_set_buttons (dialog, labels);
    gtk_alert_dialog_set_cancel_button (dialog, (int) cancel_index);
    gtk_alert_dialog_set_default_button (dialog, (int) default_index);
    ask->cancellable = g_cancellable_new ();
    g_object_set_data (G_OBJECT (dialog), "gx-ask", ask);
    /* the choice holds the dialog until it is answered */
    gtk_alert_dialog_choose (dialog, parent, ask->cancellable, ask_chosen_cb, ask);
    return G_OBJECT (dialog);
  }
#else
  {
    GtkWidget *dialog;

    dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", message);
    if (detail != NULL)
      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
    for (guint i = 0; labels[i] != NULL; i++)
      gtk_dialog_add_button (GTK_DIALOG (dialog), labels[i], (int) i);
    gtk_dialog_set_default_response (GTK_DIALOG (dialog), (int) default_index);
    g_object_set_data_full (G_OBJECT (dialog), "gx-ask", ask, ask_free);
    g_signal_connect (dialog, "response", G_CALLBACK (ask_response_cb), NULL);
    gtk_window_present (GTK_WINDOW (dialog));
    return G_OBJECT (dialog);
  }
#endif
}

void
gx_dialogs_answer (GObject *question,
                   guint    answer)
{
  g_return_if_fail (G_IS_OBJECT (question));

#ifdef GX_USE_FILE_DIALOG
  {
    Ask *ask = g_object_get_data (question, "gx-ask");

    g_return_if_fail (ask != NULL);
    /* the choice ends cancelled; the answer is this one */
    ask_answered (ask, answer);
    g_cancellable_cancel (ask->cancellable);
  }
#else
  gtk_dialog_response (GTK_DIALOG (question), (int) answer);
#endif
}
