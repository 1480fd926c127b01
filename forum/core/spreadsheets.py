"""Text cells a spreadsheet will not run: the one guard every CSV and XLSX export uses."""

# Excel, LibreOffice and Google Sheets read a cell starting with one of these as a formula
# (a tab or carriage return before it is skipped, so those start one too).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell[T](value: T) -> T | str:
    """Neutralise a text cell that would start a formula (CSV/XLSX injection).

    Text typed by young people ends up in files officials open in Excel. A leading
    apostrophe makes the cell literal text and is what spreadsheets themselves show for
    "text that looks like a formula". Numbers are left alone, so figures stay numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
