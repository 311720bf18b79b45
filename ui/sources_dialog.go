package ui

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/syncer"
)

// sourceKinds are the kinds the add dialog offers, in its order.
var sourceKinds = []string{data.KindQualtrics, data.KindTypeform, data.KindSurveyMonkey, data.KindFolder}

// surveyTypeChoices are the survey types a source may force on its score question; "" lets
// the platform's question decide.
var surveyTypeChoices = []string{"", data.TypeNPS, data.TypeENPS, data.TypeCSAT, data.TypeCES, data.TypeStar,
	data.TypeSmiley, data.TypeThumbs, data.TypePMF, data.TypeScore}

// surveyTypeLabels are surveyTypeChoices as a picker shows them, with auto standing for "".
func surveyTypeLabels(auto string) []string {
	labels := make([]string, len(surveyTypeChoices))
	for i, t := range surveyTypeChoices {
		if t == "" {
			labels[i] = auto
		} else {
			labels[i] = typeLabel(t)
		}
	}
	return labels
}

var envVarName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// sourceForm is the dialog that adds or edits an API source or a watched folder. An API
// token typed here goes to the syncer's secrets — a file in the user config directory that
// only the user can read — or stays in the environment variable it names; never into
// Preferences or the database. A saved token is only ever shown masked.
type sourceForm struct {
	s    *sourcesScreen
	v    *sourceView // the source edited; nil when adding
	dlg  *dialog.CustomDialog
	body *fyne.Container

	kind       *widget.Select
	name       *widget.Entry
	url        *widget.Entry
	survey     *widget.Entry
	tokenFrom  *widget.RadioGroup
	token      *widget.Entry
	tokenEnv   *widget.Entry
	path       *widget.Entry
	surveyType *widget.Select
	message    *widget.Label
	save       *widget.Button
	// onSaved is called with the source once it is saved (tests).
	onSaved func(*data.Source)
}

// Where a token comes from, as the radio group's options in English.
const (
	tokenSaved = "Saved on this computer"
	tokenEnv   = "Environment variable"
)

// edit opens the source dialog: v nil adds a source.
func (s *sourcesScreen) edit(v *sourceView) {
	f := newSourceForm(s, v)
	f.dlg.Show()
	f.resize()
	s.form = f
}

func newSourceForm(s *sourcesScreen, v *sourceView) *sourceForm {
	f := &sourceForm{s: s, v: v}
	var kindLabels []string
	for _, k := range sourceKinds {
		kindLabels = append(kindLabels, sourceKindLabel(k))
	}
	f.kind = widget.NewSelect(kindLabels, func(string) { f.layout() })
	f.name = widget.NewEntry()
	f.name.SetPlaceHolder(lang.L("e.g. Website NPS"))
	f.url = widget.NewEntry()
	f.survey = widget.NewEntry()
	f.token = widget.NewPasswordEntry()
	f.tokenEnv = widget.NewEntry()
	f.tokenEnv.SetPlaceHolder("TYPEFORM_TOKEN")
	f.tokenFrom = widget.NewRadioGroup([]string{lang.L(tokenSaved), lang.L(tokenEnv)}, func(string) { f.layout() })
	f.tokenFrom.Horizontal = true
	f.tokenFrom.Required = true
	f.path = widget.NewEntry()
	f.path.SetPlaceHolder(lang.L("The folder your exports are saved to"))
	f.surveyType = widget.NewSelect(surveyTypeLabels(lang.L("As the survey says")), nil)
	f.message = widget.NewLabel("")
	f.message.Importance = widget.DangerImportance
	f.message.Wrapping = fyne.TextWrapWord
	f.message.Hide()
	f.body = container.NewVBox()

	f.tokenFrom.SetSelected(lang.L(tokenSaved))
	f.surveyType.SetSelectedIndex(0)
	title := lang.L("Add a source")
	if v == nil {
		f.kind.SetSelectedIndex(0)
	} else {
		title = lang.L("Edit {{.Name}}", map[string]any{"Name": v.src.Name}) // its name field is locked, so faint
		f.fill(v)
	}

	cancel := widget.NewButton(lang.L("Cancel"), func() { f.dlg.Hide() })
	f.save = widget.NewButtonWithIcon(lang.L("Save"), theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(f.body, f.message), s.a.win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.save})
	f.layout()
	return f
}

