from django import forms

from .apply import ALL_OR_NOTHING, VALID_ROWS
from .reading import COLUMNS, MAX_BYTES, OPTIONAL_COLUMNS, ImportFileError, decode, read_rows


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Member CSV file",
        help_text=f"UTF-8 CSV, at most {MAX_BYTES // 1024 // 1024} MB, with these columns: {', '.join(COLUMNS)}; "
        f"optionally {', '.join(OPTIONAL_COLUMNS)}.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            # Refused before reading it into memory.
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB. "
                "Split it into smaller files and import them one after the other."
            )
        try:
            self.text = decode(upload.read())
            read_rows(self.text)
        except ImportFileError as error:
            raise forms.ValidationError(error.message) from None
        return upload


class ApplyForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    mode = forms.ChoiceField(choices=[(VALID_ROWS, "Apply all valid rows"), (ALL_OR_NOTHING, "All or nothing")])