// fill sets the fields from the source edited. The name and kind stay as they are: the
// token file is named after the source, and scripts call it by name.
func (f *sourceForm) fill(v *sourceView) {
	src := v.src
	for i, k := range sourceKinds {
		if k == src.Kind {
			f.kind.SetSelectedIndex(i)
		}
	}
	f.kind.Disable()
	f.name.SetText(src.Name)
	f.name.Disable()
	f.url.SetText(src.Config[syncer.ConfigURL])
	f.survey.SetText(src.Config[syncer.ConfigSurvey])
	f.path.SetText(src.Config[syncer.ConfigPath])
	if env := src.Config[syncer.ConfigTokenEnv]; env != "" {
		f.tokenFrom.SetSelected(lang.L(tokenEnv))
		f.tokenEnv.SetText(env)
	}
	for i, t := range surveyTypeChoices {
		if t != "" && t == strings.ToLower(src.Config[syncer.ConfigSurveyType]) {
			f.surveyType.SetSelectedIndex(i)
		}
	}
}

func (f *sourceForm) kindID() string {
	if i := f.kind.SelectedIndex(); i >= 0 {
		return sourceKinds[i]
	}
	return sourceKinds[0]
}

func (f *sourceForm) fromEnv() bool { return f.tokenFrom.Selected == lang.L(tokenEnv) }

// savedToken is the masked token already saved for the source edited, "" when none.
func (f *sourceForm) savedToken() string {
	if f.v == nil || strings.HasPrefix(f.v.token, "$") {
		return ""
	}
	return f.v.token
}

// layout shows the fields the chosen kind needs.
func (f *sourceForm) layout() {
	if f.body == nil {
		return // still being built
	}
	kind := f.kindID()
	form := widget.NewForm(widget.NewFormItem(lang.L("Kind"), f.kind), widget.NewFormItem(lang.L("Name"), f.name))
	if kind == data.KindFolder {
		choose := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), f.chooseFolder)
		form.Append(lang.L("Folder"), container.NewBorder(nil, nil, nil, choose, f.path))
	} else {
		switch kind {
		case data.KindQualtrics:
			f.url.SetPlaceHolder("https://yourdatacenter.qualtrics.com")
			f.survey.SetPlaceHolder("SV_…")
		case data.KindTypeform:
			f.url.SetPlaceHolder(lang.L("https://api.typeform.com (default)"))
			f.survey.SetPlaceHolder(lang.L("The form ID in its URL"))
		default:
			f.url.SetPlaceHolder(lang.L("https://api.surveymonkey.com (default)"))
			f.survey.SetPlaceHolder(lang.L("The survey's numeric ID"))
		}
		surveyLabel := lang.L("Survey ID")
		if kind == data.KindTypeform {
			surveyLabel = lang.L("Form ID")
		}
		form.Append(lang.L("Base URL"), f.url)
		form.Append(surveyLabel, f.survey)
		form.Append(lang.L("API token"), f.tokenFrom)
		if f.fromEnv() {
			form.Append("", f.tokenEnv)
		} else {
			f.token.SetPlaceHolder(lang.L("Paste the API token"))
			if saved := f.savedToken(); saved != "" {
				f.token.SetPlaceHolder(lang.L("{{.Masked}} is saved; paste a new token to replace it", map[string]any{"Masked": saved}))
			}
			form.Append("", f.token)
		}
	}
	form.Append(lang.L("Score question"), f.surveyType)
	note := widget.NewLabel(f.note(kind))
	note.Wrapping = fyne.TextWrapWord
	note.SizeName = theme.SizeNameCaptionText
	f.body.Objects = []fyne.CanvasObject{withWidth(540, form), withWidth(540, note)}
	f.body.Refresh()
	f.resize()
}

// note explains where the token goes, or what a watched folder does.
func (f *sourceForm) note(kind string) string {
	switch {
	case kind == data.KindFolder:
		return lang.L("Each sync imports the exports that are new or changed in the folder; files still being written are left for the next one.")
	case f.fromEnv():
		return lang.L("The token is read from this environment variable of the computer each time the source syncs; Verbatim does not store it.")
	default:
		return lang.L("The token is saved in a file in your user configuration folder that only you can read, never in the database or the settings.")
	}
}

func (f *sourceForm) resize() {
	if f.dlg != nil {
		f.dlg.Resize(fyne.NewSize(600, f.dlg.MinSize().Height))
	}
}

func (f *sourceForm) chooseFolder() {
	dialog.ShowFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			showError(err, f.s.a.win)
			return
		}
		if l != nil {
			f.path.SetText(l.Path())
		}
	}, f.s.a.win)
}

// sourceEdit is what the dialog asks to save.
type sourceEdit struct {
	src      *data.Source
	adding   bool
	token    string // a new token to save; "" keeps the saved one
	fromEnv  bool   // the token comes from an environment variable: a saved file goes
	resetCur bool   // the source now points elsewhere: start its sync from scratch
}

// read checks the fields and returns what to save, or the sentence saying what to fix.
func (f *sourceForm) read() (sourceEdit, string) {
	kind := f.kindID()
	name := strings.TrimSpace(f.name.Text)
	if err := syncer.ValidSourceName(name); err != nil {
		return sourceEdit{}, data.ErrorMessage(err)
	}
	config := map[string]string{}
	if t := surveyTypeChoices[max(f.surveyType.SelectedIndex(), 0)]; t != "" {
		config[syncer.ConfigSurveyType] = t
	}
	e := sourceEdit{adding: f.v == nil}
	if kind == data.KindFolder {
		path := strings.TrimSpace(f.path.Text)
		if path == "" {
			return e, lang.L("Choose the folder to watch.")
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return e, data.ErrorMessage(err)
		}
		config[syncer.ConfigPath] = abs
	} else {
		survey := strings.TrimSpace(f.survey.Text)
		if survey == "" {
			return e, lang.L("Enter the survey or form ID.")
		}
		config[syncer.ConfigSurvey] = survey
		if u := strings.TrimSpace(f.url.Text); u != "" {
			config[syncer.ConfigURL] = u
		} else if kind == data.KindQualtrics {
			return e, lang.L("A Qualtrics source needs its data centre's base URL, such as https://iad1.qualtrics.com.")
		}
		if f.fromEnv() {
			env := strings.TrimSpace(f.tokenEnv.Text)
			if !envVarName.MatchString(env) {
				return e, lang.L("Enter the name of the environment variable that holds the token, such as TYPEFORM_TOKEN.")
			}
			config[syncer.ConfigTokenEnv] = env
			e.fromEnv = true
		} else {
			e.token = strings.TrimSpace(f.token.Text)
			if e.token == "" && f.savedToken() == "" {
				return e, lang.L("Paste the API token.")
			}
			if strings.ContainsAny(e.token, "\r\n") {
				return e, lang.L("The API token must be one line.")
			}
		}
	}
	e.src = &data.Source{Name: name, Kind: kind, Config: config}
	if f.v != nil {
		old := *f.v.src
		e.src = &old
		for _, k := range []string{syncer.ConfigURL, syncer.ConfigSurvey, syncer.ConfigPath} {
			if old.Config[k] != config[k] {
				e.resetCur = true
			}
		}
		e.src.Config = config
	}
	return e, ""
}

// submit saves the source in the background; the dialog stays open, saying what is wrong,
// until that works.
func (f *sourceForm) submit() {
	e, problem := f.read()
	if problem != "" {
		f.fail(problem)
		return
	}
	f.save.Disable()
	f.message.Hide()
	s := f.s
	load(s.a.bg, func(ctx context.Context) (*data.Source, error) {
		return e.src, s.c.saveSource(ctx, e)
	}, func(src *data.Source, err error) {
		f.save.Enable()
		if err != nil {
			f.fail(data.ErrorMessage(err))
			return
		}
		f.dlg.Hide()
		if f.onSaved != nil {
			f.onSaved(src)
		}
		s.afterSave(src, e.adding)
	})
}

func (f *sourceForm) fail(msg string) {
	f.message.SetText(msg)
	f.message.Show()
	f.resize()
}

// afterSave shows the saved source and tests a new one at once: a typo in a token is best
// found now, not at the first sync.
func (s *sourcesScreen) afterSave(src *data.Source, added bool) {
	if added {
		s.testSource(src)
	}
	s.load()
}

// saveSource writes a source from the dialog and its token. A new source whose token cannot
// be saved is removed again, so nothing is left half-added.
func (c *syncControl) saveSource(ctx context.Context, e sourceEdit) error {
	src := e.src
	if src.Kind == data.KindFolder {
		if info, err := os.Stat(src.Config[syncer.ConfigPath]); err != nil || !info.IsDir() {
			return data.Errorf(data.EINVALID, "the folder %s does not exist or is not a folder", src.Config[syncer.ConfigPath])
		}
	}
	store, secrets := c.engine.Store, c.engine.Secrets
	if e.adding {
		if err := store.CreateSource(ctx, src); err != nil {
			return err
		}
		if e.token != "" {
			if err := secrets.SaveToken(src.Name, e.token); err != nil {
				store.DeleteSource(context.WithoutCancel(ctx), src.ID)
				return err
			}
		}
		return nil
	}
	if e.resetCur {
		src.Cursor = ""
	}
	if e.token != "" {
		if err := secrets.SaveToken(src.Name, e.token); err != nil {
			return err
		}
	}
	if err := store.UpdateSource(ctx, src); err != nil {
		return err
	}
	if e.fromEnv {
		return secrets.DeleteToken(src.Name)
	}
	return nil
}
